"""minimize(method=...): Newton (own loop) and SciPy's quasi-Newton / Newton-CG methods on symopt's code."""

from __future__ import annotations

import re

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import ConfigurationError, DivergenceError, DomainError, FeedError, IndefiniteHessianError
from symopt.second_order import hessian_eigenvalues, stable_step_size

w = symopt.Variable("w", 0.0)
LECTURE = w ** 2 - 10 * w + 25
METHODS = ["newton", "lbfgs", "bfgs", "newton-cg", "trust-ncg"]

rng = np.random.default_rng(3)
X = symopt.Placeholder("X", (None, 4))
y = symopt.Placeholder("y", (None, 1))
theta = symopt.Variable("theta", np.zeros(4))
X_DATA = rng.normal(size=(60, 4))
Y_DATA = (X_DATA @ np.array([[1.0], [-2.0], [0.5], [0.0]]) + rng.normal(size=(60, 1)) > 0).astype(float)
LOGISTIC = ops.sigmoid_cross_entropy(X * theta, y) + 0.05 * ops.sum(ops.square(theta))


def test_newton_solves_the_lecture_quadratic_in_exactly_one_step():
    result = symopt.minimize(LECTURE, w, method="newton")
    assert result[w] == 5.0
    assert result.steps == 1
    assert list(result.history) == [25.0, 0.0]
    assert result.message.startswith("converged") and result.success


@pytest.mark.parametrize("method", METHODS)
def test_every_method_finds_the_logistic_minimum(method):
    reference = symopt.minimize(LOGISTIC, theta, data={X: X_DATA, y: Y_DATA}, method="newton", tol=1e-12)
    result = symopt.minimize(LOGISTIC, theta, data={X: X_DATA, y: Y_DATA}, method=method, tol=1e-8)
    assert result.success, result.message
    if method == "newton-cg":  # its line search finds no lower cost at an entry of 1.33e-8: rounding, and it says so
        assert "(converged to rounding: the largest |gradient| is 1.33e-08 > tol = 1e-08)" in result.message
    assert result[theta].shape == (4,)
    assert np.allclose(result[theta], reference[theta], atol=1e-6)
    assert len(result.history) >= 2 and result.history[-1] <= result.history[0]
    if method != "newton":
        assert result.message.split(":")[0] in {"L-BFGS-B", "BFGS", "Newton-CG", "trust-ncg"}


def test_newton_converges_quadratically():
    seen = []
    symopt.minimize(LOGISTIC, theta, data={X: X_DATA, y: Y_DATA}, method="newton", tol=1e-13,
                    callback=lambda step, cost, params: seen.append(cost) and False)
    gaps = np.array(seen[:-1]) - seen[-1]
    gaps = gaps[gaps > 1e-15]
    # each gap at most a constant times the square of the previous one, once close
    assert len(gaps) >= 3
    assert all(later <= 10 * earlier ** 2 for earlier, later in zip(gaps[1:], gaps[2:]))


def test_callback_stops_and_counts_iterations():
    calls = []
    result = symopt.minimize(LOGISTIC, theta, data={X: X_DATA, y: Y_DATA}, method="lbfgs",
                             callback=lambda step, cost, params: calls.append(step) or step >= 2)
    assert calls == [1, 2]
    assert result.message == "stopped by callback"


def test_bounds_with_lbfgs():
    a, b = sympy.symbols("a b", real=True)
    result = symopt.minimize((a - 3) ** 2 + (b + 1) ** 2, {a: 0.0, b: 0.0}, method="lbfgs",
                             bounds={a: (None, 1.0), b: (0.0, None)})
    assert result[a] == pytest.approx(1.0) and result[b] == pytest.approx(0.0)
    vector = symopt.minimize(ops.sum(ops.square(theta - sympy.OneMatrix(4, 1))), theta, method="lbfgs",
                             bounds={theta: (-0.5, 0.5)})
    assert np.allclose(vector[theta], 0.5)


def test_indefinite_hessian_is_a_clear_error():
    u = symopt.Variable("u", 0.1)
    with pytest.raises(IndefiniteHessianError, match="not positive definite.*trust-ncg"):
        symopt.minimize(u ** 4 / 4 - u ** 2, u, method="newton")
    assert symopt.minimize(u ** 4 / 4 - u ** 2, u, method="trust-ncg", tol=1e-10)[u] == pytest.approx(np.sqrt(2))


def test_unbounded_cost_diverges_with_a_partial_result():
    u = symopt.Variable("u", 1.0)
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(-sympy.exp(u), u, method="bfgs", steps=200)
    assert caught.value.result.success is False


