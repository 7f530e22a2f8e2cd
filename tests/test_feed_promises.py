"""A scalar input declared with a SymPy assumption (``positive=True``, ``integer=True``, ...) is fed only values that
keep it: SymPy simplified the cost under that promise, so another value gives a silently wrong number (an independent
probe's K14: ``sqrt(s**2)*w**2 + w`` became ``s*w**2 + w``, and ``s = -2`` trained w to -8e7)."""

import numpy as np
import pytest
import sympy as sp

import symopt
from symopt.binding import PROMISES, promises_of
from symopt.errors import FeedError

w = sp.Symbol("w")


@pytest.mark.parametrize("assumption, kept, broken", [
    ("positive", 2.0, 0.0), ("negative", -1.0, 0.0), ("nonnegative", 0.0, -0.5), ("nonpositive", 0.0, 0.25),
    ("nonzero", -3.0, 0.0), ("integer", 4.0, 0.5), ("even", -2.0, 3.0), ("odd", 3.0, 2.0), ("integer", 1.0, np.nan),
])
def test_values_that_break_the_promise_are_refused_before_anything_runs(assumption, kept, broken):
    s = sp.Symbol("s", **{assumption: True})
    cost = (w - s) ** 2
    f = symopt.compile(cost, w)
    assert f(w=1.0, s=kept)[0] == (1.0 - kept) ** 2
    for run in (lambda: f(w=1.0, s=broken), lambda: symopt.evaluate(cost, {w: 1.0, s: broken}),
                lambda: symopt.minimize(cost, {w: 0.0}, data={s: broken}, steps=3)):
        with pytest.raises(FeedError, match=rf"value for s: expected .*declared with {assumption}=True; given"):
            run()


def test_the_probes_cost_names_the_simplification_sympy_made():
    s = sp.Symbol("s", positive=True)
    cost = sp.sqrt(s ** 2) * w ** 2 + w  # SymPy: s*w**2 + w
    assert symopt.compile(cost, w)(w=1.0, s=2.0) == (3.0, 5.0)
    with pytest.raises(FeedError, match=r"sqrt\(s\*\*2\) and Abs\(s\) become s.*sympy.Symbol\('s', real=True\)"):
        symopt.minimize(cost, {w: 0.0}, data={s: -2.0}, steps=5)


def test_plain_and_real_symbols_take_any_number():
    for s in (sp.Symbol("s"), sp.Symbol("s", real=True), symopt.Placeholder("s")):
        assert promises_of(s) == ()
        assert symopt.compile((w - s) ** 2, w)(w=1.0, s=-2.5)[0] == 12.25


def test_every_promise_is_one_sympy_knows():
    for name in PROMISES:
        assert sp.Symbol("x", **{name: True}).assumptions0[name] is True


def test_numpy_functions_of_a_symbolic_scalar_name_the_sympy_function():
    """An independent probe's K27: ``numpy.exp(-w)`` was NumPy's "loop of ufunc does not support argument 0 of type
    Mul"; what NumPy computes on SymPy scalars (``numpy.add(w, 1)``, ``numpy.abs(w)``) stays as it was."""
    from symopt.errors import UnsupportedOperationError
    v = symopt.Variable("v", 2.0)
    with pytest.raises(UnsupportedOperationError, match=r"numpy.exp of the symbolic -v.*sympy.exp\(\.\.\.\)"):
        np.exp(-v)
    with pytest.raises(UnsupportedOperationError, match=r"numpy.arctan of the symbolic v.*sympy.atan"):
        np.arctan(v)
    assert np.add(v, 1) == v + 1 and np.abs(w) == sp.Abs(w) and list(np.array([w, v]) * 2) == [2 * w, 2 * v]
