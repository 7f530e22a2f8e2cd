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
