"""final46e 46e-6: the modules of the end-point checks and of the 0*log(0) diagnosis stay under 400 lines, with
lines of at most 120 characters (the project's rules)."""

import pathlib

import pytest

SYMOPT = pathlib.Path(__file__).resolve().parent.parent / "symopt"
MODULES = ("end_point_checks.py", "cost_probes.py", "zero_log_products.py", "run_diagnoses.py", "jax_diagnoses.py")


@pytest.mark.parametrize("name", MODULES)
def test_module_is_small_and_its_lines_short(name):
    lines = (SYMOPT / name).read_text(encoding="utf-8").splitlines()
    assert len(lines) < 400
    assert [number for number, line in enumerate(lines, 1) if len(line) > 120] == []
