"""probe97 P97-2: the DivergenceError of a mini-batch run quoted the whole data's step-size bound as if it explained
the divergence ("lr = 0.6 is 0.669 times that" for a batch-1 run whose batches are stable only below 0.1675).  A run on
mini-batches is now told that each batch's step has the bound of its own Hessian, and the smallest where every epoch
reads the same batches (batches of one row, or in file order).  Oracles: np.linalg.eigvalsh of the
whole data's and each row's Hessian."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import DivergenceError

M, N = 40, 2
RNG = np.random.default_rng(0)
XS = RNG.normal(size=(M, N))
YS = XS @ np.array([[1.0], [-2.0]]) + 0.5 * RNG.normal(size=(M, 1))
X, Y = symopt.Placeholder("X", (None, N)), symopt.Placeholder("y", (None, 1))


def bound(rows):  # 2/λ_max of the Hessian 2 XᵀX / B of mean((X W - y)²)
    return 2 / np.linalg.eigvalsh(2 * rows.T @ rows / len(rows))[-1]


def test_a_batch_one_run_is_told_its_batches_bound():
    whole, rows = bound(XS), min(bound(XS[i:i + 1]) for i in range(M))
    assert rows < 0.6 < whole  # the oracle: 0.6 is below the whole data's bound, above every row's (0.1675)
    W = symopt.Variable("W", np.zeros((N, 1)), shape=(N, 1))
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(ops.mean(ops.square(X @ W - Y)), W, data={X: XS, Y: YS}, batch_size=1, epochs=400, seed=0,
                        optimizer=symopt.GradientDescent(np.float64(0.6)))
    assert str(caught.value).endswith(
        f" The cost is quadratic: on the whole data, gradient descent is stable only for a learning rate below 2/λ_max "
        f"= {whole:.6g} (λ_max = {2 / whole:.6g}, the largest eigenvalue of the whole data's Hessian); but this run "
        "stepped on its 40 mini-batches, each stable only below the same bound for its own Hessian: below "
        f"{rows:.6g} for all of them (λ_max = {2 / rows:.6g}, the largest eigenvalue of a batch's Hessian); lr = 0.6 "
        f"is {0.6 / rows:.3g} times that.")


def test_rows_shuffled_into_new_batches_are_not_told_the_whole_data_bound_explains_it():
    whole = bound(XS)
    W = symopt.Variable("W", np.zeros((N, 1)), shape=(N, 1))
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(ops.mean(ops.square(X @ W - Y)), W, data={X: XS, Y: YS}, batch_size=2, epochs=500, seed=0,
                        optimizer=symopt.GradientDescent(np.float64(0.8)))
    assert 0.8 < whole  # the oracle: below the whole data's bound, yet diverged
    assert str(caught.value).endswith(
        f" The cost is quadratic: on the whole data, gradient descent is stable only for a learning rate below 2/λ_max "
        f"= {whole:.6g} (λ_max = {2 / whole:.6g}, the largest eigenvalue of the whole data's Hessian); but this run "
        "stepped on mini-batches, each stable only below the same bound for its own Hessian, which that one does not "
        f"give: lr = 0.8 is {0.8 / whole:.3g} times the whole data's bound (for a cost that is a mean over rows the "
        "largest batch λ_max is at least the whole data's, the batches' Hessians averaging to it, so mini-batches need "
        "a smaller rate).")


def test_a_stream_is_told_its_first_batch_bound_is_the_first_batchs():
    first = bound(XS[:8])

    def batches():
        for start in range(0, M, 8):
            yield {X: XS[start:start + 8], Y: YS[start:start + 8]}
    W = symopt.Variable("W", np.zeros((N, 1)), shape=(N, 1))
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(ops.mean(ops.square(X @ W - Y)), W, data=batches, epochs=200,
                        optimizer=symopt.GradientDescent(np.float64(3 * first)))
    assert (f"on the stream's first mini-batch, gradient descent is stable only for a learning rate below 2/λ_max = "
            f"{first:.6g} (λ_max = {2 / first:.6g}, the largest eigenvalue of that batch's Hessian); but this run "
            "stepped on mini-batches") in str(caught.value)
    assert str(caught.value).endswith(f"times the first batch's bound.")


def test_a_full_batch_run_keeps_its_sentence():
    whole = bound(XS)
    W = symopt.Variable("W", np.zeros((N, 1)), shape=(N, 1))
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(ops.mean(ops.square(X @ W - Y)), W, data={X: XS, Y: YS}, steps=2000,
                        optimizer=symopt.GradientDescent(np.float64(1.2)))
    assert str(caught.value).endswith(
        f" The cost is quadratic: gradient descent is stable only for a learning rate below 2/λ_max = {whole:.6g} "
        f"(λ_max = {2 / whole:.6g}, the largest Hessian eigenvalue); lr = 1.2 is {1.2 / whole:.3g} times that.")


def test_unshuffled_batches_are_each_steps_batches():
    blocks = min(bound(XS[start:start + 8]) for start in range(0, M, 8))  # the oracle: the 5 batches of 8 rows
    W = symopt.Variable("W", np.zeros((N, 1)), shape=(N, 1))
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(ops.mean(ops.square(X @ W - Y)), W, data={X: XS, Y: YS}, batch_size=8, epochs=500,
                        shuffle=False, optimizer=symopt.GradientDescent(np.float64(1.5)))
    assert str(caught.value).endswith(
        f"but this run stepped on its 5 mini-batches, each stable only below the same bound for its own Hessian: below "
        f"{blocks:.6g} for all of them (λ_max = {2 / blocks:.6g}, the largest eigenvalue of a batch's Hessian); lr = 1.5 "
        f"is {1.5 / blocks:.3g} times that.")
