"""Every module of symopt compiles without a warning (an invalid escape such as ``\\d`` in a docstring
is a SyntaxWarning today and a SyntaxError in a later Python)."""

import pathlib
import warnings

import pytest

SOURCES = sorted((pathlib.Path(__file__).resolve().parent.parent / "symopt").rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_module_compiles_without_warnings(path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        compile(path.read_text(encoding="utf-8"), str(path), "exec")
