"""Every example notebook executes without error (issue: notebooks run in CI)."""

import pathlib

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((pathlib.Path(__file__).resolve().parent.parent / "examples" / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS], "examples/notebooks is empty"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_executes_without_error(path):
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
              if output.output_type == "error"]
    assert errors == []


def test_shipped_notebooks_are_built_from_examples_build_notebooks():
    """The saved notebooks hold exactly the cells of ``examples/build_notebooks.py`` (rebuild them after a change)."""
    import importlib.util
    builder_path = NOTEBOOKS[0].parent.parent / "build_notebooks.py"
    spec = importlib.util.spec_from_file_location("build_notebooks", builder_path)
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    assert sorted(builder.NOTEBOOKS) == [path.name for path in NOTEBOOKS]
    for path in NOTEBOOKS:
        saved = [(cell.cell_type, cell.source) for cell in nbformat.read(path, as_version=4).cells]
        assert saved == [(cell.cell_type, cell.source) for cell in builder.NOTEBOOKS[path.name]], path.name
