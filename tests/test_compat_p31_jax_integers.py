"""probe31 P31-4: integer arithmetic on fed ids inside a JAX session's training step (``ids + 1``, ``y - 0``,
``(y + 1) % 3``, ``2 - y``, ``tf.maximum(y - 1, 0)``).  An int32 result is wrapped into its range (TF1's two's
complement); the wrap was ``mod(x - l, s) + l`` with int64 constants, which JAX computed in float32 when ``x`` was a
sum with a float constant (``ids + 1`` read as 0: another row trained, silently, in 64-bit mode) and could not
build without 64-bit mode (a bare OverflowError).  Now a JAX step converts to the integer dtype; the NumPy session is
the oracle (its numbers are TF1's: tests/test_compat_*gather*)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

pytest.importorskip("jax")


def test_integer_arithmetic_on_fed_ids_trains_alike_on_both_backends():
    ids = tf.placeholder(tf.int32, [None])
    y = tf.placeholder(tf.int32, [None])
    E = tf.Variable(np.arange(12, dtype=np.float32).reshape(4, 3) / 10)
    z = tf.matmul(tf.one_hot(ids, 4), E)
    loss = tf.add_n([tf.reduce_sum(tf.square(tf.nn.embedding_lookup(E, ids + 1))),
                     tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y - 0, logits=z)),
                     tf.reduce_sum(tf.gather_nd(z, tf.stack([tf.range(tf.shape(z)[0]), (y + 1) % 3], 1))),
                     tf.reduce_sum(tf.one_hot(2 - y, 3) * z),
                     tf.reduce_sum(tf.one_hot(tf.maximum(y - 1, 0), 3) * z)])
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    runs = []
    for config in (None, tf.ConfigProto(backend="jax")):
        with tf.Session(config=config) as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(2):
                _, value = sess.run([train, loss], {ids: [0, 2], y: [1, 2]})
            runs.append((value, sess.run(E)))
    np.testing.assert_allclose(runs[1][0], runs[0][0], rtol=1e-6)
    np.testing.assert_allclose(runs[1][1], runs[0][1], rtol=1e-6, atol=1e-7)
    assert not np.array_equal(runs[0][1][1], np.float32([0.3, 0.4, 0.5]))  # ids + 1 = 1 and 3: row 1 trained


def test_a_wrapped_sum_stays_in_int32_on_the_jax_backend():
    """int32's largest id plus one wraps to its smallest, as TF1 (``ids + 1 > 0`` is false there)."""
    ids = tf.placeholder(tf.int32, [None])
    w = tf.Variable(1.0)
    positive = tf.cast(ids + 1 > 0, tf.float32)
    loss = tf.reduce_sum(positive * w * w)
    train = tf.train.GradientDescentOptimizer(0.25).minimize(loss)
    with tf.Session(config=tf.ConfigProto(backend="jax")) as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train, {ids: [2 ** 31 - 1, 5]})
        assert sess.run(w) == 0.5  # one positive id: w - 0.25 * 2w
