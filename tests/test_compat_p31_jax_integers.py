"""probe31 P31-4: integer arithmetic on fed ids inside a JAX session's training step (``ids + 1``, ``y - 0``,
``(y + 1) % 3``, ``2 - y``, ``tf.maximum(y - 1, 0)``).  An int32 result is wrapped into its range (TF1's two's
complement); the wrap was ``mod(x - l, s) + l`` with int64 constants, which JAX computed in float32 when ``x`` was a
sum with a float constant (``ids + 1`` read as 0: another row trained, silently, in 64-bit mode) and could not
build without 64-bit mode (a bare OverflowError).  Now a JAX step converts to the integer dtype; the NumPy session is
the oracle (its numbers are TF1's: tests/test_compat_*gather*)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
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
    """int32's largest id plus one wraps to its smallest, as TF1 (``ids + 1 > 0`` is false there), in the NumPy
    session; a JAX step would compute ``ids + 1`` in float32, which holds integers exactly only up to 2**24
    (``2**31 - 2 + 1`` is ``2**31`` there, wrapped to a negative id): refused before anything runs (probe31 P31-9)."""
    ids = tf.placeholder(tf.int32, [None])
    w = tf.Variable(1.0)
    positive = tf.cast(ids + 1 > 0, tf.float32)
    loss = tf.reduce_sum(positive * w * w)
    train = tf.train.GradientDescentOptimizer(0.25).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train, {ids: [2 ** 31 - 1, 5]})
        assert sess.run(w) == 0.5  # one positive id: w - 0.25 * 2w
        sess.run(train, {ids: [2 ** 31 - 2, 5]})
        assert sess.run(w) == 0.0  # two positive ids: w - 0.25 * 4w
    with tf.Session(config=tf.ConfigProto(backend="jax")) as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train, {ids: [2 ** 24 - 1, -5]})  # ids + 1 within float32's integers
        assert sess.run(w) == 0.5
        with pytest.raises(UnsupportedOperationError, match=r"this JAX step computes 2147483646, past 2\*\*24, from "
                                                            r"the integers Placeholder:0 through float32"):
            sess.run(train, {ids: [2 ** 31 - 2, 5]})
        assert sess.run(w) == 0.5  # unchanged


def test_hashed_ids_past_float32_integers_are_refused_on_the_jax_backend():
    """probe31 P31-9: an LCG hash of raw ids, ``(ids * 1103515245 + 12345) % 10``, picked other rows in a JAX step
    (its products, past 2**24, rounded in float32) than TF1 and the NumPy session, silently; now a typed refusal
    names the inputs and the fix, before anything changes.  ``ids % 10`` runs where the ids fit float32."""
    ids = tf.placeholder(tf.int32, [None])
    E = tf.Variable(np.arange(20, dtype=np.float32).reshape(10, 2) / 10)
    bucket = (ids * 1103515245 + 12345) % 10
    loss = tf.reduce_sum(tf.square(tf.nn.embedding_lookup(E, bucket)))
    train = tf.train.GradientDescentOptimizer(0.05).minimize(loss)
    plain = tf.train.GradientDescentOptimizer(0.05).minimize(
        tf.reduce_sum(tf.square(tf.nn.embedding_lookup(E, ids % 10))))
    start = np.arange(20, dtype=np.float32).reshape(10, 2) / 10
    feed = {ids: np.array([7, 3], np.int32)}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        _, value = sess.run([train, loss], feed)
        assert sess.run(bucket, feed).tolist() == [8, 4] and value == np.float32(6.9)  # TF 2.21: [8 4] 6.9
        assert np.flatnonzero(sess.run(E)[:, 0] != start[:, 0]).tolist() == [4, 8]
    with tf.Session(config=tf.ConfigProto(backend="jax")) as sess:
        sess.run(tf.global_variables_initializer())
        with pytest.raises(UnsupportedOperationError, match=r"computes -865327877, past 2\*\*24, from the integers "
                                                            r"Placeholder:0.*in NumPy before feeding"):
            sess.run(train, feed)
        assert np.array_equal(sess.run(E), start)
        sess.run(plain, {ids: np.array([7, 13], np.int32)})  # rows 7 and 3, as the NumPy session
        assert np.flatnonzero(sess.run(E)[:, 0] != start[:, 0]).tolist() == [3, 7]
        with pytest.raises(UnsupportedOperationError, match=r"computes 100000003, past 2\*\*24"):
            sess.run(plain, {ids: np.array([7, 100000003], np.int32)})