@pytest.mark.parametrize("options, message", [
    (dict(method="sgd"), "unknown method"),
    (dict(method="newton", optimizer="adam"), "optimizer"),
    (dict(method="newton", batch_size=4), "batch_size"),
    (dict(method="bfgs", bounds={w: (0, 1)}), "bounds"),
    (dict(method="lbfgs", bounds={sympy.Symbol("q"): (0, 1)}), "not parameters"),
])
def test_bad_options(options, message):
    with pytest.raises(ConfigurationError, match=message):
        symopt.minimize(LECTURE, w, **options)


def test_eigenvalues_and_the_largest_stable_step():
    assert list(hessian_eigenvalues(LECTURE, w, {w: 0.0})) == [2.0]
    assert stable_step_size(LECTURE, w, {w: 0.0}) == 1.0
    cost = ops.mean(ops.square(X * theta - y))
    limit = stable_step_size(cost, theta, {theta: np.zeros(4), X: X_DATA, y: Y_DATA})
    assert limit == pytest.approx(2 / np.linalg.eigvalsh(2 * X_DATA.T @ X_DATA / 60)[-1])
    fine = symopt.minimize(cost, theta, data={X: X_DATA, y: Y_DATA}, optimizer=symopt.GradientDescent(0.95 * limit),
                           steps=300)
    assert np.isfinite(fine.value)
    with pytest.raises(DivergenceError):
        symopt.minimize(cost, theta, data={X: X_DATA, y: Y_DATA}, optimizer=symopt.GradientDescent(1.5 * limit),
                        steps=3000)


def test_newton_update_as_math():
    from symopt.second_order import newton_update
    update = newton_update(LECTURE, w)
    assert str(update) == "w <- w - (w - 5)"
    assert update.solved() == ((w, 5),)
    assert r"H^{-1} \nabla_\theta J" in update.latex()
    a, b = sympy.symbols("a b", real=True)
    assert newton_update(a ** 2 + a * b + 2 * b ** 2 - 3 * a, [a, b]).solved() == \
        ((a, sympy.Rational(12, 7)), (b, sympy.Rational(-3, 7)))
    A, target = symopt.Placeholder("A", (5, 4)), symopt.Placeholder("target", (5, 1))
    matrix_update = newton_update(ops.sum(ops.square(A * theta - target)), theta)
    assert "(2*A.T*A)**(-1)" in str(matrix_update)


def test_step_size_advice_quotes_two_over_lambda_max():
    from symopt.step_size import step_size_advice
    advice = step_size_advice(LECTURE, w, {w: 0.0}, 1.5)
    assert "2/λ_max = 1 " in advice and "λ_max = 2," in advice and "1.5 times" in advice
    assert step_size_advice(w ** 4, w, {w: 1.0}, 0.1) == ""  # not quadratic: no global limit


def test_method_paths_draws_one_panel_per_method():
    import matplotlib
    matplotlib.use("Agg")
    from symopt.plot import method_paths
    a, b = symopt.Variable("a", -4.0), symopt.Variable("b", 3.0)
    figure = method_paths(a ** 2 + 5 * b ** 2 + a * b, {a: -4.0, b: 3.0}, steps=30)
    titles = [ax.get_title() for ax in figure.axes]
    assert titles == ["gradient descent: 30 steps", "Momentum: 30 steps", "Adam: 30 steps", "Newton: 1 step"]
    newton_path = figure.axes[3].lines[0].get_xydata()
    assert newton_path.tolist() == [[-4.0, 3.0], [0.0, 0.0]]


def test_lbfgs_reaches_scikit_learn_logistic_regression():
    """The benchmark's claim: L2 logistic regression on breast cancer, coefficients within 1e-6 of scikit-learn."""
    from sklearn.datasets import load_breast_cancer
    from sklearn.linear_model import LogisticRegression
    features, labels = load_breast_cancer(return_X_y=True)
    features = (features - features.mean(axis=0)) / features.std(axis=0)
    m, n = features.shape
    data_x, data_y = symopt.Placeholder("X", (None, n)), symopt.Placeholder("y", (None, 1))
    W, b = symopt.Variable("W", 0.0, shape=(n, 1)), symopt.Variable("b", 0.0, shape=(1, 1))
    cost = ops.sigmoid_cross_entropy(ops.bias_add(data_x @ W, b), data_y) + ops.l2_penalty(W) / m
    result = symopt.minimize(cost, [W, b], data={data_x: features, data_y: labels.reshape(-1, 1)}, method="lbfgs",
                             tol=1e-10, steps=10_000)
    # scikit-learn's newton-cholesky solves the same objective to ~1e-11; its default lbfgs stops ~1e-6 short
    reference = LogisticRegression(C=1.0, tol=1e-10, solver="newton-cholesky").fit(features, labels)
    assert result.success, result.message
    assert np.abs(np.ravel(result[W]) - reference.coef_.ravel()).max() < 1e-6
    assert abs(float(np.ravel(result[b])[0]) - reference.intercept_.item()) < 1e-6


