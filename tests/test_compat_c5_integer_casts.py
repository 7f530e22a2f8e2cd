"""Casts of floats to integers give TF1's values also inside the program (g-probe G13): the CPU's conversion to a
32-bit integer (64 for int64), whose result out of range, for NaN and infinities is the smallest integer, then the
low bits for the narrow types.  symopt kept ``tf.cast(tf.cast(300.0, tf.uint8), tf.float32)`` at 300 and wrapped
``tf.cast(1e10, tf.int32)`` to 1410065408.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph, run  # noqa: F401 - an autouse fixture

VALUES = [200., -129., 127.9, 1e10, -3e9, 300., -1., 3.7, 40000., 70000.5, -2.5, 2.5]
# TF 2.21 tf.compat.v1: tf.cast(tf.cast(VALUES, dtype), tf.float64) (and tf.cast(VALUES, dtype) itself)
EXPECTED = {
    "int8": [-56, 127, 127, 0, 0, 44, -1, 3, 64, 112, -2, 2],
    "uint8": [200, 127, 127, 0, 0, 44, 255, 3, 64, 112, 254, 2],
    "int16": [200, -129, 127, 0, 0, 300, -1, 3, -25536, 4464, -2, 2],
    "uint16": [200, 65407, 127, 0, 0, 300, 65535, 3, 40000, 4464, 65534, 2],
    "int32": [200, -129, 127, -2147483648, -2147483648, 300, -1, 3, 40000, 70000, -2, 2],
    "int64": [200, -129, 127, 10000000000, -3000000000, 300, -1, 3, 40000, 70000, -2, 2],
}


def test_float_to_integer_casts_inside_the_program_and_fetched():
    values = tf.constant(VALUES)
    special = tf.constant([np.nan, np.inf, -np.inf])
    fetches = {name: [tf.cast(tf.cast(values, tf.as_dtype(name)), tf.float64), tf.cast(values, tf.as_dtype(name)),
                      tf.cast(tf.cast(special, tf.as_dtype(name)), tf.float64)] for name in EXPECTED}
    for name, (inside, fetched, odd) in run(fetches).items():  # one run: one generated function
        assert inside.tolist() == EXPECTED[name] and fetched.tolist() == EXPECTED[name], name
        smallest = {"int32": -2 ** 31, "int64": -2 ** 63}.get(name, 0)  # TF 2.21: NaN and infinities
        assert odd.tolist() == [smallest] * 3, name


def test_a_fed_value_and_a_gradient_through_an_integer_cast():
    p = tf.placeholder(tf.float64, [2])
    w = tf.Variable([1.7, -2.3])
    loss = tf.reduce_sum(w * tf.cast(tf.cast(w * 3.0, tf.int32), tf.float32))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # TF 2.21 tf.compat.v1: [-56. -1.]; the loss 22.3 and its gradient [5. -6.] (the cast holds constant)
        assert sess.run(tf.cast(tf.cast(p, tf.int8), tf.float32), {p: [200.0, -1.5]}).tolist() == [-56.0, -1.0]
        assert sess.run(tf.gradients(loss, w)[0]).tolist() == [5.0, -6.0]
        assert sess.run(loss) == np.float32(22.3)
