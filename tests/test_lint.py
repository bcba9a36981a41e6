"""lint: hadolint's findings, each with its line and why it matters (runs the real hadolint)."""
from course_lib import lint


def test_findings_are_readable(tmp_path, capsys):
    path = tmp_path / "Dockerfile"
    path.write_text("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y python3\n"
                    "CMD python3 -c 'print(1)'\n")
    found = lint.report(path)
    assert {"DL3008", "DL3015", "DL3025"} <= lint.codes(found)
    assert not lint.passes(found)
    cmd = next(f for f in found if f.code == "DL3025")
    assert cmd.line == 3 and cmd.written.startswith("CMD python3") and "signals" in cmd.why
    printed = capsys.readouterr().out
    assert "hadolint:" in printed and "line 3 [warning] DL3025" in printed


def test_a_good_dockerfile_passes(tmp_path, capsys):
    path = tmp_path / "Dockerfile"
    path.write_text('FROM python:3.11-slim\nWORKDIR /app\nCOPY app.py .\nUSER 65534\nCMD ["python", "app.py"]\n')
    found = lint.report(path)
    assert lint.passes(found) and found == []
    assert "no findings" in capsys.readouterr().out


def test_unknown_codes_point_to_the_wiki():
    assert "hadolint/wiki/DL9999" in lint._why("DL9999")
    assert "shellcheck.net/wiki/SC2086" in lint._why("SC2086")
