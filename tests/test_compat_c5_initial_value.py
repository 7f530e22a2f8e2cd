"""``v.initial_value`` is a tensor, as TF1's (b-probe B1 leftover): it was the NumPy array, so
``sess.run(w.initial_value)`` raised a builtin TypeError and ``w.initial_value.name`` an AttributeError.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_initial_value_is_a_tensor_that_needs_no_initializer():
    u = tf.Variable(1.0)
    v = tf.Variable(np.float32([1.0, 2.0]))
    w = tf.Variable(tf.zeros([2]) + 3.0)
    c = tf.Variable(5.0)
    assert v.initial_value.name == "Variable_1/initial_value:0"  # TF 2.21 tf.compat.v1
    assert w.initial_value.name == "add:0" and v.initial_value is v.initial_value
    with tf.Session() as sess:  # no initializer run: TF 2.21 gives [1. 2.] [3. 3.] 5.0
        assert sess.run(v.initial_value).tolist() == [1.0, 2.0]
        assert sess.run(w.initial_value).tolist() == [3.0, 3.0]
        assert sess.run(c.initial_value) == 5.0
        assert sess.run(u.initial_value * 2.0) == 2.0
        sess.run(tf.global_variables_initializer())
        sess.run(v.assign([7.0, 8.0]))
        assert sess.run(v.initial_value).tolist() == [1.0, 2.0]  # the value it started from, not its value now
