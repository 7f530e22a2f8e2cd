"""A loss's labels outside its range (probe26 P26-3): labels -1/+1 fed to a cross-entropy made it unbounded below,
and training "succeeded" with a negative cross-entropy and weights growing with the step count."""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import FeedError


def _svm_labels():
    rng = np.random.default_rng(19)
    features = rng.normal(size=(50, 2))
    return features, np.where(features[:, 0] + 0.3 * rng.normal(size=50) > 0, 1.0, -1.0).reshape(-1, 1)


def _logistic():
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W, b = symopt.Variable("W", np.zeros((2, 1))), symopt.Variable("b", np.zeros((1, 1)))
    return ops.sigmoid_cross_entropy(ops.bias_add(X @ W, b), y), X, y, W, b


def test_sigmoid_labels_of_minus_one_are_refused_on_every_path_that_feeds_them():
    cost, X, y, W, b = _logistic()
    features, labels = _svm_labels()
    expected = r"labels of sigmoid_cross_entropy must be numbers in \[0, 1\].*given -1.*\(y \+ 1\) / 2"
    runs = {
        "full batch": lambda: symopt.minimize(cost, [W, b], data={X: features, y: labels}, steps=5),
        "mini-batches": lambda: symopt.minimize(cost, [W, b], data={X: features, y: labels}, batch_size=10,
                                                epochs=1),
        "method=": lambda: symopt.minimize(cost, [W, b], data={X: features, y: labels}, method="lbfgs"),
        "stream": lambda: symopt.minimize(cost, [W, b], data=[{X: features[:25], y: (labels[:25] + 1) / 2},
                                                              {X: features[25:], y: labels[25:]}]),
        "compiled, keywords": lambda: symopt.compile(cost, [W, b])(W=np.zeros((2, 1)), b=np.zeros((1, 1)),
                                                                   X=features, y=labels),
        "compiled, dict": lambda: symopt.compile(cost, [W, b])({W: np.zeros((2, 1)), b: np.zeros((1, 1)),
                                                                X: features, y: labels}),
        "evaluate": lambda: symopt.evaluate(cost, {X: features, y: labels}),
        "labels of 2": lambda: symopt.evaluate(cost, {X: features, y: labels + 1}),
    }
    for name, run in runs.items():
        with pytest.raises(FeedError, match=expected if name != "labels of 2" else r"given 2\b"):
            run()
    assert np.array_equal(symopt.evaluate(W), np.zeros((2, 1)))  # refused before anything trained


def test_labels_mapped_to_zero_one_fit_what_sklearn_fits():
    linear_model = pytest.importorskip("sklearn.linear_model")
    cost, X, y, W, b = _logistic()
    features, labels = _svm_labels()
    result = symopt.minimize(cost, [W, b], data={X: features, y: (labels + 1) / 2}, method="lbfgs")
    oracle = linear_model.LogisticRegression(C=np.inf, tol=1e-10, max_iter=10_000).fit(features, labels.ravel())
    np.testing.assert_allclose(result[W].ravel(), oracle.coef_.ravel(), rtol=1e-4)
    np.testing.assert_allclose(result[b].ravel(), oracle.intercept_, rtol=1e-4)
    assert result.value > 0


def test_softmax_labels_may_be_counts_but_not_negative():
    X, Y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("Y", (None, 2))
    V = symopt.Variable("V", np.zeros((2, 2)))
    cost = ops.softmax_cross_entropy(X @ V, Y)
    features, labels = _svm_labels()
    with pytest.raises(FeedError, match=r"labels of softmax_cross_entropy must be numbers >= 0.*given -1"):
        symopt.minimize(cost, V, data={X: features, Y: np.hstack([labels, -labels])}, steps=3)
    counts = 3 * np.hstack([labels > 0, labels < 0]).astype(float)  # a multinomial's counts: bounded below
    value = symopt.evaluate(cost, {X: features, Y: counts})
    np.testing.assert_allclose(value, 3 * np.log(2), rtol=1e-12)  # V = 0: every class at probability 1/2


def test_the_course_loss_of_one_example_checks_a_scalar_label():
    a, label = symopt.Placeholder("z"), symopt.Placeholder("label")
    w = symopt.Variable("w", 0.5)
    loss = ops.sigmoid_cross_entropy(w * a, label)
    np.testing.assert_allclose(symopt.evaluate(loss, {a: 2.0, label: 1.0}), np.log1p(np.exp(-1.0)), rtol=1e-12)
    with pytest.raises(FeedError, match="given -1"):
        symopt.evaluate(loss, {a: 2.0, label: -1.0})


