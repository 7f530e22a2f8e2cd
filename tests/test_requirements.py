"""NumPy 1.x and SymPy before 1.14 are refused by name, not run (probe67 P67-1: a bare KeyError on first use with
SymPy 1.12/1.13; P67-2: float32 programs silently computed in float64 under NumPy 1.26's promotion)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from symopt.errors import DependencyError, SymoptError
from symopt.requirements import OLDEST, check_requirements, release, too_old

ROOT = Path(__file__).resolve().parent.parent


def test_the_releases_symopt_was_found_to_fail_on_are_refused_with_the_upgrade_to_run():
    assert too_old({"numpy": "1.26.4", "sympy": "1.14.0"}) == ["numpy"]
    assert too_old({"numpy": "2.0.2", "sympy": "1.13.3"}) == ["sympy"]
    assert too_old({"numpy": "2.0.0rc1", "sympy": "1.14.0.dev0"}) == []
    assert too_old({"numpy": "2", "sympy": "v1.14"}) == []  # unreadable: not judged (review final43m F43m-9)
    with pytest.raises(DependencyError) as raised:
        check_requirements({"numpy": "1.26.4", "sympy": "1.12.1"})
    message = str(raised.value)
    assert "numpy 1.26.4 (symopt needs 2.0 or newer)" in message and "sympy 1.12.1 (symopt needs 1.14" in message
    assert "pip install --upgrade 'numpy>=2.0' 'sympy>=1.14'" in message
    assert isinstance(raised.value, (ImportError, SymoptError))


def test_the_installed_releases_pass_and_pyproject_declares_the_same_floors():
    import sympy
    check_requirements()  # this environment runs the suite
    assert release(np.__version__) >= OLDEST["numpy"] and release(sympy.__version__) >= OLDEST["sympy"]
    declared = re.search(r"^dependencies = \[(.*)\]", (ROOT / "pyproject.toml").read_text(), re.M).group(1)
    floors = dict(re.findall(r'"(\w+)>=([\d.]+)"', declared))
    assert {name: release(version) for name, version in floors.items()} == OLDEST


def test_numpy_2_keeps_a_float32_scalar_times_a_python_number_in_float32():
    """The promotion the generated code relies on (NEP 50), which NumPy 1.x did not have."""
    assert (np.float32(1.5) * 2.0).dtype == np.float32 and (np.float32(1.5) ** 2).dtype == np.float32
