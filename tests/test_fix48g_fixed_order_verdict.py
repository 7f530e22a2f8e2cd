"""probe97 P97-1: a mini-batch run over batches in a fixed order (a stream of time-ordered data, arrays with
shuffle=False) was called "diverging" from its first batches' costs against its last ones', which are other rows: a
run that converged, or started at the least-squares optimum, read success=False.  Such a run is now judged on the same
rows where its costs grew: its first batch's cost at the returned parameters against the same batch's at the start
(48g-1: not across epochs, which missed one-epoch runs).  Oracles: hand NumPy loops and
np.linalg.lstsq."""

import numpy as np
import pytest

import symopt
from symopt import ops

T = 400
RNG = np.random.default_rng(1)
XS = (0.001 * np.exp(np.arange(T) / 30.0)).reshape(-1, 1)  # a quantity growing over time
YS = 3.0 * XS * (1 + 0.1 * RNG.normal(size=(T, 1)))  # 10 % noise
X = symopt.Placeholder("X", (None, 1))
Y = symopt.Placeholder("y", (None, 1))
LR = 0.5 / float(XS.max()) ** 2


def time_ordered(xs=XS, ys=YS, size=8):
    def stream():
        for start in range(0, len(xs), size):
            yield {X: xs[start:start + size], Y: ys[start:start + size]}
    return stream


def full_cost(w: float) -> float:
    return float(np.mean((XS * w - YS) ** 2))


def by_hand(w: float, lr: float, epochs: int, size: int = 8, momentum: float = 0.0, xs=XS, ys=YS):
    """Gradient descent (TF1 momentum: a = mu a + g, w -= lr a) on the batches in file order: w and each step's cost."""
    accumulator, costs = 0.0, []
    for _ in range(epochs):
        for start in range(0, len(xs), size):
            xb, yb = xs[start:start + size], ys[start:start + size]
            costs.append(float(np.mean((xb * w - yb) ** 2)))
            accumulator = momentum * accumulator + float(np.mean(2 * xb * (xb * w - yb)))
            w -= lr * accumulator
    return w, np.array(costs)


def test_a_converging_stream_in_time_order_is_a_success():
    w = symopt.Variable("w", np.zeros((1, 1)), shape=(1, 1))
    result = symopt.minimize(ops.mean(ops.square(X @ w - Y)), w, data=time_ordered(), epochs=2,
                             optimizer=symopt.GradientDescent(LR))
    hand, costs = by_hand(0.0, LR, 2)
    optimum = full_cost(float(np.linalg.lstsq(XS, YS, rcond=None)[0][0, 0]))
    assert np.isclose(float(result[w][0, 0]), hand, rtol=1e-12)
    assert costs[-1] > 1e6 * np.median(costs[:10])  # the batches' costs grow: other rows, larger values
    assert full_cost(hand) < 1.1 * optimum < full_cost(0.0) / 100  # the oracle: the run converged
    assert result.success and result.message == "stopped after 100 steps (2 epochs)"


@pytest.mark.parametrize("epochs", [1, 3])
def test_a_run_started_at_the_optimum_is_a_success(epochs):
    optimum = float(np.linalg.lstsq(XS, YS, rcond=None)[0][0, 0])
    w = symopt.Variable("w0", np.full((1, 1), optimum), shape=(1, 1))
    result = symopt.minimize(ops.mean(ops.square(X @ w - Y)), w, data=time_ordered(), epochs=epochs,
                             optimizer=symopt.GradientDescent(LR / 1000))
    hand, _ = by_hand(optimum, LR / 1000, epochs)
    assert np.isclose(float(result[w][0, 0]), hand, rtol=1e-12)
    assert np.isclose(full_cost(hand), full_cost(optimum), rtol=1e-3)
    assert result.success


@pytest.mark.parametrize("size, epochs", [(8, 2), (1, 3)])
def test_unshuffled_arrays_in_time_order_are_a_success(size, epochs):
    w = symopt.Variable("w", np.zeros((1, 1)), shape=(1, 1))
    lr = LR if size == 8 else LR / 4
    result = symopt.minimize(ops.mean(ops.square(X @ w - Y)), w, data={X: XS, Y: YS}, batch_size=size,
                             epochs=epochs, shuffle=False, optimizer=symopt.GradientDescent(lr))
    hand, costs = by_hand(0.0, lr, epochs, size)
    assert np.isclose(float(result[w][0, 0]), hand, rtol=1e-12)
    assert full_cost(hand) < full_cost(0.0) / 100
    assert result.success and result.message == f"stopped after {epochs * T // size} steps ({epochs} epochs)"


@pytest.mark.parametrize("source", ["stream", "arrays"])
def test_a_diverging_run_in_a_fixed_order_is_still_no_success(source):
    xs = np.random.default_rng(0).normal(size=(200, 1))
    w = symopt.Variable("W", 0.0, shape=(1, 1))
    data = time_ordered(xs, 2 * xs, 10) if source == "stream" else {X: xs, Y: 2 * xs}
    options = {} if source == "stream" else {"batch_size": 10, "shuffle": False}
    result = symopt.minimize(ops.mean(ops.square(X @ w - Y)), w, data=data, epochs=3,
                             optimizer=symopt.Momentum(0.01, 1.5), **options)
    hand, costs = by_hand(0.0, 0.01, 3, 10, 1.5, xs, 2 * xs)
    first_batch_now = float(np.mean((xs[:10] * hand - 2 * xs[:10]) ** 2))
    assert first_batch_now > 1e6 * costs[0] and np.isfinite(hand)  # the same rows' cost grew by orders too
    assert np.isclose(float(result[w][0, 0]), hand, rtol=1e-6)
    assert not result.success and result.message.startswith("stopped after 60 steps (3 epochs); but the cost grew from")
    assert "the run is diverging, not converging. Lower the learning rate" in result.message


def test_a_shuffled_diverging_run_keeps_its_verdict():
    xs = np.random.default_rng(0).normal(size=(200, 1))
    w = symopt.Variable("W", 0.0, shape=(1, 1))
    result = symopt.minimize(ops.mean(ops.square(X @ w - Y)), w, data={X: xs, Y: 2 * xs}, batch_size=10, epochs=3,
                             seed=0, optimizer=symopt.Momentum(0.01, 1.5))
    assert not result.success and "but the cost grew from" in result.message  # random rows: the costs in run order


def test_the_jax_backend_judges_unshuffled_batches_alike():
    pytest.importorskip("jax")
    w = symopt.Variable("w", np.zeros((1, 1)), shape=(1, 1))
    xs, ys = XS.astype(np.float32), YS.astype(np.float32)
    result = symopt.minimize(ops.mean(ops.square(X @ w - Y)), w, data={X: xs, Y: ys}, batch_size=8, epochs=2,
                             shuffle=False, optimizer=symopt.GradientDescent(LR), dtype="float32", backend="jax")
    hand, _ = by_hand(0.0, LR, 2)
    assert np.isclose(float(np.asarray(result[w])[0, 0]), hand, rtol=1e-4)
    assert result.success and result.message == "stopped after 100 steps (2 epochs)"
    normal = np.random.default_rng(0).normal(size=(200, 1)).astype(np.float32)
    diverging = symopt.minimize(ops.mean(ops.square(X @ w - Y)), w, data={X: normal, Y: 2 * normal}, batch_size=10,
                                epochs=3, shuffle=False, optimizer=symopt.Momentum(0.01, 1.5), dtype="float32",
                                backend="jax")
    assert not diverging.success and "the run is diverging, not converging" in diverging.message
