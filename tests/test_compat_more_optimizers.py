"""``tf.train.AdadeltaOptimizer``, ``FtrlOptimizer``, ``ProximalGradientDescentOptimizer`` and
``ProximalAdagradOptimizer`` against hand-written NumPy loops of TF1's kernels (the loops of
``test_optimizers_more.py``, which follow ``training_ops.cc``), and every optimizer name of ``get_optimizer``.

``tests/data/tf1_optimizers.json`` holds no trajectories of these four (the golden file records
GradientDescent, Momentum, Adagrad, RMSProp and Adam only), so the kernel loops are the oracle.
"""

from __future__ import annotations

import numpy as np
import pytest

import symopt
import symopt.compat.v1 as tf
from symopt.errors import ConfigurationError, UnsupportedOperationError
from symopt.more_optimizers import MORE_OPTIMIZERS
from symopt.optimizers import OPTIMIZERS, get_optimizer
from test_optimizers_more import _reference, adadelta, ftrl, proximal_adagrad, proximal_gd

# compat constructor -> (kernel loop, its config)
COMPAT = {
    "AdadeltaOptimizer(1.0)": (lambda: tf.train.AdadeltaOptimizer(1.0), adadelta,
                               dict(lr=1.0, rho=0.95, epsilon=1e-8)),
    "AdadeltaOptimizer(0.5, rho=0.9, epsilon=1e-6)": (
        lambda: tf.train.AdadeltaOptimizer(0.5, rho=0.9, epsilon=1e-6), adadelta, dict(lr=0.5, rho=0.9, epsilon=1e-6)),
    "FtrlOptimizer(0.5)": (lambda: tf.train.FtrlOptimizer(0.5), ftrl, dict(lr=0.5, l1=0.0, l2=0.0, initial=0.1)),
    "FtrlOptimizer(0.5, l1=0.8, l2=0.1)": (
        lambda: tf.train.FtrlOptimizer(0.5, l1_regularization_strength=0.8, l2_regularization_strength=0.1), ftrl,
        dict(lr=0.5, l1=0.8, l2=0.1, initial=0.1)),
    "ProximalGradientDescentOptimizer(0.05, l1=0.3, l2=0.1)": (
        lambda: tf.train.ProximalGradientDescentOptimizer(0.05, l1_regularization_strength=0.3,
                                                          l2_regularization_strength=0.1),
        proximal_gd, dict(lr=0.05, l1=0.3, l2=0.1)),
    "ProximalGradientDescentOptimizer(0.05)": (lambda: tf.train.ProximalGradientDescentOptimizer(0.05), proximal_gd,
                                               dict(lr=0.05, l1=0.0, l2=0.0)),
    "ProximalAdagradOptimizer(0.5, l1=0.5, l2=0.2)": (
        lambda: tf.train.ProximalAdagradOptimizer(0.5, l1_regularization_strength=0.5, l2_regularization_strength=0.2),
        proximal_adagrad, dict(lr=0.5, l1=0.5, l2=0.2, initial=0.1)),
}


@pytest.mark.parametrize("name", sorted(COMPAT))
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_compat_optimizer_matches_the_tf1_kernel_loop(name, dtype):
    make, rule, config = COMPAT[name]
    tf.reset_default_graph()
    w = tf.Variable(0.0, dtype=getattr(tf, dtype))
    train = make().minimize(w ** 2 - 10 * w + 25)
    seen = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(30):
            sess.run(train)
            seen.append(sess.run(w))
    expected = _reference(rule, config, 0.0, lambda x: 2 * x - np.dtype(dtype).type(10), 30, dtype)
    assert [repr(float(v)) for v in seen] == [repr(float(v)) for v in expected]
    assert all(np.asarray(v).dtype == np.dtype(dtype) for v in seen)


def test_compat_proximal_optimizer_on_a_vector_takes_a_schedule():
    tf.reset_default_graph()
    target = np.float32([[3.0], [-0.2], [0.05], [-4.0]])
    v = tf.Variable(np.zeros((4, 1), np.float32))
    step = tf.Variable(0, trainable=False)
    rate = tf.train.exponential_decay(0.1, step, 10, 0.5)
    train = tf.train.ProximalGradientDescentOptimizer(rate, l1_regularization_strength=0.5).minimize(
        tf.reduce_sum(tf.square(v - target)), global_step=step)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(40):
            sess.run(train)
        final, steps = sess.run([v, step])
    # the schedule evaluated in float32 as TF1 does: lr_t = 0.1 * 0.5 ** (t / 10)
    theta = np.zeros((4, 1), np.float32)
    for t in range(40):
        lr = np.float32(np.float32(0.1) * np.power(np.float32(0.5), np.float32(t) / np.float32(10)))
        h = dict(lr=lr, l1=np.float32(0.5), l2=np.float32(0.0))
        theta = proximal_gd(theta, np.float32(2) * (theta - target), {}, h, t).astype(np.float32)
    assert steps == 40
    np.testing.assert_allclose(final, theta, rtol=2e-6, atol=1e-7)
    assert final[2, 0] == 0.0  # the l1 shrinkage makes the small target an exact zero


def test_ftrl_v2_arguments_are_refused_not_approximated():
    with pytest.raises(UnsupportedOperationError, match="l2_shrinkage_regularization_strength"):
        tf.train.FtrlOptimizer(0.1, l2_shrinkage_regularization_strength=0.1)
    with pytest.raises(UnsupportedOperationError, match="beta"):
        tf.train.FtrlOptimizer(0.1, beta=0.5)
    with pytest.raises(ConfigurationError, match="learning_rate_power"):
        tf.train.FtrlOptimizer(0.1, learning_rate_power=0.5)


@pytest.mark.parametrize("name", sorted({**OPTIMIZERS, **MORE_OPTIMIZERS}))
def test_every_optimizer_has_a_name(name):
    optimizer = get_optimizer(name)
    assert type(optimizer).name == name
    assert get_optimizer(name.upper(), lr=0.25).hyperparameters["lr"] == 0.25
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize((w - 1) ** 2, w, optimizer=name, steps=3)
    assert result.steps == 3 and np.isfinite(result.value)


def test_an_unknown_name_lists_every_optimizer():
    with pytest.raises(ConfigurationError, match="proximal_adagrad") as error:
        get_optimizer("adamax")
    assert "nadam" in str(error.value) and "gd" in str(error.value)


@pytest.mark.parametrize("make", [lambda: tf.train.AdadeltaOptimizer(1.0),
                                  lambda: tf.train.FtrlOptimizer(0.5, l1_regularization_strength=0.1)])
def test_saver_restores_the_optimizer_slots_exactly(make, tmp_path):
    def build():
        tf.reset_default_graph()
        v = tf.Variable(0.0, name="v")
        return v, make().minimize((v - 3.0) ** 2)
    v, train = build()
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for _ in range(10):
            session.run(train)
        whole = session.run(v)
    v, train = build()
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for _ in range(4):
            session.run(train)
        tf.train.Saver().save(session, str(tmp_path / "run"))
    v, train = build()
    with tf.Session() as session:
        tf.train.Saver().restore(session, str(tmp_path / "run"))
        for _ in range(6):
            session.run(train)
        assert session.run(v) == whole != 0.0
