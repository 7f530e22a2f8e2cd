"""48g-1, 48g-2, 48g-10 (reader final48g, on fix48g's P97-1): a mini-batch run in a fixed order (shuffle=False, a
stream) keeps main's growth verdict (its batch costs in run order grown by orders) as the trigger, and is called
diverging only where its first batch's cost at the returned parameters grew from that batch's cost at the start by
the same factor.  fix48g's same-position comparison across epochs called truly diverging one-epoch runs (and two-epoch
runs growing 1e4 an epoch) a success, judged a resumed stream on its last epochs only, and compared other rows for a
stream whose epochs are successive time windows.  Oracles: hand NumPy loops (w <- w - lr dJ/dw on the rows each step
reads) and np.linalg.lstsq."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.growth_check import DIVERGING_GROWTH

X = symopt.Placeholder("X", (None, 1))
Y = symopt.Placeholder("y", (None, 1))
T = 400
RNG = np.random.default_rng(1)
XS = (0.001 * np.exp(np.arange(T) / 30.0)).reshape(-1, 1)  # time-ordered: the quantity grows over time (probe97)
YS = 3.0 * XS * (1 + 0.1 * RNG.normal(size=(T, 1)))
LR = 0.5 / float(XS.max()) ** 2


def cost_of(w):
    return ops.mean(ops.square(X @ w - Y))


def by_hand(w: float, lr: float, batches: list) -> tuple[float, np.ndarray]:
    """Gradient descent on mean((x w - y)^2) over ``batches`` ((x, y) pairs, in run order): w and each step's cost."""
    costs = []
    for xb, yb in batches:
        costs.append(float(np.mean((xb * w - yb) ** 2)))
        w -= lr * float(np.mean(2 * xb * (xb * w - yb)))
    return w, np.array(costs)


def ones_stream(rows: int, size: int):
    def data():
        for start in range(0, rows, size):
            yield {X: np.ones((min(size, rows - start), 1)), Y: np.zeros((min(size, rows - start), 1))}
    return data


@pytest.mark.parametrize("source", ["arrays", "stream"])
@pytest.mark.parametrize("rows, lr, epochs", [(200, 1.1, 1), (50, 1.0477, 2)])
def test_a_diverging_run_in_a_fixed_order_is_no_success(source, rows, lr, epochs):
    """48g-1: every row x=1, y=0, so each step multiplies w by 1 - 2 lr: the hand loop's cost grows 1 -> 4.7e31 in
    one epoch, 1 -> 8.2e7 in two (1e4 an epoch); fix48g said success=True for both."""
    w = symopt.Variable("w", np.ones((1, 1)), shape=(1, 1))
    options = dict(optimizer=symopt.GradientDescent(lr), epochs=epochs)
    if source == "stream":
        result = symopt.minimize(cost_of(w), w, data=ones_stream(rows, 1), **options)
    else:
        result = symopt.minimize(cost_of(w), w, data={X: np.ones((rows, 1)), Y: np.zeros((rows, 1))}, batch_size=1,
                                 shuffle=False, **options)
    hand, costs = by_hand(1.0, lr, [(np.ones((1, 1)), np.zeros((1, 1)))] * (rows * epochs))
    assert np.isclose(float(result[w][0, 0]), hand, rtol=1e-4)  # lr is kept in float32
    assert hand ** 2 > DIVERGING_GROWTH * costs[0]  # the same rows' cost grew by orders: a diverging run
    assert not result.success
    assert "the run is diverging, not converging" in result.message


def test_an_endless_stream_bounded_by_steps_still_gets_its_verdict():
    """48g-1 (div2.py): a steps=-bounded endless stream is one epoch, which fix48g never judged."""
    w = symopt.Variable("w", np.ones((1, 1)), shape=(1, 1))

    def endless():
        while True:
            yield {X: np.ones((4, 1)), Y: np.zeros((4, 1))}
    result = symopt.minimize(cost_of(w), w, data=endless(), steps=150, optimizer=symopt.GradientDescent(1.1))
    hand, _ = by_hand(1.0, 1.1, [(np.ones((4, 1)), np.zeros((4, 1)))] * 150)
    assert np.isclose(float(result[w][0, 0]), hand, rtol=1e-4) and hand ** 2 > 1e20  # lr in float32
    assert not result.success and "the run is diverging" in result.message


def test_a_converging_run_on_time_ordered_rows_is_a_success():
    """P97-1: the batches' costs grow by orders (later rows are larger), the first batch still fits."""
    w = symopt.Variable("w", np.zeros((1, 1)), shape=(1, 1))
    result = symopt.minimize(cost_of(w), w, data={X: XS, Y: YS}, batch_size=8, shuffle=False, epochs=2,
                             optimizer=symopt.GradientDescent(LR))
    batches = [(XS[s:s + 8], YS[s:s + 8]) for s in range(0, T, 8)] * 2
    hand, costs = by_hand(0.0, LR, batches)
    optimum = float(np.linalg.lstsq(XS, YS, rcond=None)[0][0, 0])
    assert np.isclose(float(result[w][0, 0]), hand, rtol=1e-12)
    assert np.median(costs[-10:]) > DIVERGING_GROWTH * np.median(costs[:10])  # main's trigger fires
    assert np.mean((XS * hand - YS) ** 2) < 1.1 * np.mean((XS * optimum - YS) ** 2)  # converged
    assert result.success and result.message == "stopped after 100 steps (2 epochs)"