@pytest.mark.parametrize("method", ["newton", "bfgs"])
def test_trace_records_every_iterate(method):
    result = symopt.minimize(LECTURE, w, method=method, trace=True)
    assert result.trace.columns == ["step", "cost", "w", "dJ/dw"]
    assert result.trace.column("cost") == list(result.history)
    assert result.trace.column("step") == list(range(len(result.history)))
    assert result.trace.column("dJ/dw")[0] == -10.0 and result.trace.column("dJ/dw")[-1] == pytest.approx(0, abs=1e-6)


def test_bounds_of_a_rank_1_parameter_take_its_declared_shape():
    """``Variable("theta", np.zeros(3))`` is a (3, 1) column inside; its bounds are given as the user declared it."""
    theta, T = symopt.Variable("theta", np.zeros(3)), symopt.Placeholder("T", (3,))
    cost = ops.sum(ops.square(theta - T))
    for bounds in ((np.array([-1, -5, 0.0]), np.array([1, 5, 0.2])), ([-1, -5, 0], [1, 5, 0.2]),
                   (np.array([[-1], [-5], [0.0]]), np.array([[1], [5], [0.2]]))):
        result = symopt.minimize(cost, theta, data={T: [2.0, -3.0, 0.5]}, method="lbfgs", bounds={theta: bounds})
        assert np.allclose(np.ravel(result[theta]), [1.0, -3.0, 0.2]) and result.success  # SciPy L-BFGS-B's answer


@pytest.mark.parametrize("parameter, bound, shape_named", [
    ("theta", [-1.0, -5.0], "(3,)"), ("w", np.array([1.0, 2.0]), "a scalar")])
def test_a_bound_of_another_size_is_refused_not_cut_to_fit(parameter, bound, shape_named):
    theta, w = symopt.Variable("theta", np.zeros(3)), symopt.Variable("w", 0.0)
    cost = ops.sum(ops.square(theta)) + (w + 3) ** 2
    with pytest.raises(ConfigurationError, match=rf"bounds for {parameter}: its low bound has shape \(2,\).*"
                                                 rf"{re.escape(shape_named)}"):
        symopt.minimize(cost, [theta, w], method="lbfgs", bounds={parameter: (bound, None)})
    result = symopt.minimize((w + 3) ** 2, w, method="lbfgs", bounds={w: (np.array([1.0]), None)})  # one number
    assert float(result[w]) == 1.0


def _logistic_problem():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 2))
    y = (X @ [1.5, -2] + 0.3 * rng.normal(size=200) > 0).astype(float)[:, None]
    Xp, yp = symopt.Placeholder("X2", (None, 2)), symopt.Placeholder("y2", (None, 1))
    theta = symopt.Variable("th", np.zeros((2, 1)))
    return ops.sigmoid_cross_entropy(Xp @ theta, yp), theta, {Xp: X, yp: y}


@pytest.mark.parametrize("method", ["newton-cg", "lbfgs", "bfgs", "trust-ncg", "newton"])
def test_success_with_tol_means_every_gradient_entry_is_within_it(method):
    """probe7 Q4: Newton-CG's SciPy test is a step size (xtol) and L-BFGS-B's can be a relative reduction of the
    cost: success is claimed only where the generated gradient's entries are all within tol, or (L-BFGS-B) where
    the cost stopped changing at rounding, which the message says with the largest entry."""
    cost, theta, data = _logistic_problem()
    for tol in (1e-10, 1e-6):
        result = symopt.minimize(cost, theta, data=data, method=method, tol=tol)
        largest = np.abs(symopt.compile(cost, theta)(th=result[theta], **{str(k): v for k, v in data.items()})[1]).max()
        rounding = "converged to rounding" in result.message  # L-BFGS-B: the cost stopped changing (as Newton's)
        assert result.success == (largest <= tol or rounding), (tol, largest, result.message)
        if largest > tol:
            assert f"the largest |gradient| is {largest:.3g} > tol = {tol:g}" in result.message


@pytest.mark.parametrize("method", ["bfgs", "newton-cg", "trust-ncg", "lbfgs", "newton"])
@pytest.mark.parametrize("tol", [float("nan"), float("inf"), -1.0, "1e-3"])
def test_tol_is_checked_with_method_as_without(method, tol):
    """probe7 Q6: tol=nan returned the starting point with success=True."""
    w = symopt.Variable("w", 0.0)
    with pytest.raises(ConfigurationError, match="tol: expected a finite number >= 0"):
        symopt.minimize((w - 3) ** 2, w, method=method, tol=tol)


