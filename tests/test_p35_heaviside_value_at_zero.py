"""probe35 P35-2: ``Heaviside(x, h0)`` with a symbolic ``h0`` (a parameter or data).  ``grad``/``derive`` dropped
:math:`\\partial/\\partial h_0 = [x = 0]` (``derive`` showed 1.5 where ``w³ + w`` has slope 1.75) and ``compile``
refused it as "float() of a symbolic w: build the cost with SymPy's functions".  Oracle: the cost written out at
``x = 0`` (``w**3 + w``) and elsewhere, differentiated by SymPy.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt

w, x, v = sympy.symbols("w x v")
COST = sympy.Heaviside(x, w) * w**2 + w


@pytest.mark.parametrize("at_x, written_out", [(0.0, w**3 + w), (1.0, w**2 + w), (-1.0, w)])
def test_the_value_at_zero_takes_its_gradient(at_x, written_out):
    value, slope = symopt.compile(COST, w)(w=0.5, x=at_x)
    assert value == pytest.approx(float(written_out.subs(w, 0.5)), rel=1e-15)
    assert slope == pytest.approx(float(sympy.diff(written_out, w).subs(w, 0.5)), rel=1e-15)


def test_grad_and_derive_keep_the_partial():
    assert str(symopt.grad(COST, w)) == "w**2*Piecewise((1, Eq(x, 0)), (0, True)) + 2*w*Heaviside(x, w) + 1"
    assert str(symopt.derive(COST, w, at={w: 0.5, x: 0.0})).splitlines()[-1] == \
        "  dJ/dw = 1 + w²[x = 0] + 2w·Heaviside(x, w) = 1.75"


def test_a_value_at_zero_from_data_is_computed():
    cost = sympy.Heaviside(x, v) * w**2
    assert symopt.compile(cost, w)(w=0.5, x=0.0, v=0.25) == (0.0625, 0.25)
    assert symopt.evaluate(cost, {w: 0.5, x: 0.0, v: 0.25}) == 0.0625
    assert "numpy.heaviside(x, v)" in symopt.compile(cost, w, dtype="float32").source


def test_inside_an_elementwise_map():
    X = symopt.Placeholder("X", (None, 1))
    W = symopt.Variable("W", 1.0, shape=(1, 1))
    cost = symopt.ops.sum((X @ W).applyfunc(lambda t: sympy.Heaviside(t, w))) * w  # w·(w + 1) at XW = [0, 1]
    value, (g_W, g_w) = symopt.compile(cost, [W, w])(W=np.ones((1, 1)), w=0.5, X=np.array([[0.0], [1.0]]))
    assert value == 0.75 and g_w == 2.0 and g_W[0, 0] == 0.0
