"""buildlog against real builds on the engine: steps, cache hits, context size, failures explained."""
import pytest

from course_lib import buildlog, live, naming


@pytest.fixture
def context(tmp_path):
    (tmp_path / "note.txt").write_text("hello\n")
    return tmp_path


def _build(context, tag, expect_failure=False, options=""):
    return live.run(f"docker build {options} -t {tag} {context}", echo=False, expect_failure=expect_failure)


def test_steps_cache_and_context_size(context, client):
    (context / "Dockerfile").write_text(
        "FROM busybox:latest\n# a comment\nWORKDIR /app\nCOPY note.txt .\nRUN cat note.txt\n")
    tag = naming.name("t-buildlog-ok")
    first = _build(context, tag, options="--no-cache")
    again = _build(context, tag)
    try:
        steps = buildlog.steps(first)
        assert [s.keyword for s in steps][:4] == ["FROM", "WORKDIR", "COPY", "RUN"]
        assert steps[3].output == ["hello"] and not any(s.cached for s in steps)
        assert buildlog.cache_hits(again) == len(buildlog.steps(again)) - 1  # all but FROM
        assert 0 < buildlog.context_size(first) < 10_000
    finally:
        assert buildlog.tidy([first, again], client) == 0  # a tagged, successful build leaves nothing
        client.images.remove(tag)


def test_failed_run_is_explained_with_its_line_and_tidied(context, client):
    (context / "Dockerfile").write_text(
        "FROM busybox:latest\nWORKDIR /app\n\nRUN echo start \\\n && no-such-command\nCMD [\"sh\"]\n")
    failed = _build(context, naming.name("t-buildlog-bad"), expect_failure=True)
    failure = buildlog.explain(failed, context / "Dockerfile")
    assert (failure.line, failure.end_line, failure.keyword, failure.step) == (4, 5, "RUN", 3)
    assert failure.exit_code == 127 and "no-such-command: not found" in " ".join(failure.output)
    assert "line 4 of Dockerfile" in str(failure) and "non-zero code: 127" in str(failure)
    assert buildlog.failure_hint(failed).strip() == str(failure)
    assert buildlog.tidy([failed], client) == 2  # the failed step's container and the WORKDIR image


def test_parse_error_and_missing_file(context, client):
    (context / "Dockerfile").write_text("FROM busybox:latest\nCOPYY a b\n")
    failed = _build(context, naming.name("t-buildlog-parse"), expect_failure=True)
    failure = buildlog.explain(failed, context / "Dockerfile")
    assert failure.line == 2 and failure.step is None and "unknown instruction" in failure.message
    (context / "Dockerfile").write_text("FROM busybox:latest\nCOPY missing.txt /\n")
    failed = _build(context, naming.name("t-buildlog-copy"), expect_failure=True)
    failure = buildlog.explain(failed, context / "Dockerfile")
    assert failure.line == 2 and failure.keyword == "COPY" and "COPY failed" in failure.message
    assert "build context" in failure.advice
    buildlog.tidy([failed], client)


def test_instructions_and_dockerfile_location(tmp_path):
    path = tmp_path / "x.Dockerfile"
    path.write_text("# escape=`\nFROM busybox:latest\nRUN echo a `\n  # inside\n  b\nCMD [\"sh\"]\n")
    found = buildlog.instructions(path)
    assert [(i.keyword, i.line, i.end_line) for i in found] == [("FROM", 2, 2), ("RUN", 3, 5), ("CMD", 6, 6)]
    argv = ["docker", "build", "--label", "a=b", "-t", "x", "-f", str(path), str(tmp_path)]
    assert buildlog.build_dockerfile(argv) == path
    assert buildlog.build_dockerfile(["docker", "build", "-t", "x", "ctx"]) == buildlog.Path("ctx/Dockerfile")
    assert buildlog.build_dockerfile(["docker", "build", "-"]) is None


def test_explain_refuses_a_successful_build():
    ok = live.Result("docker build .", ["docker", "build", "."], 0, "", "", 0.1)
    with pytest.raises(ValueError):
        buildlog.explain(ok, "Dockerfile")