def test_a_scalar_parameter_with_array_data_meets_numpys_inf_not_a_python_error():
    """probe7 Q7: the exponential distribution's likelihood; L-BFGS-B tries lam = 0, where 50/lam was a raw
    ZeroDivisionError (a Python float in a NumPy program).  It is the documented typed error; with bounds the
    closed-form estimate 1/mean(t)."""
    lam = symopt.Variable("lam", 1.0)
    T = symopt.Placeholder("t", (None, 1))
    times = np.random.default_rng(2).exponential(2.0, size=(50, 1))
    nll = 50 * (-sympy.log(lam)) + lam * ops.sum(T)
    with pytest.raises(DivergenceError, match="the cost is inf at lam = 0"):
        symopt.minimize(nll, {lam: 1.0}, data={T: times}, method="lbfgs")
    with pytest.raises(DivergenceError):
        symopt.minimize(nll, {lam: 0.0}, data={T: times}, method="newton")
    result = symopt.minimize(nll, {lam: 1.0}, data={T: times}, method="lbfgs", bounds={lam: (1e-9, None)})
    assert result[lam] == pytest.approx(1 / times.mean(), rel=1e-6) and type(result[lam]) is float


@pytest.mark.parametrize("method", ["lbfgs", "newton", "trust-ncg", "newton-cg"])
def test_a_cost_without_a_real_value_at_the_start_is_a_domain_error_not_its_real_part(method):
    """probe7 Q14: 4·(-1)^(3/2) - 12·(-1) is 12 - 4i; with array data it was reported as 12.0 (lbfgs), or a raw
    TypeError / ValueError."""
    lam, T = symopt.Variable("lam", 1.0), symopt.Placeholder("t", (None, 1))
    cost = lam ** sympy.Rational(3, 2) * ops.sum(T) - 3 * lam * ops.sum(T)
    with pytest.raises(DomainError, match="at the starting point lam = -1"):
        symopt.minimize(cost, {lam: -1.0}, data={T: np.ones((4, 1))}, method=method)


@pytest.mark.parametrize("start", [0.0, -1.0, 1e-12])
def test_a_start_outside_the_bounds_is_moved_into_them_as_l_bfgs_b_does(start):
    """probe7 Q15: SciPy clips the start into the box; the start was evaluated where it was (log 0: "give bounds=",
    which were given). History starts at the clipped point."""
    lam = symopt.Variable("lam", 1.0)
    cost = 25 * lam - 10 * sympy.log(lam)
    result = symopt.minimize(cost, {lam: start}, method="lbfgs", bounds={lam: (1e-9, None)})
    assert result.success and result[lam] == pytest.approx(0.4, rel=1e-8)
    assert result.history[0] == pytest.approx(25e-9 - 10 * np.log(1e-9))


def test_bounds_given_twice_for_one_parameter_are_refused():
    """probe7 Q16: by symbol and by name, the later entry silently won."""
    x = symopt.Variable("x", 0.5)
    with pytest.raises(ConfigurationError, match="bounds for x are given twice"):
        symopt.minimize((x - 3) ** 2, x, method="lbfgs", bounds={x: (0, 1), "x": (0, 2)})


def test_out_of_core_data_is_refused_by_method_as_by_a_full_batch_run(tmp_path):
    """probe7 Q17: method= read a memmap whole (a file larger than memory would exhaust it)."""
    np.save(tmp_path / "X.npy", np.ones((20, 3)))
    X, w = symopt.Placeholder("X", (None, 3)), symopt.Variable("w", np.zeros((3, 1)))
    with pytest.raises(ConfigurationError, match="data for X is out of core.*method= evaluates the cost on all"):
        symopt.minimize(ops.mean(ops.square(X @ w)), w, data={X: np.load(tmp_path / "X.npy", mmap_mode="r")},
                        method="lbfgs")


@pytest.mark.parametrize("key", ["symbol", "name"])
def test_data_giving_the_trained_parameter_gets_the_first_order_advice(key):
    """probe7 Q19: method= said "unknown input w ... check its spelling" for the cost's own parameter."""
    w, a = symopt.Variable("w", 0.0), symopt.Placeholder("a")
    with pytest.raises(FeedError, match="data gives w, which wrt trains"):
        symopt.minimize((w - a) ** 2, w, data={a: 1.0, (w if key == "symbol" else "w"): 5.0}, method="lbfgs")