def test_computed_labels_and_plain_targets_are_not_marked():
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", np.zeros((2, 1)))
    features, labels = _svm_labels()
    halved = ops.sigmoid_cross_entropy(X @ W, y / 2)  # labels computed from data fed as 0/2: only y is fed
    np.testing.assert_allclose(symopt.evaluate(halved, {X: features, y: labels + 1}), np.log(2), rtol=1e-12)
    regression = ops.mean(ops.square(X @ W - y))  # a regression's targets: any real numbers
    np.testing.assert_allclose(symopt.evaluate(regression, {X: features, y: labels}), np.mean(labels ** 2))


def test_a_placeholder_given_to_a_loss_is_checked_only_in_costs_that_hold_that_loss():
    cost, X, y, W, b = _logistic()  # y marked as the labels of this loss
    features, labels = _svm_labels()
    targets = ops.mean(ops.square(ops.bias_add(X @ W, b) - y))  # the same placeholder as a regression's targets
    fitted = symopt.minimize(targets, [W, b], data={X: features, y: labels}, method="lbfgs")
    design = np.hstack([features, np.ones((50, 1))])
    np.testing.assert_allclose(np.vstack([fitted[W], fitted[b]]).ravel(),
                               np.linalg.lstsq(design, labels, rcond=None)[0].ravel(), atol=1e-4)
    with pytest.raises(FeedError, match="labels of sigmoid_cross_entropy"):  # a cost that holds the loss: checked
        symopt.evaluate(cost + targets, {X: features, y: labels})


def test_batched_evaluation_and_the_jax_backend_check_labels_too(tmp_path):
    cost, X, y, W, b = _logistic()
    features, labels = _svm_labels()
    np.save(tmp_path / "y.npy", labels)
    on_disk = np.load(tmp_path / "y.npy", mmap_mode="r")
    with pytest.raises(FeedError, match="labels of sigmoid_cross_entropy"):
        symopt.evaluate_in_batches(cost, {X: features, y: labels}, batch_size=16)
    with pytest.raises(FeedError, match="labels of sigmoid_cross_entropy"):
        symopt.minimize(cost, [W, b], data={X: features, y: on_disk}, batch_size=16, epochs=1)
    pytest.importorskip("jax")
    with pytest.raises(FeedError, match="labels of sigmoid_cross_entropy"):
        symopt.minimize(cost, [W, b], data={X: features, y: labels}, steps=3, backend="jax")


def test_a_scalar_loss_is_found_by_both_of_its_terms_not_by_its_softplus_alone():
    """review34 R34-1: the scalar loss marked softplus(w*x) alone, so a softplus regression of a positive target
    built beside it was refused as "unbounded below"."""
    x, t, w = symopt.Placeholder("x"), symopt.Placeholder("t"), symopt.Variable("w", 0.0)
    regression = (symopt.softplus(w * x) - t) ** 2
    ops.sigmoid_cross_entropy(w * x, t)  # built once, as in an earlier notebook cell
    fitted = symopt.minimize(regression, w, data={x: 1.0, t: 5.0}, steps=2000, optimizer=symopt.Adam(0.05))
    np.testing.assert_allclose(np.log1p(np.exp(float(fitted[w]))), 5.0, rtol=1e-3)
    assert np.isfinite(symopt.evaluate(symopt.softplus(w * x) + (t - w * x) ** 2, {x: 1.0, t: 5.0}))
    examples = [(symopt.Placeholder(f"x{i}"), symopt.Placeholder(f"t{i}")) for i in range(3)]
    total = sum(ops.sigmoid_cross_entropy(w * xi, ti) for xi, ti in examples) / 3 + w ** 2 / 10  # a sum keeps both
    feed = {xi: 1.0 for xi, _ in examples} | {ti: 1.0 for _, ti in examples}
    np.testing.assert_allclose(symopt.evaluate(total, feed), np.log(2), rtol=1e-12)
    with pytest.raises(FeedError, match="given -1"):
        symopt.evaluate(total, {**feed, examples[1][1]: -1.0})


def test_a_display_shows_the_loss_at_any_labels():
    """review34 R34-4: derive / explain at= of a matrix loss refused -1/+1 labels (a lecture on why they break the
    logistic loss); a display evaluates what it is given."""
    cost, X, y, W, b = _logistic()
    features, labels = _svm_labels()
    at = {X: features[:4], y: labels[:4], W: np.ones((2, 1)), b: np.zeros((1, 1))}
    shown = str(symopt.derive(cost, [W, b], at=at))
    assert "forward" in shown
    assert "W" in str(symopt.explain(cost, [W, b], at=at))


