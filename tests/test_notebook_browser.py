"""The shipped notebooks, opened untrusted in a real JupyterLab in headless Chromium, show every output.

One JupyterLab server (``jupyterlab`` from PyPI; 127.0.0.1, a free port, a temporary root, no
token, no browser) and one headless Debian ``chromium`` driven by ``playwright`` serve all the
notebooks.  The notebooks are copied into the server's root, so nothing in the repository is
touched, and the Jupyter directories are temporary, so no trust signature exists: every notebook
opens untrusted, as a downloaded one does.  From the DOM, for every output saved in the file:

* LaTeX (``text/latex``) is typeset by MathJax (``mjx-container``, no raw ``$$`` or ``\\begin``);
* a computation graph is an image of our SVG that the browser decoded, whose text holds the labels;
* a plot (``image/png``) is an image the browser decoded;
* HTML (tables, code) is rendered, and nothing is an error or a traceback.

``python tests/test_notebook_browser.py docs/images`` writes one screenshot per notebook.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from xml.etree import ElementTree

import nbformat
import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "examples" / "notebooks").glob("*.ipynb"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SERVER_START_S = 90
PAGE_TIMEOUT_MS = 60_000
VIEWPORT_WIDTH = 1100
#: Every cell rendered (no windowing), so the DOM holds every output at once; no news pop-up.
LAB_SETTINGS = {"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
                "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}}
MAX_SCREENSHOT_HEIGHT = 6000


def _free_port() -> int:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        return listener.getsockname()[1]


@contextlib.contextmanager
def jupyterlab(notebooks: list[pathlib.Path]):
    """A JupyterLab server on 127.0.0.1 serving copies of ``notebooks``; yields its URL and Jupyter data directory."""
    with tempfile.TemporaryDirectory(prefix="symopt-lab-") as temporary:
        home = pathlib.Path(temporary)
        root = home / "root"
        root.mkdir()
        for path in notebooks:
            shutil.copy(path, root / path.name)
        for plugin, values in LAB_SETTINGS.items():
            package, name = plugin.split(":")
            settings = home / "settings" / package / f"{name}.jupyterlab-settings"
            settings.parent.mkdir(parents=True, exist_ok=True)
            settings.write_text(json.dumps(values))
        env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
               "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
               "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"), "HOME": str(home)}
        port = _free_port()
        command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
                   "--port-retries=0", f"--ServerApp.root_dir={root}", "--IdentityProvider.token=",
                   "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
                   "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                   "--ServerApp.jpserver_extensions={'jupyter_lsp': False, 'jupyter_server_terminals': False}",
                   "--allow-root"]
        log = open(home / "server.log", "wb")
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + SERVER_START_S
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/api/status", timeout=2):
                        break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        log.close()
                        raise RuntimeError("JupyterLab did not start:\n" + (home / "server.log").read_text()[-3000:])
                    time.sleep(0.3)
            yield url, home / "data"
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.close()


#: Runs in the page: one record per output of every code cell, in order.
COLLECT_OUTPUTS = """(panel) => Array.from(document.querySelectorAll(panel + ' .jp-CodeCell')).map(cell =>
  Array.from(cell.querySelectorAll('.jp-OutputArea-output')).map(output => {
    const images = Array.from(output.querySelectorAll('img')).map(img => ({
      src: img.getAttribute('src') || '', loaded: img.complete && img.naturalWidth > 0,
      width: img.getBoundingClientRect().width, naturalWidth: img.naturalWidth}));
    const box = output.querySelector('.symopt-graph-box');
    return {
      mime: output.getAttribute('data-mime-type') || (output.firstElementChild &&
            output.firstElementChild.getAttribute('data-mime-type')) || '',
      classes: output.className,
      text: output.innerText,
      mathjax: output.querySelectorAll('mjx-container').length,
      mathjaxErrors: output.querySelectorAll('mjx-merror, [data-mjx-error]').length,
      images: images,
      areaWidth: output.getBoundingClientRect().width,
      scrollWidth: output.scrollWidth, clientWidth: output.clientWidth,
      graphBox: box && {width: box.getBoundingClientRect().width, clientWidth: box.clientWidth,
                        scrollWidth: box.scrollWidth, overflowX: getComputedStyle(box).overflowX},
    };
  }))"""


def _merged_streams(outputs) -> list[dict]:
    """Consecutive stream outputs of one name as one output, as JupyterLab shows them."""
    merged: list[dict] = []
    for output in map(dict, outputs):
        previous = merged[-1] if merged else {}
        if output["output_type"] == "stream" and previous.get("output_type") == "stream" \
                and previous["name"] == output["name"]:
            merged[-1] = {**previous, "text": previous["text"] + output["text"]}
        else:
            merged.append(output)
    return merged


def saved_outputs(path: pathlib.Path) -> list[list[dict]]:
    """The outputs saved in the notebook file, per code cell."""
    notebook = nbformat.read(path, as_version=4)
    return [_merged_streams(cell.outputs) for cell in notebook.cells if cell.cell_type == "code"]


def is_trusted(path: pathlib.Path, data_dir: pathlib.Path) -> bool:
    """Whether Jupyter, with the data directory ``data_dir``, holds a signature for the notebook."""
    from nbformat.sign import NotebookNotary
    notary = NotebookNotary(data_dir=str(data_dir))
    try:
        return notary.check_signature(nbformat.read(path, as_version=4))
    finally:
        notary.store.close()


def open_notebook(page, url: str, name: str, latex_outputs: int) -> list[list[dict]]:
    """Open ``name`` alone (a fresh workspace), wait for MathJax; return the outputs found in the DOM."""
    page.goto(f"{url}/lab/tree/{name}?reset", timeout=PAGE_TIMEOUT_MS)
    panel = ".jp-NotebookPanel:not(.lm-mod-hidden)"
    page.wait_for_selector(f"{panel} .jp-CodeCell", timeout=PAGE_TIMEOUT_MS)
    page.wait_for_function(
        """([panel, count]) => document.querySelectorAll(panel + ' .jp-OutputArea-output mjx-container').length
                                >= count""", arg=[panel, latex_outputs], timeout=PAGE_TIMEOUT_MS)
    page.wait_for_function(
        """(panel) => Array.from(document.querySelectorAll(panel + ' .jp-OutputArea-output img'))
                        .every(img => img.complete)""", arg=panel, timeout=PAGE_TIMEOUT_MS)
    return page.evaluate(COLLECT_OUTPUTS, panel)


def screenshot(page, path: pathlib.Path) -> None:
    """The whole notebook in one picture, without the file browser: the viewport is made as tall as the notebook."""
    if page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").count():
        page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").first.click()
    height = page.evaluate("""() => {
        const outer = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
        return outer ? outer.scrollHeight : document.body.scrollHeight; }""")
    page.set_viewport_size({"width": VIEWPORT_WIDTH, "height": min(MAX_SCREENSHOT_HEIGHT, int(height) + 160)})
    page.wait_for_timeout(500)
    bottom = page.evaluate("""() => Math.max(...Array.from(document.querySelectorAll(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell')).map(cell => cell.getBoundingClientRect().bottom))""")
    page.screenshot(path=str(path), clip={"x": 0, "y": 0, "width": VIEWPORT_WIDTH,
                                          "height": min(MAX_SCREENSHOT_HEIGHT, int(bottom) + 24)})
    page.set_viewport_size({"width": VIEWPORT_WIDTH, "height": 900})


def _svg_labels(svg: str) -> list[str]:
    root = ElementTree.fromstring(svg)
    return ["".join(span.itertext()) for span in root.iter("{http://www.w3.org/2000/svg}tspan")]


def check_output(saved: dict, shown: dict, where: str) -> None:
    """One output as the browser shows it, against the output saved in the file."""
    assert saved["output_type"] != "error", f"{where}: the notebook holds an error: {saved.get('evalue')}"
    assert not (saved["output_type"] == "stream" and saved["name"] == "stderr"), \
        f"{where}: the notebook holds standard-error text: {saved['text'][:200]}"
    assert "error" not in shown["mime"] and "jp-mod-error" not in shown["classes"], f"{where}: shown as an error"
    data = saved.get("data", {})
    if "<img class=\"symopt-graph\"" in data.get("text/html", ""):
        assert shown["mime"] == "text/html", f"{where}: the graph is shown as {shown['mime']}"
        [image] = shown["images"]
        assert image["loaded"], f"{where}: the browser did not decode the graph"
        box = shown["graphBox"]
        assert box and box["width"] <= shown["areaWidth"] + 1, f"{where}: the graph's box is wider than the output area"
        # the SVG's labels are 14 px at its own width: shown at 9 px or more (probe59 P59-4), scrolled where wider
        assert image["width"] * 14 / image["naturalWidth"] >= 9 - 0.05, f"{where}: the graph's labels are below 9 px"
        if image["width"] > box["clientWidth"] + 1:
            assert box["overflowX"] in ("auto", "scroll") and box["scrollWidth"] >= image["width"] - 1, \
                f"{where}: a graph wider than the output area cannot be scrolled"
        prefix = "data:image/svg+xml;base64,"
        assert image["src"].startswith(prefix), f"{where}: the graph's image lost its source"
        svg = base64.b64decode(image["src"][len(prefix):]).decode("utf-8")
        assert svg == data["image/svg+xml"], f"{where}: the graph shown differs from the graph saved"
        labels = _svg_labels(svg)
        assert labels and all(label.strip() for label in labels), f"{where}: the graph has no labels"
    elif "text/latex" in data and "text/html" not in data:
        assert shown["mime"] == "text/latex", f"{where}: LaTeX shown as {shown['mime']}"
        assert shown["mathjax"] >= 1, f"{where}: LaTeX not typeset: {shown['text'][:200]}"
        assert shown["mathjaxErrors"] == 0, f"{where}: MathJax reports an error: {shown['text'][:200]}"
        for raw in ("$$", "\\begin", "\\frac", "\\leftarrow"):
            assert raw not in shown["text"], f"{where}: raw LaTeX {raw!r} on the page: {shown['text'][:200]}"
    elif "image/png" in data and "text/html" not in data:
        assert shown["mime"] == "image/png", f"{where}: a plot shown as {shown['mime']}"
        assert len(shown["images"]) == 1 and shown["images"][0]["loaded"], f"{where}: the plot is not shown"
    elif "text/html" in data:
        assert shown["mime"] == "text/html", f"{where}: HTML shown as {shown['mime']}"
        assert shown["text"].strip(), f"{where}: the HTML output is empty"


@pytest.fixture(scope="module")
def browser_page():
    """One JupyterLab server and one headless Chromium page for every notebook."""
    pytest.importorskip("jupyterlab")
    sync_api = pytest.importorskip("playwright.sync_api")
    if CHROMIUM is None:
        pytest.skip("needs Debian's chromium package (.ci/run installs it)")
    with jupyterlab(NOTEBOOKS) as (url, data_dir), sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield url, data_dir, browser.new_page(viewport={"width": VIEWPORT_WIDTH, "height": 900})
        finally:
            browser.close()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_untrusted_notebook_shows_every_output_in_jupyterlab(path, browser_page):
    url, data_dir, page = browser_page
    assert not is_trusted(path, data_dir), "the notebook must open untrusted, as a downloaded one does"
    saved = saved_outputs(path)
    latex = sum("text/latex" in o.get("data", {}) and "text/html" not in o.get("data", {})
                for cell in saved for o in cell)
    shown = open_notebook(page, url, path.name, latex)
    assert [len(cell) for cell in shown] == [len(cell) for cell in saved], "outputs missing in the page"
    for index, (saved_cell, shown_cell) in enumerate(zip(saved, shown)):
        for number, (saved_output, shown_output) in enumerate(zip(saved_cell, shown_cell)):
            check_output(saved_output, shown_output, f"{path.name}, code cell {index}, output {number}")


def write_screenshots(directory: pathlib.Path) -> None:
    """One screenshot per notebook, as JupyterLab shows it untrusted, into ``directory``."""
    from playwright.sync_api import sync_playwright
    directory.mkdir(parents=True, exist_ok=True)
    with jupyterlab(NOTEBOOKS) as (url, _), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": VIEWPORT_WIDTH, "height": 900})
        for path in NOTEBOOKS:
            saved = saved_outputs(path)
            latex = sum("text/latex" in o.get("data", {}) and "text/html" not in o.get("data", {})
                        for cell in saved for o in cell)
            open_notebook(page, url, path.name, latex)
            screenshot(page, directory / f"notebook_{path.stem}.png")
            print("wrote", directory / f"notebook_{path.stem}.png")
        browser.close()


if __name__ == "__main__":
    write_screenshots(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "docs/images"))
