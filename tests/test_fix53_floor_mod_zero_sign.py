"""probe56 P56-1: a zero remainder of TF1's float FloorMod (``%``, ``tf.floormod``) keeps the dividend's sign
(``fmod``, adjusted only where it is not zero), where NumPy's ``mod`` gives it the divisor's: ``1 / (x % y)`` is
``-inf`` or ``inf`` accordingly.

Expected values: TensorFlow 2.21 ``tf.compat.v1`` in graph mode (``disable_eager_execution()``), printed with
``repr``; the reciprocals show each zero's sign."""

import numpy as np

import symopt.compat.v1 as tf

INF = np.inf


def test_zero_remainders_take_the_dividends_sign_as_tf1():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [4])
    x64 = tf.placeholder(tf.float64, [])
    w = tf.Variable(np.array([-3., 3., 4.5, -0.], np.float32))
    i = tf.placeholder(tf.int32, [3])
    j = tf.placeholder(tf.int64, [2])
    fetches = {
        "constants": 1.0 / (tf.constant(-2.0) % tf.constant(2.0)),
        "constants, negative divisor": 1.0 / (tf.constant(0.0) % tf.constant(-1.0)),
        "by a number": 1.0 / (x % 2.0),
        "by a negative number": 1.0 / (x % -2.0),
        "by a vector": 1.0 / (x % tf.constant([2., -1., 1., -5.5])),
        "float64 scalar": 1.0 / (x64 % 3.0),
        "variable": 1.0 / tf.floormod(w, tf.constant([-1.5, 1.5, -1.5, 2.])),
        "matrices": 1.0 / tf.floormod(tf.reshape(x, [2, 2]), tf.constant([[2., -2.], [1., -1.]])),
        "int32": i % -2,
        "int64": j % tf.constant(-3, tf.int64),
        "gradient": tf.gradients(tf.reduce_sum(tf.floormod(w, 1.7) * tf.constant([1., 2., 3., 4.])), w)[0],
    }
    expected = {  # TF 2.21
        "constants": -INF,
        "constants, negative divisor": INF,
        "by a number": [-INF, INF, -INF, 0.6666667],
        "by a negative number": [-INF, INF, -INF, -2.],
        "by a vector": [-INF, INF, -INF, INF],
        "float64 scalar": -INF,
        "variable": [-INF, INF, INF, -INF],
        "matrices": [[-INF, INF], [-INF, -2.]],
        "int32": [0, -1, 0],
        "int64": [0, -1],
        "gradient": [1., 2., 3., 4.],
    }
    feed = {x: np.array([-2., 0., -0., 5.5], np.float32), x64: -6.0, i: np.array([4, -3, 0], np.int32),
            j: np.array([2 ** 40 * 3, -7], np.int64)}
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        values = session.run(fetches, feed)
    for name, value in expected.items():
        np.testing.assert_allclose(values[name], value, rtol=1e-6, err_msg=name)
    assert values["int32"].dtype == np.int32 and values["int64"].dtype == np.int64
