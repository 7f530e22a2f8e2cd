"""probe32 P32-2: a random tensor of a fixed shape with a tensor ``mean`` / ``stddev`` / ``minval`` / ``maxval``
(wiseodd's ``xavier_init``, ``tf.random_normal(size, stddev=1. / tf.sqrt(in_dim / 2.))``; a fed noise level; a
learned mean) raised a bare ``NotImplementedError`` from NumPy's generator.  Now it runs as TF1's kernel: a standard
draw ``z`` at every run, ``mean + stddev * z`` (``d/dstddev`` is ``z``), ``minval + (maxval - minval) * u``.  The
numbers TF 2.21 gives are the goldens."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_a_fed_noise_level_and_a_variable_mean_run_as_tf1():
    s = tf.placeholder(tf.float32, [])
    v = tf.Variable(2.0)
    cases = [tf.random_normal([3], stddev=s), tf.random_normal([2, 2], mean=v, stddev=0.0),
             tf.random_normal([3], stddev=tf.constant(0.0), mean=1.0), tf.random_uniform([3], minval=s, maxval=s),
             tf.truncated_normal([3], stddev=s)]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = sess.run(cases, {s: 0.0})
    assert [np.asarray(value).ravel().tolist() for value in values] == [  # TF 2.21
        [0.0] * 3, [2.0] * 4, [1.0] * 3, [0.0] * 3, [0.0] * 3]
    assert [value.dtype for value in values] == [np.float32] * 5


def test_xavier_init_draws_a_variable_of_the_computed_spread():
    tf.set_random_seed(0)
    in_dim = 784
    W = tf.Variable(tf.random_normal(shape=[in_dim, 128], stddev=1. / tf.sqrt(in_dim / 2.)))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        spread = float(np.std(sess.run(W)))
    assert W.shape.as_list() == [784, 128]
    assert spread == pytest.approx(1 / np.sqrt(392), rel=0.02)  # TF 2.21: 0.0503


def test_the_gradients_by_the_parameters_are_tf1s():
    s, m, lo, hi = tf.Variable(0.5), tf.Variable(2.0), tf.Variable(1.0), tf.Variable(3.0)
    r = tf.random_normal([2, 3], mean=m, stddev=s)
    t = tf.truncated_normal([4], mean=m, stddev=s)
    u = tf.random_uniform([5], minval=lo, maxval=hi)
    grads = (tf.gradients(tf.reduce_sum(r), [s, m]) + tf.gradients(tf.reduce_sum(t), [s, m])
             + tf.gradients(tf.reduce_sum(u), [lo, hi]))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        rv, tv, uv, (rs, rm, ts, tm, ul, uh) = sess.run([r, t, u, grads])
        again = sess.run(r)
    assert (rm, tm) == (6.0, 4.0)  # TF 2.21
    assert rs == pytest.approx(((rv - 2.0) / 0.5).sum(), abs=1e-5)  # d/dstddev of mean + stddev * z is z
    assert ts == pytest.approx(((tv - 2.0) / 0.5).sum(), abs=1e-5)
    assert np.abs(tv - 2.0).max() <= 1.0  # truncated at two standard deviations
    assert ul == pytest.approx((1 - (uv - 1.0) / 2.0).sum(), abs=1e-5)
    assert uh == pytest.approx(((uv - 1.0) / 2.0).sum(), abs=1e-5)
    assert 1.0 <= uv.min() and uv.max() < 3.0
    assert not np.array_equal(again, rv)  # drawn afresh at every run


def test_annealed_gradient_noise_fed_zero_trains_as_tf1():
    X = tf.placeholder(tf.float32, [None, 2])
    level = tf.placeholder(tf.float32, [])
    W = tf.Variable([[1.0], [2.0]])
    loss = tf.reduce_mean(tf.square(tf.matmul(X, W) - 1.0))
    opt = tf.train.GradientDescentOptimizer(0.1)
    noisy = [(g + tf.random_normal(tf.shape(g), stddev=level), v) for g, v in opt.compute_gradients(loss)]
    train = opt.apply_gradients(noisy)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train, {X: [[1.0, 2.0]], level: 0.0})
        assert sess.run(W).ravel().tolist() == [0.19999998807907104, 0.3999999761581421]  # TF 2.21


def test_an_integer_uniform_with_tensor_bounds_is_a_typed_error():
    with pytest.raises(UnsupportedOperationError, match="tensor minval / maxval"):
        tf.random_uniform([3], minval=tf.constant(0), maxval=tf.constant(5), dtype=tf.int32)


def test_python_number_parameters_outside_numpys_ranges_run_as_tf1():
    """A negative stddev scales the draw by it, and minval > maxval maps [0, 1) onto (maxval, minval], as TF1's
    kernels compute them; they were NumPy's bare ValueError (final36 F36-8)."""
    draws = []
    for stddev, low, high in ((1.0, 0.0, 1.0), (-1.0, 2.0, 1.0)):
        tf.reset_default_graph()
        normal = tf.random_normal([3], stddev=stddev, seed=1)
        uniform = tf.random_uniform([3], low, high, seed=2)
        with tf.Session() as sess:
            draws.append(sess.run([normal, uniform]))
    (normal, unit), (flipped, mapped) = draws
    assert np.array_equal(flipped, -normal) and np.allclose(mapped, 2.0 - unit, rtol=1e-6)
