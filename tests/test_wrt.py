"""No silent zero: ``wrt`` resolution and cost checks shared by grad, compile and minimize."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import ConfigurationError, FeedError, NoGradientError, ShapeError

w = symopt.Variable("w", 1.0)
b = symopt.Variable("b", 0.0)
X = symopt.Placeholder("X", (None, 3))
W = symopt.Variable("W", np.ones((3, 1)))

ENTRY_POINTS = {
    "grad": lambda cost, wrt: symopt.grad(cost, wrt),
    "compile": lambda cost, wrt: symopt.compile(cost, wrt),
    "minimize": lambda cost, wrt: symopt.minimize(cost, wrt, steps=1),
}


def test_a_name_in_wrt_is_the_costs_symbol_of_that_name():
    assert symopt.grad(w ** 2, "w") == 2 * w
    assert symopt.grad(w ** 2 + b, ["w", b]) == [2 * w, 1]
    assert symopt.compile(w ** 2, "w")(w=3.0) == (9.0, 6.0)
    result = symopt.minimize((w - 2) ** 2, {"w": 0.0}, steps=2000, optimizer=symopt.GradientDescent(0.1))
    assert result.params[w] == pytest.approx(2.0)


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_an_absent_parameter_raises_the_same_error_everywhere(entry):
    z = sympy.Symbol("z", real=True)
    with pytest.raises(NoGradientError) as caught:
        ENTRY_POINTS[entry](w ** 2 + b, [w, z] if entry != "minimize" else {w: 1.0, z: 0.0})
    assert "the cost does not depend on z" in str(caught.value)
    assert "a different symbol with the same name is a different symbol" in str(caught.value)


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_an_unknown_name_is_refused(entry):
    with pytest.raises(NoGradientError, match="no symbol of that name"):
        ENTRY_POINTS[entry](w ** 2, "v")


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
@pytest.mark.parametrize("cost", [3.0, sympy.Integer(3), sympy.pi])
def test_a_constant_cost_is_refused(entry, cost):
    with pytest.raises(NoGradientError, match="is a constant"):
        ENTRY_POINTS[entry](cost, w)


def test_same_name_symbols_must_be_given_as_symbols():
    other = symopt.Variable("w", 2.0)
    with pytest.raises(ConfigurationError, match="2 different symbols of that name"):
        symopt.grad(w * other, "w")
    assert symopt.grad(w * other, other) == w


@pytest.mark.parametrize("wrt, message", [
    ([w, w], "lists w twice"),
    ([], "wrt is empty"),
    (w ** 2, "expected symbols"),
    (3, "expected symbols"),
    (sympy.Matrix([w]), "given a sympy Matrix"),
    (sympy.ImmutableMatrix([w]), "given a sympy Matrix"),
    ({w}, "given a set"),
])
def test_malformed_wrt_is_a_clear_error(wrt, message):
    for entry in ("grad", "compile"):
        with pytest.raises(ConfigurationError, match=message):
            ENTRY_POINTS[entry](w ** 2, wrt)


def test_inputs_listing_a_parameter_or_a_duplicate_is_a_clear_error():
    x = symopt.Placeholder("x")
    with pytest.raises(ConfigurationError, match="wrt already lists"):
        symopt.compile(w ** 2 * x, w, inputs=[w, x])
    with pytest.raises(ConfigurationError, match="more than once"):
        symopt.compile(w ** 2 * x, w, inputs=[x, x])
    with pytest.raises(FeedError, match="list them in inputs"):
        symopt.compile(w ** 2 * x, w, inputs=[])
    assert symopt.compile(w ** 2 * x, w, inputs=[x])(w=2.0, x=3.0) == (12.0, 12.0)


@pytest.mark.parametrize("assumption", ["positive", "nonnegative", "integer", "negative", "nonzero"])
@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_parameters_with_assumptions_they_can_leave_are_refused(assumption, entry):
    p = sympy.Symbol("p", **{assumption: True})
    cost = (p - 3) ** 2
    with pytest.raises(ConfigurationError, match=f"{assumption}=True"):
        ENTRY_POINTS[entry](cost, p if entry != "minimize" else {p: 1.0})


def test_positive_parameter_would_have_walked_to_a_wrong_cost():
    # the silent wrong value the refusal prevents: sqrt(wp**2) is wp for SymPy when wp > 0
    wp = sympy.Symbol("wp", positive=True)
    assert sympy.sqrt(wp ** 2) == wp
    with pytest.raises(ConfigurationError, match="real=True"):
        symopt.minimize(sympy.sqrt(wp ** 2), {wp: 1.0}, steps=10)
    real = sympy.Symbol("wp", real=True)
    result = symopt.minimize(sympy.sqrt(real ** 2), {real: 1.0}, steps=300, optimizer=symopt.GradientDescent(0.01))
    assert result.value >= 0


def test_real_and_plain_symbols_are_accepted():
    for symbol in (sympy.Symbol("q"), sympy.Symbol("q", real=True), sympy.Symbol("q", finite=True)):
        assert symopt.grad(symbol ** 2, symbol) == 2 * symbol


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_a_scalar_function_of_a_whole_matrix_is_not_a_scalar_cost(entry):
    with pytest.raises(ShapeError, match=r"exp\(W\) is not a scalar.*symopt.ops.exp"):
        ENTRY_POINTS[entry](sympy.exp(W), W)


def test_a_matrix_cost_is_refused_with_the_fix():
    with pytest.raises(ShapeError, match="ops.sum or symopt.ops.mean"):
        symopt.compile(X @ W, W)
    with pytest.raises(ShapeError, match="expected a scalar cost"):
        symopt.grad(sympy.Matrix([w, b]), w)


@pytest.mark.parametrize("cost", [(w + sympy.I) ** 2, sympy.exp(sympy.I * w), w * sympy.sqrt(-1)])
def test_complex_constants_are_refused(cost):
    with pytest.raises(ConfigurationError, match="real numbers only"):
        symopt.compile(cost, w)


def test_dict_wrt_keeps_its_values_and_order():
    function = symopt.compile(ops.sum(X @ W) + w ** 2, {"w": 1.0, W: None})
    value, gradients = function(w=1.0, W=np.ones((3, 1)), X=np.ones((2, 3)))
    assert list(gradients) == [w, W]
    assert gradients[w] == 2.0
    np.testing.assert_array_equal(gradients[W], np.full((3, 1), 2.0))
