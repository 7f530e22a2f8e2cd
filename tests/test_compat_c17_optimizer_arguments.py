"""Optimizer arguments and run options as TF1 takes them.

* A learning rate float32 makes infinite or 0 (``GradientDescentOptimizer(1e308)``, ``1e-50``) runs with TF1's
  float32 constant, as TF1 (review6 R6-4: it was refused), and a Python-number rate at or below 0 is TF1's float32
  constant too (a float64 variable trained with ``-0.01`` moves by ``0.009999999776482582`` times the gradient).
* A hyperparameter outside the ranges a symopt optimizer checks (``momentum=1.0``, ``epsilon=0.0``, Adam's
  ``beta1=1.0``: probe18 G18) runs as TF1 runs it, with TF1's numbers (NaN where TF1's kernel divides by 0).
* ``tf.RunOptions`` takes TF1's fields only (review6 R6-6: a misspelt ``trace_levl`` was accepted silently).

The trained values were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the same program
(/tmp/c17/r64.py, g18.py, ro.py of compat17's session); TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

#: case -> (optimizer, variable dtype, TF 2.21's variable after two steps of sum((w - 0.5)^2) from [1, -2])
RATES = {
    "huge": (lambda: tf.train.GradientDescentOptimizer(1e308), np.float32, [np.nan, np.nan]),
    "huge_float64": (lambda: tf.train.GradientDescentOptimizer(1e308), np.float64, [np.nan, np.nan]),
    "tiny": (lambda: tf.train.GradientDescentOptimizer(1e-50), np.float32, [1.0, -2.0]),
    "huge_momentum": (lambda: tf.train.MomentumOptimizer(1e39, 0.9), np.float32, [np.nan, np.nan]),
    "huge_adam": (lambda: tf.train.AdamOptimizer(1e39), np.float32, [np.nan, np.nan]),
    "negative_float64": (lambda: tf.train.GradientDescentOptimizer(-0.01), np.float64,
                         [1.0201999995440245, -2.1009999977201224]),
}


def _two_steps(make, dtype):
    """The variable after two steps of ``make()`` on sum((w - 0.5)^2) from [1, -2]."""
    w = tf.Variable(np.asarray([1.0, -2.0], dtype))
    train = make().minimize(tf.reduce_sum(tf.square(w - 0.5)))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        sess.run(train)
        return sess.run(w)


@pytest.mark.parametrize("case", sorted(RATES))
def test_a_learning_rate_float32_cannot_hold_runs_as_tf1(case):
    make, dtype, expected = RATES[case]
    np.testing.assert_array_equal(_two_steps(make, dtype), np.asarray(expected, dtype))


#: a hyperparameter outside symopt's own ranges that TF1 runs -> TF 2.21's w after two steps of sum((w - 0.5)^2)
#: from [1, -2] (printed with 7 digits; probe18 G18 and core15's /tmp/c15_tf_ada.py, TF1's graph mode)
OUTSIDE_RULES = {
    "momentum_one": (lambda: tf.train.MomentumOptimizer(0.1, 1.0), [0.72, -0.6]),  # the undamped heavy ball
    "momentum_negative": (lambda: tf.train.MomentumOptimizer(0.1, -0.5), [0.87, -1.35]),
    "momentum_above_one": (lambda: tf.train.MomentumOptimizer(0.1, 1.5), [0.67, -0.35]),
    "nesterov_one": (lambda: tf.train.MomentumOptimizer(0.1, 1.0, use_nesterov=True), [0.58, 0.10000002]),
    "adam_epsilon": (lambda: tf.train.AdamOptimizer(0.1, epsilon=0.0), [0.8011877, -1.8001275]),
    "adam_negative_epsilon": (lambda: tf.train.AdamOptimizer(0.1, epsilon=-1.0), [1.0079626, -2.047717]),
    "adam_beta1": (lambda: tf.train.AdamOptimizer(0.1, beta1=1.0), [np.nan, np.nan]),  # 1 - beta1^t = 0
    "adam_beta2": (lambda: tf.train.AdamOptimizer(0.1, beta2=1.0), [1.0, -2.0]),
    "adam_negative_beta1": (lambda: tf.train.AdamOptimizer(0.1, beta1=-0.5), [0.8337377, -1.8061414]),
    "rmsprop_epsilon": (lambda: tf.train.RMSPropOptimizer(0.1, epsilon=0.0), [0.8185199, -1.5304159]),
    "rmsprop_negative_epsilon": (lambda: tf.train.RMSPropOptimizer(0.1, epsilon=-0.5), [0.7518408, -1.4985372]),
    "rmsprop_decay": (lambda: tf.train.RMSPropOptimizer(0.1, decay=1.0), [0.82, -1.1]),
    "rmsprop_decay_above_one": (lambda: tf.train.RMSPropOptimizer(0.1, decay=1.5), [0.826354, np.nan]),
    "rmsprop_momentum_one": (lambda: tf.train.RMSPropOptimizer(0.1, momentum=1.0), [0.7185199, -1.2592528]),
    # rho = 1 keeps both accumulators at 0: steps of lr*g, plain gradient descent (TF 2.21; final32 #6: at lr = 1
    # the oscillation 1 - w came back to the start and read as "never moves")
    "adadelta_rho": (lambda: tf.train.AdadeltaOptimizer(0.1, rho=1.0), [0.8199999928474426, -1.100000023841858]),
    "adadelta_epsilon": (lambda: tf.train.AdadeltaOptimizer(1.0, epsilon=0.0), [1.0, -2.0]),
    "proximal_l1": (lambda: tf.train.ProximalGradientDescentOptimizer(0.1, l1_regularization_strength=-0.1),
                    [0.82, -1.1]),
    "proximal_l2": (lambda: tf.train.ProximalGradientDescentOptimizer(0.1, l2_regularization_strength=-0.5),
                    [0.9030471, -1.2243768]),
}


@pytest.mark.parametrize("case", sorted(OUTSIDE_RULES))
def test_a_hyperparameter_outside_symopts_ranges_runs_as_tf1(case):
    """probe18 G18: TF1 checks none of these ranges; symopt.compat.v1 refused each ("TF1 runs it, symopt.compat.v1
    does not"); it runs TF1's kernel with TF1's numbers, NaN included."""
    make, expected = OUTSIDE_RULES[case]
    np.testing.assert_allclose(_two_steps(make, np.float32), np.asarray(expected, np.float32), rtol=1e-6, atol=0)


def test_a_tensor_hyperparameter_is_still_refused_naming_it():
    with pytest.raises(UnsupportedOperationError, match=r"MomentumOptimizer: momentum as a tensor"):
        tf.train.MomentumOptimizer(0.1, tf.constant(0.9))


def test_run_options_take_tf1s_fields_only():
    options = tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE, output_partition_graphs=True)
    assert options.trace_level == 3 and options.timeout_in_ms == 0
    with pytest.raises(ValueError, match='Protocol message RunOptions has no "trace_levl" field'):
        tf.RunOptions(trace_levl=3)
    with pytest.raises(AttributeError, match='Protocol message RunOptions has no "trace_levl" field'):
        options.trace_levl = 3
    with pytest.raises(UnsupportedOperationError, match="timeout_in_ms=5000"):
        options.timeout_in_ms = 5000


@pytest.mark.parametrize("make", [lambda: tf.train.FtrlOptimizer(0.0), lambda: tf.train.FtrlOptimizer(-0.1),
                                  lambda: tf.train.ProximalAdagradOptimizer(-0.1),
                                  lambda: tf.train.ProximalAdagradOptimizer(0.0)],
                         ids=["ftrl-0", "ftrl-negative", "proximal-adagrad-negative", "proximal-adagrad-0"])
def test_ftrl_and_proximal_adagrad_refuse_a_rate_their_kernels_refuse(make):
    """final32 #4: TF1's ApplyFtrl and ApplyProximalAdagrad check lr > 0 ('lr is not a positive scalar'; TF 2.21
    raises InvalidArgumentError when the step runs); symopt gave numbers, a silent NaN for Ftrl(0.0)."""
    with pytest.raises(tf.errors.InvalidArgumentError, match="lr is not a positive scalar"):
        make()


def test_proximal_adagrad_refuses_a_tensor_strength_by_name():
    with pytest.raises(UnsupportedOperationError, match="l1_regularization_strength as a tensor"):
        tf.train.ProximalAdagradOptimizer(0.1, l1_regularization_strength=tf.constant(0.1))
