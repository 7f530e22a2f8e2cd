"""probe97 P97-3: a Result used as a number said "the final cost is result.value", which a mini-batch run's value
is not: it is the last mini-batch's cost, before its update.  The messages now say what result.value is for either
kind of run and name symopt.evaluate_in_batches for the whole data's cost.  Oracle: a hand NumPy loop over the same
batches (file order)."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.result import ResultAttributeError, ResultUsageError

M, N, B, LR = 23, 2, 5, 0.125
RNG = np.random.default_rng(0)
XS = RNG.normal(size=(M, N))
YS = XS @ np.array([[1.0], [-2.0]]) + 0.3 * RNG.normal(size=(M, 1))
X, Y = symopt.Placeholder("X", (None, N)), symopt.Placeholder("y", (None, 1))
VALUE = ("result.value (at the final parameters; for a mini-batch run, the last mini-batch's cost, before its update: "
         "the whole data's cost at the final parameters is symopt.evaluate_in_batches(cost, {**data, **result.params}, "
         "batch_size=...))")


def test_the_messages_say_what_a_mini_batch_runs_value_is():
    W = symopt.Variable("W", np.zeros((N, 1)), shape=(N, 1))
    cost, data = ops.mean(ops.square(X @ W - Y)), {X: XS, Y: YS}
    result = symopt.minimize(cost, W, data=data, batch_size=B, epochs=3, shuffle=False,
                             optimizer=symopt.GradientDescent(LR))
    w, last = np.zeros((N, 1)), None
    for _ in range(3):
        for start in range(0, M, B):
            xb, yb = XS[start:start + B], YS[start:start + B]
            last = float(np.mean((xb @ w - yb) ** 2))
            w = w - LR * 2 * xb.T @ (xb @ w - yb) / len(xb)
    whole = float(np.mean((XS @ w - YS) ** 2))
    assert np.isclose(result.value, last, rtol=1e-12) and not np.isclose(result.value, whole, rtol=1e-2)
    assert np.isclose(symopt.evaluate_in_batches(cost, {**data, **result.params}, batch_size=B), whole, rtol=1e-12)
    with pytest.raises(ResultUsageError) as caught:
        float(result)
    assert str(caught.value) == ("float(result): a Result is not a number: the final parameters are result[w] (or "
                                 f"result['w']; all of them: result.params, a dict), the cost is {VALUE}")
    with pytest.raises(ResultAttributeError) as caught:
        result.W
    assert str(caught.value) == ("result.W: expected result[W] or result['W'] (a parameter's final value is read by "
                                 f"index, not as an attribute); all of them: result.params; the cost: {VALUE}")
