"""A variable's read tensor ``w/read:0`` (TF1's ``w.value()`` and every op's input, as TensorBoard and
``as_graph_def()`` show it) is looked up, fetched and computed with by name, as TF1 (probe22 H12): symopt listed the
op ``w/read`` but ``get_tensor_by_name("w/read:0")`` was a KeyError and ``w.value().name`` was ``w:0``.

TF 2.21's ``tf.compat.v1`` printed the same (/work/wt/probe22/h12.py); TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_the_read_tensor_by_name():
    w = tf.Variable([1.0, 2.0], name="w")
    g = tf.get_default_graph()
    assert "w/read" in [op.name for op in g.get_operations()] and w.value().name == "w/read:0"
    assert g.get_tensor_by_name("w/read:0") is w.value() is g.get_operation_by_name("w/read").outputs[0]
    train = tf.assign(w, w.value() * 3.0)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(s.run(g.get_tensor_by_name("w/read:0") * 2.0), [2.0, 4.0])
        np.testing.assert_array_equal(s.run("w/read:0"), [1.0, 2.0])
        s.run(train)
        np.testing.assert_array_equal(s.run(w.value()), [3.0, 6.0])
