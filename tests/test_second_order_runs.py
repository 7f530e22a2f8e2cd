"""Second-order runs behave as first-order ones: checkpoints and resume for ``method="newton"`` (bit for bit),
a clear refusal for SciPy's methods, and divergence messages that quote the stable step 2/λ_max."""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.checkpoint import load_checkpoint
from symopt.errors import CheckpointError, ConfigurationError, DivergenceError
from symopt.step_size import ADVICE_ENTRIES, divergence_advice

rng = np.random.default_rng(5)
X = symopt.Placeholder("X", (None, 4))
y = symopt.Placeholder("y", (None, 1))
theta = symopt.Variable("theta", np.zeros(4))
X_DATA = rng.normal(size=(80, 4))
Y_DATA = (X_DATA @ np.array([[1.0], [-2.0], [0.5], [0.0]]) + rng.normal(size=(80, 1)) > 0).astype(float)
LOGISTIC = ops.sigmoid_cross_entropy(X * theta, y) + 0.01 * ops.sum(ops.square(theta))
DATA = {X: X_DATA, y: Y_DATA}
w = symopt.Variable("w", 0.0)
LECTURE = w ** 2 - 10 * w + 25


def test_newton_resumes_on_the_uninterrupted_trajectory(tmp_path):
    path = tmp_path / "newton.npz"
    whole = symopt.minimize(LOGISTIC, theta, data=DATA, method="newton", steps=7, tol=0.0)
    assert whole.steps == 7  # tol=0: no early stop, so 7 real iterations to compare
    first = symopt.minimize(LOGISTIC, theta, data=DATA, method="newton", steps=3, tol=0.0, checkpoint=path)
    assert first.steps == 3
    resumed = symopt.minimize(LOGISTIC, theta, data=DATA, method="newton", steps=7, tol=0.0, resume_from=path)
    assert resumed.steps == 7
    assert np.array_equal(resumed[theta], whole[theta])
    assert list(resumed.history) == list(whole.history)


def test_newton_writes_every_k_iterations_and_a_callback_stop_is_resumable(tmp_path):
    path = tmp_path / "every.npz"
    written = []
    whole = symopt.minimize(LOGISTIC, theta, data=DATA, method="newton", steps=6, tol=0.0)

    def stop_at_four(step, cost, params):
        written.append(load_checkpoint(path).step if path.exists() else None)
        return step == 4
    stopped = symopt.minimize(LOGISTIC, theta, data=DATA, method="newton", steps=6, tol=0.0, checkpoint=path,
                              checkpoint_every=2, callback=stop_at_four)
    assert stopped.steps == 4 and stopped.message == "stopped by callback"
    assert written == [None, 2, 2, 4]  # the file seen by the callback after iterations 1..4
    stored = load_checkpoint(path)
    assert stored.step == 4 and len(stored.history) == 4 and stored.optimizer == "method='newton'"
    resumed = symopt.minimize(LOGISTIC, theta, data=DATA, method="newton", steps=6, tol=0.0, resume_from=path)
    assert np.array_equal(resumed[theta], whole[theta]) and list(resumed.history) == list(whole.history)


def test_a_converged_newton_run_resumes_as_converged(tmp_path):
    path = tmp_path / "lecture.npz"
    symopt.minimize(LECTURE, w, method="newton", checkpoint=path)
    again = symopt.minimize(LECTURE, w, method="newton", resume_from=path)
    assert again[w] == 5.0 and again.steps == 1 and list(again.history) == [25.0, 0.0]


@pytest.mark.parametrize("method", ["lbfgs", "bfgs", "newton-cg", "trust-ncg"])
def test_scipy_methods_refuse_checkpoints_and_say_why(method, tmp_path):
    for options in (dict(checkpoint=tmp_path / "x.npz"), dict(resume_from=tmp_path / "x.npz")):
        with pytest.raises(ConfigurationError, match="keeps that method's state .* inside the call"):
            symopt.minimize(LECTURE, w, method=method, **options)
    assert not (tmp_path / "x.npz").exists()


