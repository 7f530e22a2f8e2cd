"""final44a F44a-3: the IndexedBase refusal and the advice for a finite ``Sum`` point to the vectorized form
docs/models.md shows ('Write whole matrices and slices, not entries'), not only to entries ``x[k, 0]`` (a sum over
N entries compiles to N lines of scalar code: 117x hand NumPy at N = 1000, probe72 P72-11)."""

import pathlib

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import UnsupportedOperationError

SECTION = "Write whole matrices and slices, not entries"
w = sympy.Symbol("w")


def test_the_section_the_advice_names_exists():
    models = pathlib.Path(__file__).resolve().parents[1] / "docs" / "models.md"
    assert f"### {SECTION}\n" in models.read_text()


def test_the_indexed_base_refusal_names_slices_and_the_section():
    x = sympy.IndexedBase("x")
    with pytest.raises(UnsupportedOperationError) as error:
        symopt.compile(sum((w * x[k] - 1) ** 2 for k in range(3)), w)
    message = str(error.value)
    assert "x[1:, :]" in message and "symopt.ops.sum" in message and SECTION in message
    assert message.index("x[1:, :]") < message.index("x[k, 0]")


def test_a_finite_sum_is_told_ops_sum_and_the_section():
    i = sympy.Symbol("i", integer=True)
    with pytest.raises(UnsupportedOperationError, match=r"symopt\.ops\.sum") as error:
        symopt.compile(sympy.Sum((w - i) ** 2, (i, 0, 3)), w)
    assert SECTION in str(error.value)


def test_the_vectorized_fix_in_api_md_runs():
    """docs/api.md's fix for the refused cost: a Placeholder and ``ops.sum``, against hand NumPy."""
    x = symopt.Placeholder("x", (3,))
    f = symopt.compile(ops.sum(ops.square(w * x - sympy.OneMatrix(3, 1))), w)
    xv = np.array([1.0, 2.0, 3.0])
    value, gradient = f(w=0.5, x=xv)
    assert value == np.sum((0.5 * xv - 1) ** 2)
    np.testing.assert_allclose(gradient, np.sum(2 * (0.5 * xv - 1) * xv), rtol=1e-15)
