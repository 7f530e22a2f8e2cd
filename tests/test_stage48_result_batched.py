"""probe97 P97-3: a Result says whether its run trained on mini-batches (``batch_size=`` or a stream), and the notebook
display then labels ``value`` as the last mini-batch's cost before its update, not "final cost".  Oracle: a hand
NumPy loop of the same unshuffled batches."""

import numpy as np

import symopt
from symopt import ops

X, Y = symopt.Placeholder("X", (None, 1)), symopt.Placeholder("y", (None, 1))
W = symopt.Variable("w", 0.0)
COST = ops.mean(ops.square(W * X - Y))
XS = np.arange(10.0).reshape(-1, 1)
YS = 2 * XS


def hand_last_batch_cost(batch: int, epochs: int, lr: float = float(np.float32(0.001))) -> float:
    """Gradient descent on mean((w x - y)²) over the batches in file order; the last batch's cost before its step
    (the rate a float32 number, as TF1's optimizers take it: docs/optimizers.md)."""
    w, cost = 0.0, None
    for _ in range(epochs):
        for start in range(0, len(XS), batch):
            x, y = XS[start:start + batch, 0], YS[start:start + batch, 0]
            cost = float(np.mean((w * x - y) ** 2))
            w -= lr * float(np.mean(2 * (w * x - y) * x))
    return cost


def test_a_mini_batch_result_is_labelled_by_its_last_batch():
    result = symopt.minimize(COST, W, data={X: XS, Y: YS}, batch_size=3, epochs=2, shuffle=False,
                             optimizer=symopt.GradientDescent(0.001))
    assert result.batched and np.isclose(result.value, hand_last_batch_cost(3, 2), rtol=1e-12, atol=0)
    html = result._repr_html_()
    assert "last mini-batch cost (before its update)" in html and ">final cost<" not in html


def test_a_stream_result_is_batched_and_a_full_batch_result_is_not():
    stream = lambda: ({X: XS[i:i + 5], Y: YS[i:i + 5]} for i in range(0, 10, 5))  # noqa: E731
    streamed = symopt.minimize(COST, W, data=stream, epochs=1, optimizer=symopt.GradientDescent(0.001))
    assert streamed.batched and np.isclose(streamed.value, hand_last_batch_cost(5, 1), rtol=1e-12, atol=0)
    full = symopt.minimize(COST, W, data={X: XS, Y: YS}, steps=3, optimizer=symopt.GradientDescent(0.001))
    assert not full.batched and "last mini-batch" not in full._repr_html_()
