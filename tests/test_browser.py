"""The course as students use it: JupyterLab in a real browser (Debian's Chromium driven by
Playwright, no browser download). Every chapter is run top to bottom for real; no cell may show
an error; widgets render and a quiz answers a click; streamed output shows while a command runs.
Screenshots are kept in test-artifacts/browser/."""
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from course_lib.paths import REPO, chapter_notebooks

CHROMIUM = shutil.which("chromium")
ARTIFACTS = REPO / "test-artifacts" / "browser"
CHAPTER_TIMEOUT = 900  # seconds for one chapter to run all its cells
ERROR = re.compile(r"Traceback \(most recent call last\)|^\s*(\w+Error|\w+Exception|CommandFailed|"
                   r"EngineUnavailable|CourseError)\b[^\n]*:", re.MULTILINE)

playwright = pytest.importorskip("playwright.sync_api")
if not shutil.which("chromium"):
    pytest.skip("Chromium is not installed: `./course test` installs it on Debian/Ubuntu as root; "
                "elsewhere install Chromium to run the browser tests.", allow_module_level=True)


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1 with a token, serving a copy of the chapters (autosave must never
    write a test run's outputs into the committed notebooks)."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    port, token = _free_port(), secrets.token_hex(16)
    log = open(root / "jupyterlab.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
         "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail(f"JupyterLab did not start: {(root / 'jupyterlab.log').read_text()[-2000:]}")
            time.sleep(0.5)
    yield {"base": base, "token": token, "root": root}
    server.terminate()
    server.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
            "--disable-background-networking", "--disable-component-update"])
        yield chromium
        chromium.close()


def _open(browser, lab, path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{lab['base']}/lab/tree/{path}?reset&token={lab['token']}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60000)
    try:  # JupyterLab may ask which kernel to use: the notebook's own (Python 3)
        page.click(".jp-Dialog button.jp-mod-accept", timeout=3000)
    except playwright.Error:
        pass
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60000)
    return page


def _prompts(page):
    return page.eval_on_selector_all(".jp-CodeCell .jp-InputArea-prompt", "els => els.map(e => e.textContent)")


def _run_all(page, timeout):
    page.click("div.lm-MenuBar-itemLabel:text-is('Run')")
    page.click("li[data-command='runmenu:run-all']")
    page.wait_for_function("() => !Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt'))"
                           ".some(e => e.textContent.includes('*'))", timeout=timeout * 1000, polling=1000)


def _stop_kernels(lab):
    request = urllib.request.Request(f"{lab['base']}/api/sessions?token={lab['token']}")
    import json
    for session in json.loads(urllib.request.urlopen(request, timeout=10).read()):
        urllib.request.urlopen(urllib.request.Request(
            f"{lab['base']}/api/sessions/{session['id']}?token={lab['token']}", method="DELETE"), timeout=30)


@pytest.mark.parametrize("chapter", [p.name for p in chapter_notebooks()])
def test_chapter_runs_in_jupyterlab(browser, lab, chapter):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = _open(browser, lab, f"notebooks/{chapter}")
    try:
        _run_all(page, CHAPTER_TIMEOUT)
        page.screenshot(path=str(ARTIFACTS / f"{chapter}.png"), full_page=False)
        prompts = _prompts(page)
        assert prompts and all(re.fullmatch(r"\[\d+\]:", p) for p in prompts), \
            f"not every cell ran (Run All stops at an error): {prompts}"
        outputs = page.eval_on_selector_all(".jp-OutputArea-output", "els => els.map(e => e.innerText)")
        errors = [o for o in outputs if ERROR.search(o)]
        assert not errors, errors[0][:2000]
        quizzes = page.query_selector_all(".widget-radio-box")
        if quizzes:  # widgets render, and a quiz answers a click
            quizzes[0].query_selector("input").check()
            box = quizzes[0].evaluate_handle("e => e.closest('.widget-vbox')")
            box.as_element().query_selector("button:has-text('Check my answer')").click()
            page.wait_for_function("b => /✔|✘/.test(b.innerText)", arg=box, timeout=10000)
            page.screenshot(path=str(ARTIFACTS / f"{chapter}-quiz.png"))
        else:
            assert chapter.startswith("00_"), f"{chapter} has no quiz"
    finally:
        page.close()
        _stop_kernels(lab)


def test_output_streams_in_the_browser(browser, lab):
    """A long command's first lines show while it still runs: the student sees progress."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook
    notebook = new_notebook(cells=[new_code_cell(
        "%load_ext course_lib\n%docker run --rm busybox sh -c 'echo first; sleep 6; echo second'")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, lab["root"] / "streaming.ipynb")
    page = _open(browser, lab, "streaming.ipynb")
    try:
        page.click(".jp-CodeCell .jp-InputArea-editor")
        page.keyboard.press("Shift+Enter")
        line = "t => Array.from(document.querySelectorAll('.jp-OutputArea-output'))" \
               ".some(e => e.innerText.split('\\n').some(l => l.trim() === t))"
        page.wait_for_function(line, arg="first", timeout=30000)
        still_running = "*" in _prompts(page)[0]
        second_shown = page.evaluate(f"({line})('second')")
        page.screenshot(path=str(ARTIFACTS / "streaming.png"))
        assert still_running and not second_shown  # the first line shows while the command runs
        page.wait_for_function(line, arg="second", timeout=30000)
    finally:
        page.close()
        _stop_kernels(lab)


def test_slides_are_readable_from_the_back_of_the_room(browser, lab):
    """jupyterlab-rise shows a chapter as slides, with large text (notebooks/rise.css)."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(f"{lab['base']}/rise/notebooks/00_setup.ipynb?token={lab['token']}")
        page.wait_for_selector(".reveal .slides section.present h1", timeout=60000)
        size = "s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)"
        assert page.evaluate(size, ".reveal .slides section.present h1") >= 48
        page.keyboard.press("ArrowRight")
        page.wait_for_selector(".reveal .slides section.present p", timeout=10000)
        assert page.evaluate(size, ".reveal .slides section.present p") >= 24
        page.screenshot(path=str(ARTIFACTS / "slides.png"))
    finally:
        page.close()
        _stop_kernels(lab)
