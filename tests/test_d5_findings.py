"""Round 9 testers' findings in the core library, display and CLI (f-probe F*, h-probe H*)."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.binding import read_entries
from symopt.errors import ConfigurationError, FeedError

RE_RUN = r"w is another symbol than the expression's w: two symbols share the name 'w' \(was the cell that made w run"


def test_a_re_created_symbol_of_the_same_name_is_refused_never_dropped():
    """F1: a notebook cell re-run made a new Variable("w") after the cost was built; the training-dict filter
    dropped its value and the old w's initial value was used (25.0 instead of 16.0, silently)."""
    w = symopt.Variable("w", 0.0)
    cost = w ** 2 - 10 * w + 25
    fresh = symopt.Variable("w", 0.0)
    label = symopt.Placeholder("label", ())
    with pytest.raises(FeedError, match=r"value for w: expected one of the expression's inputs \['w'\]; " + RE_RUN):
        read_entries({fresh: 1.0}, [w])
    assert read_entries({w: 1.0, label: 2.0, "w": 3.0}, [w]) == {w: 1.0, "w": 3.0}  # unread symbols dropped
    with pytest.raises(FeedError, match=RE_RUN):  # the compiled function says why it refuses the key
        symopt.compile(cost, w)({fresh: 1.0})
    with pytest.raises(ConfigurationError, match=r"at: w is not an input of the cost; its inputs are \['w'\]; " + RE_RUN):
        symopt.derive(cost, [w], at={fresh: 1.0})


def test_hvp_refuses_a_re_created_parameter_instead_of_its_initial_value():
    """F1 in the Hessian-vector product's training-dict filter: the stale W's init 0 gave H v = 0.5 v (wrong)."""
    X = symopt.Placeholder("X", (None, 2))
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    J = ops.mean(ops.softplus(X @ W))
    product = symopt.hvp(J, [W])
    features, v = np.array([[1.0, 2.0], [-1.0, 0.5]]), np.array([[1.0], [0.0]])
    at = np.array([[0.3], [-0.2]])
    z = features @ at  # hand NumPy: H = X^T diag(s(1-s)) X / m
    s = 1 / (1 + np.exp(-z))
    expected = features.T @ (s * (1 - s) * (features @ v)) / len(features)
    np.testing.assert_allclose(product(v, {X: features, W: at}), expected, rtol=1e-12)
    with pytest.raises(FeedError, match=r"W is another symbol than the expression's W"):
        product(v, {X: features, symopt.Variable("W", 0.0, shape=(2, 1)): at})


def _central_difference(expr, symbol, values, h=1e-6):
    up, down = dict(values), dict(values)
    up[symbol], down[symbol] = values[symbol] + h, values[symbol] - h
    return (symopt.evaluate(expr, up) - symopt.evaluate(expr, down)) / (2 * h)


@pytest.mark.parametrize("slope", [1.5, 0.2, -0.5])
def test_leaky_relu_value_is_tf1s_kernel_for_every_slope(slope):
    """H1: the value was max(x, a x), which is x-if-positive only for a <= 1, while the gradient was the kernel's
    x > 0 ? 1 : a: for a = 1.5, value -2 (= x) with gradient 1.5. TF 2.21 and torch: leaky_relu([-2, 1], 1.5) =
    [-3, 1], d/dx = [1.5, 1], d/da = min(x, 0) summed = -2."""
    w, a = symopt.Variable("w", 0.0), symopt.Variable("a", 0.0)
    expected = {-2.0: -2.0 * slope, 1.0: 1.0, 0.0: 0.0}
    for x, value in expected.items():
        assert symopt.evaluate(symopt.leaky_relu(w, a), {w: x, a: slope}) == value
        assert symopt.evaluate(symopt.leaky_relu(w, slope), {w: x}) == value
        assert float(symopt.leaky_relu(sympy.Float(x), sympy.Float(slope))) == value  # SymPy's own evaluation
    for x in (-2.0, 1.0):  # gradients (constant and variable slope) against central differences of the value
        got, (d_w, d_a) = symopt.compile(symopt.leaky_relu(w, a), [w, a])(w=x, a=slope)
        assert got == expected[x]
        np.testing.assert_allclose([d_w, d_a], [_central_difference(symopt.leaky_relu(w, a), s, {w: x, a: slope})
                                                for s in (w, a)], atol=1e-8)
    W = symopt.Variable("W", 0.0, shape=(1, 2))
    value, (g_W, g_a) = symopt.compile(ops.sum(ops.leaky_relu(W, a)), [W, a])(W=np.array([[-2.0, 1.0]]), a=slope)
    assert value == -2.0 * slope + 1.0
    np.testing.assert_allclose(g_W, [[slope, 1.0]])
    assert g_a == -2.0


@pytest.mark.parametrize("assumption, bad, expected", [
    ("extended_positive", -2.0, "a positive number"), ("extended_nonnegative", -2.0, "a number >= 0"),
    ("extended_negative", 2.0, "a negative number"), ("extended_nonpositive", 2.0, "a number <= 0")])
def test_extended_sign_promises_of_data_are_checked_as_the_plain_ones(assumption, bad, expected):
    """F9: SymPy simplifies sqrt(s**2) to s under extended_positive as under positive, but only the plain forms were
    checked when fed: s = -2 gave -2.0 (the true |s|*w is 2.0)."""
    s, w = sympy.Symbol("s", **{assumption: True}), symopt.Variable("w", 1.0)
    cost = sympy.sqrt(s ** 2) * w
    assert cost == s * w or cost == -s * w  # what SymPy made of it: the promise is used
    with pytest.raises(FeedError, match=rf"value for s: expected {expected}, as it is declared with {assumption}=True"):
        symopt.evaluate(cost, {s: bad, w: 1.0})
    with pytest.raises(FeedError, match=expected):
        symopt.compile(cost, w)({s: bad, w: 1.0})
    assert symopt.evaluate(cost, {s: -bad, w: 1.0}) == 2.0  # a value keeping the promise: |s|*w


def test_a_zero_promise_names_zero():
    """F9's minor: Symbol('s', zero=True) fed -2 said 'expected a number >= 0' (the nonnegative it implies)."""
    s, w = sympy.Symbol("s", zero=True), symopt.Variable("w", 1.0)
    with pytest.raises(FeedError, match=r"value for s: expected 0, as it is declared with zero=True; given -2.0"):
        symopt.compile(s + w, w)({s: -2.0, w: 1.0})
