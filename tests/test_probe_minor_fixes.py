"""Small findings of an independent probe (its minor notes): each behaviour as a user meets it."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import ConfigurationError, FeedError, UnsupportedOperationError

x, y = sympy.symbols("x y")


def test_a_piecewise_without_a_value_has_no_slope_either():
    """Outside every branch the value is NaN; the gradient was a silent 0 there."""
    partial = symopt.compile(sympy.Piecewise((x ** 2, x > 1), (-x, x < -1)), x)
    assert [tuple(map(float, np.ravel(partial(v)))) for v in (2.0, -2.0)] == [(4.0, 4.0), (2.0, -1.0)]
    assert all(np.isnan(part) for part in np.ravel(partial(0.0)))
    covered = symopt.compile(sympy.Piecewise((x ** 2, x > 1), (-x, True)), x)
    assert float(covered(0.0)[1]) == -1.0


def test_a_result_is_indexed_by_symbol_or_name():
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize((w - 3) ** 2, w, steps=5)
    assert result["w"] == result[w]
    with pytest.raises(ConfigurationError, match=r"result\['v'\]: expected a parameter of the run.*one of w"):
        result["v"]


@pytest.mark.parametrize("start", [float("nan"), float("inf"), [[1.0], [float("nan")]]])
def test_a_start_that_is_not_finite_is_refused_not_reported_as_a_divergence(start):
    w = symopt.Variable("w", 0.0)
    with pytest.raises(ConfigurationError, match="the starting value of w is not finite"):
        symopt.minimize((w - 3) ** 2, {w: start}, steps=5)


def test_a_finite_sympy_sum_is_refused_with_the_way_to_write_it():
    i = sympy.Symbol("i", integer=True)
    cost = sympy.Sum((x - i) ** 2, (i, 0, 2))
    with pytest.raises(UnsupportedOperationError, match=r"write it out with \.doit\(\)"):
        symopt.grad(cost, x)
    assert symopt.grad(cost.doit(), x) == 6 * x - 6


def test_undefined_is_a_word_in_latex():
    latex = symopt.derive(sympy.log(x) / y, [x, y], at={x: -1, y: 2}).latex()
    assert r"= \text{undefined}" in latex and "= undefined" not in latex


def test_the_tf1_version_is_a_pep_440_version():
    import symopt.compat.v1 as tf
    from packaging.version import Version
    assert Version(tf.__version__) >= Version("1.4") and tf.__version__.startswith("1.15.0")


def test_constants_no_float_holds_are_refused_when_the_code_is_generated():
    with pytest.raises(UnsupportedOperationError, match=r"401 digits\) is beyond float64's range"):
        symopt.compile(sympy.Integer(10) ** 400 * x + x ** 2, x)
    assert symopt.compile(sympy.Integer(10) ** 300 * x, x)(1.0) == (1e300, 1e300)
    from symopt.printers import NumPyProgramPrinter
    with pytest.raises(UnsupportedOperationError, match="complex infinity zoo"):
        NumPyProgramPrinter({})._print(sympy.zoo)


def test_zero_to_a_trained_power_has_the_gradient_of_its_limit():
    """0**x's gradient was 0**x * log(0): SymPy's complex infinity, refused when the code was generated; generated
    code takes log x as 0 where x**p is 0 (symopt.code_rules.code_gradients), so d/dx 0**x = 0 for x > 0."""
    assert symopt.compile(0 ** x + x, x)(2.0) == (2.0, 1.0)


def test_evaluate_ignores_symbols_the_expression_does_not_read_but_not_unknown_names():
    from symopt import ops
    from symopt.errors import FeedError
    X, Y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("Y", (None, 1))
    W = symopt.Variable("W", np.zeros((2, 1)))
    data = {X: np.ones((3, 2)), Y: np.ones((3, 1))}
    result = symopt.minimize(ops.mean(ops.square(X @ W - Y)), W, data=data, steps=5)
    predicted = symopt.evaluate(X @ W, {**data, **result.params})  # the training dict, labels included
    np.testing.assert_allclose(predicted, np.ones((3, 2)) @ result[W])
    with pytest.raises(FeedError, match="unknown input 'x'"):
        symopt.evaluate(X @ W, {"x": 1.0, X: np.ones((1, 2))})


def test_a_training_dict_keyed_by_names_is_told_how_to_serve_evaluate():
    """probe26 P26-7: evaluate(X @ W, {**data, **result.params}) with data keyed by names called the labels 'y' a
    misspelling; the message now says to key the dict by symbols (unread entries ignored) or leave it out."""
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", np.zeros((2, 1)))
    data = {"X": np.ones((4, 2)), "y": np.ones((4, 1))}
    result = symopt.minimize(ops.mean(ops.square(X @ W - y)), W, data=data, steps=3)
    with pytest.raises(FeedError, match=r"unknown input 'y'.*key the dict by symbols instead, whose unread entries "
                                        r"are ignored, or leave it out"):
        symopt.evaluate(X @ W, {**data, **result.params})
    by_symbols = {X: data["X"], y: data["y"], **result.params}
    np.testing.assert_allclose(symopt.evaluate(X @ W, by_symbols), data["X"] @ result[W])
