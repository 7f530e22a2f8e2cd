"""``tf.layers.dense(kernel_constraint=, bias_constraint=)`` are the variables' ``constraint=``, applied after each
optimizer step as TF1's ``add_weight(constraint=)`` (probe77 P77-3: they were refused).

Oracle: hand NumPy of one gradient-descent step on ``reduce_sum(X W + b)`` (gradients ``X^T 1`` and ``m``) followed by
the two clips; TF 2.21 runs the same program (its kernel's column norms after Géron's max-norm steps matched to 1e-5).
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


def test_constraints_clip_after_the_step():
    tf.reset_default_graph()
    x_value = np.array([[1.0, -2.0], [0.5, 0.25], [-1.0, 3.0]], np.float32)
    w_start = np.array([[0.3, -0.2, 0.05], [0.01, 0.4, -0.3]], np.float32)
    x = tf.placeholder(tf.float32, [None, 2])
    out = tf.layers.dense(x, 3, kernel_initializer=tf.constant_initializer(w_start),
                          kernel_constraint=lambda w: tf.clip_by_value(w, -0.1, 0.1),
                          bias_constraint=lambda b: tf.clip_by_value(b, -0.05, 0.05))
    train = tf.train.GradientDescentOptimizer(0.5).minimize(tf.reduce_sum(out))
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        session.run(train, {x: x_value})
        kernel, bias = session.run([v for v in tf.global_variables() if v.name in ("dense/kernel:0", "dense/bias:0")])
    stepped = w_start - np.float32(0.5) * (x_value.T @ np.ones((3, 3), np.float32))
    np.testing.assert_allclose(kernel, np.clip(stepped, -0.1, 0.1), rtol=1e-6)
    np.testing.assert_allclose(bias, np.clip(-0.5 * 3 * np.ones(3), -0.05, 0.05), rtol=1e-6)


def test_activity_regularizer_still_refused_naming_it():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 2])
    with pytest.raises(UnsupportedOperationError, match="activity_regularizer="):
        tf.layers.dense(x, 3, activity_regularizer=tf.reduce_sum)