def test_newton_checkpoint_mismatches_are_refused_before_any_step(tmp_path):
    path = tmp_path / "first_order.npz"
    symopt.minimize(LECTURE, w, optimizer=symopt.GradientDescent(0.1), steps=5, checkpoint=path)
    with pytest.raises(CheckpointError, match="GradientDescent.*method='newton'"):
        symopt.minimize(LECTURE, w, method="newton", resume_from=path)
    newton = tmp_path / "newton.npz"
    symopt.minimize(LOGISTIC, theta, data=DATA, method="newton", steps=2, tol=0.0, checkpoint=newton)
    with pytest.raises(CheckpointError, match="steps >= 2"):
        symopt.minimize(LOGISTIC, theta, data=DATA, method="newton", steps=1, resume_from=newton)
    with pytest.raises(ConfigurationError, match="checkpoint_every needs checkpoint"):
        symopt.minimize(LECTURE, w, method="newton", checkpoint_every=2)
    with pytest.raises(CheckpointError, match="directory"):
        symopt.minimize(LECTURE, w, method="newton", checkpoint=tmp_path)


def test_divergence_of_gradient_descent_quotes_two_over_lambda_max():
    with pytest.raises(DivergenceError) as error:
        symopt.minimize(LECTURE, w, optimizer=symopt.GradientDescent(1.5), steps=3000)
    message = str(error.value)
    assert "2/λ_max = 1 (λ_max = 2, the largest Hessian eigenvalue); lr = 1.5 is 1.5 times that" in message
    assert error.value.result is not None  # the partial result is kept


def test_divergence_on_data_quotes_the_data_hessian_bound():
    cost = ops.mean(ops.square(X * theta - y))
    limit = 2 / np.linalg.eigvalsh(2 * X_DATA.T @ X_DATA / 80)[-1]
    with pytest.raises(DivergenceError, match=f"2/λ_max = {limit:.6g} ") as error:
        symopt.minimize(cost, theta, data=DATA, optimizer=symopt.GradientDescent(1.3 * limit), steps=5000,
                        callback=lambda *a: False)
    assert "is 1.3 times that" in str(error.value)


def test_divergence_of_heavy_ball_momentum_quotes_its_bound():
    assert symopt.minimize(LECTURE, w, optimizer=symopt.Momentum(1.85, 0.9), steps=3000).value < 1e-9  # below 1.9
    with pytest.raises(DivergenceError, match=r"2\(1 \+ μ\)/λ_max with μ = 0.9 = 1.9 "):
        symopt.minimize(LECTURE, w, optimizer=symopt.Momentum(1.95, 0.9), steps=3000)


def test_no_advice_where_no_global_bound_holds():
    assert divergence_advice(LECTURE, symopt.Adam(1.5), {w: 0.0}, {}) == ""
    assert divergence_advice(LECTURE, symopt.Momentum(1.5, 0.9, nesterov=True), {w: 0.0}, {}) == ""
    assert divergence_advice(w ** 4, symopt.GradientDescent(1.5), {w: 0.0}, {}) == ""
    assert divergence_advice(LOGISTIC, symopt.GradientDescent(1.5), {theta: np.zeros(4)}, DATA) == ""
    schedule = symopt.ExponentialDecay(1.5, 10, 0.5)
    assert divergence_advice(LECTURE, symopt.GradientDescent(schedule), {w: 0.0}, {}) == ""
    big = symopt.Variable("big", np.zeros(ADVICE_ENTRIES + 1))
    assert divergence_advice(ops.sum(ops.square(big)), symopt.GradientDescent(1.5),
                             {big: np.zeros(ADVICE_ENTRIES + 1)}, {}) == ""
    with pytest.raises(DivergenceError) as error:
        symopt.minimize(w ** 4, {w: 2.0}, optimizer=symopt.GradientDescent(1.0), steps=100)
    assert "quadratic" not in str(error.value) and "smaller learning rate than 1.0" in str(error.value)
