"""docs/compat.md "A tensor times a literal zero" (probe56 P56-13, P56-15, kept as documented differences): the
workaround it gives, a zero that is a tensor, is computed op by op with TF1's signed zeros and ``nan`` gradient.

Literals marked "TF 2.21" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the same
program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph, run  # noqa: F401 - an autouse fixture


def test_a_zero_tensor_keeps_signs_and_the_nan_gradient():
    x = tf.placeholder(tf.float32, [3])
    zero = x * tf.zeros_like(x)
    norm = tf.sqrt(tf.reduce_sum(tf.square(zero)))
    value, gradient, negated = run([norm, tf.gradients(norm, x)[0], 1. / -zero], {x: [0., 1., -1.]})
    assert value == 0.0 and np.isnan(gradient).all()  # TF 2.21: 0.0, [nan, nan, nan]
    assert negated.tolist() == [-np.inf, -np.inf, np.inf]  # TF 2.21
