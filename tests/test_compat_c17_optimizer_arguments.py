"""Optimizer arguments and run options as TF1 takes them.

* A learning rate float32 makes infinite or 0 (``GradientDescentOptimizer(1e308)``, ``1e-50``) runs with TF1's
  float32 constant, as TF1 (review6 R6-4: it was refused), and a Python-number rate at or below 0 is TF1's float32
  constant too (a float64 variable trained with ``-0.01`` moves by ``0.009999999776482582`` times the gradient).
* A hyperparameter TF1 takes but symopt's update rules do not (``momentum=1.0``, ``epsilon=0.0``: probe18 G18) is
  refused, typed, before anything is built, in words that say the range is symopt's, not TF1's.
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


@pytest.mark.parametrize("case", sorted(RATES))
def test_a_learning_rate_float32_cannot_hold_runs_as_tf1(case):
    make, dtype, expected = RATES[case]
    w = tf.Variable(np.asarray([1.0, -2.0], dtype))
    train = make().minimize(tf.reduce_sum(tf.square(w - 0.5)))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        sess.run(train)
        value = sess.run(w)
    np.testing.assert_array_equal(value, np.asarray(expected, dtype))


#: the optimizer TF1 runs (TF 2.21's w after two steps: momentum=1.0 [0.72, -0.6], Adam epsilon=0 [0.8011877,
#: -1.8001275], ProximalGradientDescent l1=-0.1 [0.82, -1.1]) and the argument named in the refusal
OUTSIDE_RULES = {
    "momentum_one": (lambda: tf.train.MomentumOptimizer(0.1, 1.0), "momentum=1.0"),
    "momentum_negative": (lambda: tf.train.MomentumOptimizer(0.1, -0.5), "momentum=-0.5"),
    "adam_epsilon": (lambda: tf.train.AdamOptimizer(0.1, epsilon=0.0), "epsilon=0.0"),
    "adam_beta2": (lambda: tf.train.AdamOptimizer(0.1, beta2=1.0), "beta2=1.0"),
    "rmsprop_epsilon": (lambda: tf.train.RMSPropOptimizer(0.1, epsilon=0.0), "epsilon=0.0"),
    "rmsprop_decay": (lambda: tf.train.RMSPropOptimizer(0.1, decay=1.0), "decay=1.0"),
    "adadelta_rho": (lambda: tf.train.AdadeltaOptimizer(0.1, rho=1.0), "rho=1.0"),
    "proximal_l1": (lambda: tf.train.ProximalGradientDescentOptimizer(0.1, l1_regularization_strength=-0.1),
                    "l1_regularization_strength=-0.1"),
}


@pytest.mark.parametrize("case", sorted(OUTSIDE_RULES))
def test_a_hyperparameter_outside_symopts_rules_is_refused_as_symopts_limit(case):
    make, argument = OUTSIDE_RULES[case]
    with pytest.raises(UnsupportedOperationError, match=f"\\({argument}\\): TF1 runs it, symopt.compat.v1 does not"):
        make()


def test_run_options_take_tf1s_fields_only():
    options = tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE, output_partition_graphs=True)
    assert options.trace_level == 3 and options.timeout_in_ms == 0
    with pytest.raises(ValueError, match='Protocol message RunOptions has no "trace_levl" field'):
        tf.RunOptions(trace_levl=3)
    with pytest.raises(AttributeError, match='Protocol message RunOptions has no "trace_levl" field'):
        options.trace_levl = 3
    with pytest.raises(UnsupportedOperationError, match="timeout_in_ms=5000"):
        options.timeout_in_ms = 5000
