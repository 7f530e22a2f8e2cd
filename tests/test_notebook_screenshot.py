"""A real browser shows the notebooks' LaTeX and SVG outputs (headless Chromium, Debian's package).

The notebook's rich outputs are laid out in a page of our own (nbconvert would need MathJax from
the network): each LaTeX or SVG output in its own fixed-size box, so the screenshot can be checked
box by box for ink.
"""

import html
import pathlib
import shutil
import subprocess

import matplotlib.image
import nbformat
import numpy as np
import pytest

NOTEBOOKS = pathlib.Path(__file__).resolve().parent.parent / "examples" / "notebooks"
BOX_HEIGHT = 160
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def rich_outputs(path: pathlib.Path) -> list[tuple[str, str]]:
    notebook = nbformat.read(path, as_version=4)
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for kind in ("image/svg+xml", "text/latex"):
                if kind in data:
                    found.append((kind, data[kind]))
    return found


def page(outputs: list[tuple[str, str]]) -> str:
    boxes = []
    for kind, content in outputs:
        inner = content if kind == "image/svg+xml" else f"<div class='latex'>{html.escape(content)}</div>"
        boxes.append(f"<div class='box' style='height:{BOX_HEIGHT}px;overflow:hidden'>{inner}</div>")
    style = ("body{margin:0;background:#fff;font-family:serif;font-size:18px}"
             ".box svg{max-height:100%;max-width:100%}.latex{padding:8px;white-space:pre-wrap}")
    return f"<!doctype html><html><head><style>{style}</style></head><body>{''.join(boxes)}</body></html>"


def screenshot(html_text: str, directory: pathlib.Path, height: int) -> np.ndarray:
    page_path = directory / "page.html"
    page_path.write_text(html_text, encoding="utf-8")
    image = directory / "shot.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={directory / 'profile'}", f"--screenshot={image}",
                    f"--window-size=900,{height}", page_path.as_uri()],
                   check=True, capture_output=True, timeout=120)
    return matplotlib.image.imread(str(image))


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium package (.ci/run installs it)")
@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def test_latex_and_svg_outputs_are_not_blank_in_a_browser(path, tmp_path):
    outputs = rich_outputs(path)
    assert outputs, f"{path.name} has no LaTeX or SVG output to show"
    pixels = screenshot(page(outputs), tmp_path, BOX_HEIGHT * len(outputs))
    gray = pixels[..., :3].mean(axis=2)
    for index, (kind, _) in enumerate(outputs):
        box = gray[index * BOX_HEIGHT:(index + 1) * BOX_HEIGHT]
        ink = (box < 0.6).mean()
        assert ink > 0.001, f"output {index} ({kind}) of {path.name} rendered blank"