def test_a_device_array_of_labels_is_reduced_once_not_at_every_call():
    """review34 R34-5: each call of a compiled function on the same JAX array waited for two device reductions."""
    from symopt.label_ranges import LABEL_RANGES, check_label_values

    class DeviceLike:  # an immutable array on a device: min and max are reductions the host waits for
        size, reductions = 3, 0

        def min(self):
            DeviceLike.reductions += 1
            return 0.0

        def max(self):
            DeviceLike.reductions += 1
            return 1.0

    labels, ranges = DeviceLike(), (LABEL_RANGES["sigmoid_cross_entropy"],)
    for _ in range(5):
        check_label_values(ranges, "y", labels)
    assert DeviceLike.reductions == 2
    for _ in range(3):
        check_label_values(ranges, "y", np.array([0.0, 1.0]))  # host arrays may change in place: every call
    bad = DeviceLike()
    bad.max = lambda: 2.0
    with pytest.raises(FeedError, match="given 2"):
        check_label_values(ranges, "y", bad)
    with pytest.raises(FeedError, match="given 2"):
        check_label_values(ranges, "y", bad)  # a refused array is refused again


def test_a_placeholder_remembers_its_latest_losses_only():
    """review34 R34-6: each loss built on a labels placeholder stayed on it (and in its pickle): a sweep of 200
    models made the pickle of y 64 kB."""
    import pickle

    from symopt.label_ranges import MARKS_KEPT
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    models = [symopt.Variable(f"W{k}", np.zeros((2, 1))) for k in range(40)]
    costs = [ops.sigmoid_cross_entropy(X @ W, y) for W in models]
    small = len(pickle.dumps(y))
    assert len(y._shared_attributes["label_losses"]) == MARKS_KEPT
    with pytest.raises(FeedError, match=r"given 1\.0000000000000002 \(values from 0 to 1\.0000000000000002\)"):
        symopt.evaluate(costs[-1], {X: np.ones((2, 2)), y: np.array([[0.0], [1.0000000000000002]])})
    costs += [ops.sigmoid_cross_entropy(X @ W, y) for W in models]  # built again: still the latest 8
    assert len(pickle.dumps(y)) < 2 * small


def test_labels_traced_inside_a_users_jit_are_not_read():
    """review34 R34-8: a JAX-backend compiled function called inside jax.jit / vmap raised JAX's
    ConcretizationTypeError from the labels check; traced labels have no numbers to check until the jit runs."""
    jax = pytest.importorskip("jax")
    cost, X, y, W, b = _logistic()
    f = symopt.compile(cost, [W, b], backend="jax")
    features, labels = _svm_labels()
    values = dict(W=np.zeros((2, 1), np.float32), b=np.zeros((1, 1), np.float32), X=features.astype(np.float32))
    zero_one = ((labels + 1) / 2).astype(np.float32)
    inside = jax.jit(lambda traced: f(**values, y=traced)[0])(zero_one)
    outside = f(**values, y=zero_one)[0]
    np.testing.assert_allclose(float(inside), float(outside), rtol=1e-6)
    np.testing.assert_allclose(float(outside), np.log(2), rtol=1e-6)


def test_a_cost_sympy_rebuilt_is_still_checked():
    """review34 R34-2: cost.subs / xreplace / sympy.expand / simplify / doit rebuilt the loss's nodes, and -1/+1 labels
    trained again to a negative cross-entropy with success=True; the loss is now also found by its shape."""
    import sympy
    cost, X, y, W, b = _logistic()
    features, labels = _svm_labels()
    V = symopt.Variable("V", np.zeros((2, 1)))
    rebuilt = {"expand": (sympy.expand(cost), [W, b]), "subs": (cost.subs(W, V), [V, b]),
               "xreplace": (cost.xreplace({X: 2 * X}), [W, b]), "simplify": (sympy.simplify(cost), [W, b]),
               "doit": (cost.doit(), [W, b])}
    for name, (changed, wrt) in rebuilt.items():
        with pytest.raises(FeedError, match="labels of sigmoid_cross_entropy"):
            symopt.minimize(changed, wrt, data={X: features, y: labels}, steps=5)
    Y, U = symopt.Placeholder("Y", (None, 2)), symopt.Variable("U", np.zeros((2, 2)))
    softmax = ops.softmax_cross_entropy(X @ U, Y)
    with pytest.raises(FeedError, match="labels of softmax_cross_entropy"):
        symopt.minimize(softmax.subs(U, 2 * U), U, data={X: features, Y: np.hstack([labels, -labels])}, steps=5)
    x, t, w = symopt.Placeholder("x"), symopt.Placeholder("t"), symopt.Variable("w", 0.0)
    with pytest.raises(FeedError, match="given -1"):
        symopt.evaluate(ops.sigmoid_cross_entropy(w * x, t).subs(x, 2 * x), {x: 1.0, t: -1.0})
    advantages = symopt.Placeholder("advantages", (None, 2))  # REINFORCE: weights of log-probabilities, any sign
    policy = -ops.sum(ops.hadamard(advantages, ops.log_softmax(X @ U))) / 50
    np.testing.assert_allclose(symopt.evaluate(policy, {X: features, advantages: -np.ones((50, 2))}), -2 * np.log(2))
