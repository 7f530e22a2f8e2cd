"""``tf.nn.leaky_relu`` with a slope above 1 is TF1's kernel, ``x > 0 ? x : alpha x`` (h-probe H1): symopt gave
``max(x, alpha x)``, which picks ``alpha x`` for ``x > 0`` there, while the gradient was the kernel's.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph, run  # noqa: F401 - an autouse fixture


def test_a_slope_above_one_takes_x_where_x_is_positive():
    x = tf.Variable([-2.0, 1.0, 0.0])
    steep, gentle = tf.nn.leaky_relu(x, alpha=1.5), tf.nn.leaky_relu(x, alpha=0.3)
    values = run([steep, tf.gradients(tf.reduce_sum(steep), x)[0], gentle, tf.gradients(tf.reduce_sum(gentle), x)[0]])
    # TF 2.21 tf.compat.v1: [-3. 1. 0.] [1.5 1. 1.5]; [-0.6 1. 0.] [0.3 1. 0.3]
    assert [v.tolist() for v in values[:2]] == [[-3.0, 1.0, 0.0], [1.5, 1.0, 1.5]]
    np.testing.assert_array_equal(values[2], np.float32([-0.6, 1.0, 0.0]))
    np.testing.assert_array_equal(values[3], np.float32([0.3, 1.0, 0.3]))
    assert run(tf.nn.leaky_relu(tf.constant(np.float64([-2.0, 3.0])), alpha=2.5)).tolist() == [-5.0, 3.0]  # TF 2.21
