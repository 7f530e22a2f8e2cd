"""48g-5, 48g-7 (reader final48g, on fix48g's P97-2): a mini-batch run of one batch (batch_size = the rows) reads the
whole data each step, so its DivergenceError quotes the whole data's bound as the cause, as a full batch's does; and
the per-batch Hessians are built only where the step-size sentence reads them (gradient descent or momentum with a
constant rate on a quadratic cost, at most ADVICE_BATCH_ENTRIES parameter entries), not on every divergence.
Oracle: np.linalg.eigvalsh of the Hessian 2 XᵀX / B of mean((X W - y)²)."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.data_sources import DataSource
from symopt.errors import DivergenceError

RNG = np.random.default_rng(0)


def bound(rows):
    return 2 / np.linalg.eigvalsh(2 * rows.T @ rows / len(rows))[-1]


def least_squares(m: int, n: int):
    xs, ys = RNG.normal(size=(m, n)), RNG.normal(size=(m, 1))
    X, Y = symopt.Placeholder("X", (None, n)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", np.zeros((n, 1)), shape=(n, 1))
    return ops.mean(ops.square(X @ W - Y)), W, {X: xs, Y: ys}


def unstable_rate(xs) -> float:
    """A rate past every row's bound 1/|x|² (2/λ_max, λ_max = 2|x|²): each batch-1 step multiplies the error along its
    row by at least 9 in size."""
    return float(10 / np.min(np.sum(xs ** 2, axis=1)))


def test_one_batch_of_every_row_is_told_the_full_batch_bound():
    cost, W, data = least_squares(40, 2)
    whole = bound(data[next(iter(data))])
    assert whole < 2.0  # the oracle: lr 2 is past the one batch's (the whole data's) bound
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(cost, W, data=data, batch_size=40, epochs=300, seed=0, optimizer=symopt.GradientDescent(2.0))
    assert str(caught.value).endswith(
        f" The cost is quadratic: gradient descent is stable only for a learning rate below 2/λ_max = {whole:.6g} "
        f"(λ_max = {2 / whole:.6g}, the largest Hessian eigenvalue); lr = 2.0 is {2.0 / whole:.3g} times that.")


@pytest.fixture
def batch_calls(monkeypatch):
    calls = []
    built = DataSource.fixed_batches

    def counted(self, *arguments):
        calls.append(arguments)
        return built(self, *arguments)
    monkeypatch.setattr(DataSource, "fixed_batches", counted)
    return calls


@pytest.mark.parametrize("case", ["schedule", "not quadratic", "many parameters"])
def test_the_batches_are_not_built_where_no_sentence_reads_them(batch_calls, case):
    cost, W, data = least_squares(20, 101 if case == "many parameters" else 2)
    X, Y = data
    rate = unstable_rate(data[X])
    if case == "schedule":
        rate = symopt.ExponentialDecay(rate, 1000, 0.99)
    if case == "not quadratic":
        cost = ops.mean(ops.square(ops.square(X @ W - Y)))
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(cost, W, data=data, batch_size=1, shuffle=False, epochs=200,
                        optimizer=symopt.GradientDescent(rate))
    assert batch_calls == []
    if case == "many parameters":  # the sentence names the whole data's bound as no batch's
        assert "which that one does not give" in str(caught.value)


def test_the_batches_are_built_once_where_the_sentence_reads_them(batch_calls):
    cost, W, data = least_squares(20, 2)
    xs = data[next(iter(data))]
    rows = min(bound(xs[i:i + 1]) for i in range(20))
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(cost, W, data=data, batch_size=1, shuffle=False, epochs=200,
                        optimizer=symopt.GradientDescent(np.float64(unstable_rate(xs))))
    assert len(batch_calls) == 1
    assert f"below {rows:.6g} for all of them" in str(caught.value)