def test_a_stream_of_successive_time_windows_is_a_success():
    """48g-10 (div4.py): epoch k reads rows 100k..100k+99 ("day k"), started near the truth: fix48g compared other
    rows as "the same mini-batches" and said diverging."""
    calls = [0]

    def day():
        k, calls[0] = calls[0], calls[0] + 1
        return [{X: XS[s:s + 10], Y: YS[s:s + 10]} for s in range(100 * k, 100 * k + 100, 10)]
    w = symopt.Variable("w", np.full((1, 1), 3.0), shape=(1, 1))
    result = symopt.minimize(cost_of(w), w, data=day, epochs=4, optimizer=symopt.GradientDescent(LR))
    hand, costs = by_hand(3.0, LR, [(XS[s:s + 10], YS[s:s + 10]) for s in range(0, T, 10)])
    assert np.isclose(float(result[w][0, 0]), hand, rtol=1e-12)
    assert np.median(costs[-10:]) > DIVERGING_GROWTH * np.median(costs[:10])
    assert np.mean((XS * hand - YS) ** 2) < 1.01 * np.mean((XS * 3.0 - YS) ** 2)  # it stayed at the fit
    assert result.success and result.message == "stopped after 40 steps (4 epochs)"


@pytest.mark.parametrize("lr, stop, diverging", [(1.08, 35, True), (LR, 60, False)])
def test_a_resumed_stream_gets_the_uninterrupted_runs_verdict(tmp_path, lr, stop, diverging):
    """48g-2: the verdict reads the history restored from the checkpoint, which starts at the run's first batch;
    fix48g judged a resumed stream on the epochs its own process read."""
    if diverging:
        data, start, batches = ones_stream(30, 1), 1.0, [(np.ones((1, 1)), np.zeros((1, 1)))] * 90
    else:
        def data():
            for s in range(0, T, 8):
                yield {X: XS[s:s + 8], Y: YS[s:s + 8]}
        start, batches = 0.0, [(XS[s:s + 8], YS[s:s + 8]) for s in range(0, T, 8)] * 3
    epochs, path = 3, str(tmp_path / "run.npz")
    results = []
    for resumed in (False, True):
        w = symopt.Variable("w", np.full((1, 1), start), shape=(1, 1))
        options = dict(data=data, epochs=epochs, optimizer=symopt.GradientDescent(lr))
        if resumed:
            symopt.minimize(cost_of(w), w, checkpoint=path, callback=lambda step, c, p: step >= stop, **options)
            results.append((w, symopt.minimize(cost_of(w), w, resume_from=path, **options)))
        else:
            results.append((w, symopt.minimize(cost_of(w), w, **options)))
    hand, costs = by_hand(start, lr, batches)
    for w, result in results:
        assert np.isclose(float(result[w][0, 0]), hand, rtol=1e-4) and result.steps == len(batches)
        assert result.success is not diverging
    assert results[0][1].message == results[1][1].message
    grown = hand ** 2 if diverging else costs[-1]  # the same rows' cost, or the last batch's (other rows)
    assert grown > DIVERGING_GROWTH * costs[0]


def test_shuffled_and_full_batch_runs_keep_mains_verdict():
    """Random rows and all rows need no same-rows check: the costs in run order decide, as on main."""
    xs = np.random.default_rng(0).normal(size=(200, 1))
    w = symopt.Variable("W", 0.0, shape=(1, 1))
    shuffled = symopt.minimize(cost_of(w), w, data={X: xs, Y: 2 * xs}, batch_size=10, epochs=3, seed=0,
                               optimizer=symopt.Momentum(0.01, 1.5))
    assert not shuffled.success and "but the cost grew from" in shuffled.message
    v = symopt.Variable("v", 0.0)
    full = symopt.minimize(ops.square(v - 3), v, steps=60, optimizer=symopt.GradientDescent(2.5))
    hand = 0.0
    for _ in range(60):  # lr 2.5 against the stable 2/2 = 1: v - 3 times -4 a step
        hand -= 2.5 * 2 * (hand - 3)
    assert np.isclose(float(full[v]), hand, rtol=1e-9) and (hand - 3) ** 2 > 1e70
    assert not full.success and "the run is diverging" in full.message


def test_the_same_rows_rule():
    from symopt.growth_check import grew_on_same_rows
    assert grew_on_same_rows(1.0, 2e6) and not grew_on_same_rows(1.0, 1e6)
    assert not grew_on_same_rows(-1.0, 5e5)  # |J0|: a cost may be negative
    assert grew_on_same_rows(1.0, float("inf")) and grew_on_same_rows(1.0, float("nan"))  # nothing shows it fits
    assert grew_on_same_rows(0.0, 1e-30) and grew_on_same_rows(0.0, 0.0)  # from an exact fit: main's verdict stands


@pytest.mark.parametrize("rows, lr, epochs", [(200, 1.1, 1), (50, 1.0477, 2)])
def test_the_jax_backend_keeps_a_diverging_fixed_order_runs_verdict(rows, lr, epochs):
    """48g-1 addendum (divjax.py): the same rule on the JAX backend, whose first batch is rows 0..B-1 in memory."""
    pytest.importorskip("jax")
    w = symopt.Variable("w", np.ones((1, 1)), shape=(1, 1))
    result = symopt.minimize(cost_of(w), w, data={X: np.ones((rows, 1)), Y: np.zeros((rows, 1))}, batch_size=1,
                             shuffle=False, epochs=epochs, optimizer=symopt.GradientDescent(lr), backend="jax")
    hand, _ = by_hand(1.0, lr, [(np.ones((1, 1)), np.zeros((1, 1)))] * (rows * epochs))
    assert np.isclose(float(np.asarray(result[w])[0, 0]), hand, rtol=1e-4)
    assert not result.success and "the run is diverging" in result.message
