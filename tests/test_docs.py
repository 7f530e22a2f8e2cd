"""Code in the docs runs: every ```python block of README.md and docs/*.md executes, in order, in one
namespace per page; ```pycon blocks are doctests (their printed output is checked).
docs/reference.md is what docs/make_reference.py writes from the docstrings."""

import doctest
import pathlib
import re
import runpy

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = pathlib.Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md"] + sorted((ROOT / "docs").glob("*.md"))
BLOCK = re.compile(r"```(python|pycon)\n(.*?)```", re.S)


def blocks(page: pathlib.Path):
    return [(kind, body) for kind, body in BLOCK.findall(page.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_code_blocks_run(page, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace: dict = {"__name__": f"docs_{page.stem}"}
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for index, (kind, body) in enumerate(blocks(page)):
        if kind == "python" and not body.lstrip().startswith(">>>"):
            exec(compile(body, f"{page.name}[block {index}]", "exec"), namespace)
        else:
            test = parser.get_doctest(body, namespace, f"{page.name}[block {index}]", str(page), 0)
            result = runner.run(test, clear_globs=False)
            namespace.update(test.globs)  # DocTest copies the globals: carry its names to the next block
            assert result.failed == 0, f"doctest block {index} of {page.name} failed"


def test_reference_page_is_generated_from_the_docstrings():
    generator = runpy.run_path(str(ROOT / "docs" / "make_reference.py"))
    assert (ROOT / "docs" / "reference.md").read_text(encoding="utf-8") == generator["render"](), \
        "docs/reference.md is stale: run python docs/make_reference.py"
