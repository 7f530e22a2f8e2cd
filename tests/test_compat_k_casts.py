"""``tf.cast`` gives TF1's values inside the program (probes K2, K3): a cast to ``tf.bool`` is ``x != 0`` (NaN is
true), casts between floats change the precision what follows is computed in, narrow integer casts wrap around.
Every expected value comes from TF 2.21's tf.compat.v1 (graph mode) running the same program."""

import numpy as np
import sympy

import symopt.compat.v1 as tf
from symopt import functions
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def _same(got, expected, dtype):
    got = np.asarray(got)
    assert got.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(got, np.asarray(expected, dtype=dtype))


def test_cast_to_bool_is_nonzero_inside_the_program():
    I = tf.placeholder(tf.int32, [None])
    x = tf.placeholder(tf.float32, [None])
    s = tf.Session()
    fd = {I: np.array([3, -7, 0], np.int32), x: np.array([0.25, -2.0, 0.0], np.float32)}
    # TF 2.21's tf.compat.v1 values
    _same(s.run(tf.cast(tf.cast(I, tf.bool), tf.float32), fd), [1, 1, 0], "float32")
    _same(s.run(tf.cast(tf.cast(x, tf.bool), tf.int32), fd), [1, 1, 0], "int32")
    _same(s.run(tf.reduce_sum(tf.cast(tf.cast(I, tf.bool), tf.int32)), fd), 2, "int32")
    _same(s.run(tf.reduce_mean(tf.to_float(tf.cast(x, tf.bool))), fd), 0.6666667, "float32")
    _same(s.run(tf.logical_not(tf.cast(x, tf.bool)), fd), [False, False, True], "bool")
    _same(s.run(tf.equal(tf.cast(I, tf.bool), True), fd), [True, True, False], "bool")
    _same(s.run(tf.cast(tf.cast(tf.constant([2, 0, -1]), tf.bool), tf.int32)), [1, 0, 1], "int32")
    _same(s.run(tf.logical_and(tf.cast(I, tf.bool), tf.cast(x, tf.bool)), fd), [True, True, False], "bool")
    mask = tf.cast(tf.cast(I, tf.bool), tf.float32)
    _same(s.run(tf.reduce_sum(mask * tf.to_float(I)) / tf.reduce_sum(mask), fd), -2.0, "float32")
    m = tf.placeholder(tf.float32, [None, 2])
    _same(s.run(tf.cast(tf.cast(m, tf.bool), tf.float32), {m: np.float32([[np.nan, 0], [np.inf, -0.0]])}),
          [[1, 0], [1, 0]], "float32")
    c = tf.placeholder(tf.float32, [])
    _same(s.run(tf.cast(tf.cast(c, tf.bool), tf.float32) * 3, {c: 0.5}), 3.0, "float32")
    _same(s.run(tf.cast(tf.cast(c, tf.bool), tf.float32) * 3, {c: 0.0}), 0.0, "float32")
    _same(s.run(tf.cast(tf.constant(2.5), tf.bool)), True, "bool")


def test_casts_between_floats_change_the_precision_of_what_follows():
    x = tf.placeholder(tf.float32, [None])
    w64 = tf.Variable(np.array([0.1, 0.2, 0.3]), dtype=tf.float64)
    s = tf.Session()
    s.run(tf.global_variables_initializer())
    fx = {x: np.float32([0.25, -2.0, 0.1])}
    # TF 2.21's tf.compat.v1 values (float64 digits of float64 arithmetic, float32 of float32)
    _same(s.run(tf.cast(x, tf.float64) / 3, fx), [0.08333333333333333, -0.6666666666666666, 0.033333333830038704],
          "float64")
    _same(s.run(tf.reduce_sum(tf.cast(x, tf.float64)) + 1e-12, fx), -1.6499999985088838, "float64")
    _same(s.run(tf.cast(w64, tf.float32) / 3), [0.033333335, 0.06666667, 0.10000001], "float32")
    _same(s.run(tf.reduce_sum(tf.cast(w64, tf.float32) * 1.1)), 0.66, "float32")
    _same(s.run(tf.cast(tf.constant(0.1, tf.float64), tf.float32) * 3.0), 0.3, "float32")
    _same(s.run(tf.cast(tf.constant(0.1), tf.float64) * 3.0), 0.30000000447034836, "float64")
    m = tf.placeholder(tf.float32, [None, 2])
    _same(s.run(tf.reduce_mean(tf.square(tf.cast(m, tf.float64) / 7.0)), {m: np.float32([[0.1, 0.2], [0.3, 0.7]])}),
          0.0032142856732314956, "float64")
    c = tf.placeholder(tf.float32, [])
    _same(s.run(tf.cast(c, tf.float64) / 3.0, {c: 0.1}), 0.033333333830038704, "float64")
    v = tf.placeholder(tf.float32, [4])
    fv = {v: np.float32([1.5, -2.7, 3.99, 0.4])}
    _same(s.run(tf.cast(tf.cast(v, tf.float16), tf.float32) * 1000, fv), [1500, -2699.2188, 3990.2344, 399.90234],
          "float32")
    _same(s.run(tf.cast(v, tf.float16), fv), [1.5, -2.7, 3.99, 0.4], "float16")


def test_narrow_integer_casts_wrap_around():
    I = tf.placeholder(tf.int32, [None])
    s = tf.Session()
    fi = {I: np.array([7, -3, 250, 1000], np.int32)}
    # TF 2.21's tf.compat.v1 values
    _same(s.run(tf.cast(tf.cast(I, tf.uint8), tf.int32), fi), [7, 253, 250, 232], "int32")
    _same(s.run(tf.cast(tf.cast(I, tf.int8), tf.float32), fi), [7, -3, -6, -24], "float32")
    _same(s.run(tf.cast(tf.cast(I, tf.int16), tf.int32), fi), [7, -3, 250, 1000], "int32")
    _same(s.run(tf.cast(I, tf.uint8), fi), [7, 253, 250, 232], "uint8")


def test_training_through_a_cast_follows_tf1_to_float32_rounding():
    w = tf.Variable([0.5, -1.5])
    data = tf.placeholder(tf.float64, [2])
    loss = tf.reduce_sum(tf.square(tf.cast(w, tf.float64) * data - 1.0))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    s = tf.Session()
    s.run(tf.global_variables_initializer())
    # TF 2.21: losses 4.925, 4.115895053544141, 3.453718826064156; w after 3 steps [0.6502625, -0.72062165]
    # (TF1 rounds the gradient to float32 at the cast, symopt after the product with the rate: one float32 ulp)
    losses = [s.run([train, loss], {data: [0.3, 0.7]})[1] for _ in range(3)]
    np.testing.assert_allclose(losses, [4.925, 4.115895053544141, 3.453718826064156], rtol=1e-7)
    assert s.run(w).dtype == np.float32
    np.testing.assert_allclose(s.run(w), [0.6502625, -0.72062165], rtol=3e-7)


def test_in_float_rounds_constants_and_differentiates_to_one():
    assert functions.in_float(sympy.Float(0.1), 32) == sympy.Float(float(np.float32(0.1)), precision=64)
    x = sympy.Symbol("x", real=True)
    assert sympy.diff(functions.in_float(x, 64), x) == 1
    with tf.Session() as s:
        w = tf.Variable(np.float32(2.0))
        (g,) = tf.gradients(tf.square(tf.cast(w, tf.float64)), [w])
        s.run(tf.global_variables_initializer())
        assert s.run(g) == 4.0
