"""An embedding gathered through an op whose TF1 gradient passes the ``IndexedSlices`` on (probe18 G1:
``E.read_value()``, ``tf.identity(E.read_value())``, ``-E``, ``E + c``, ``E - c``) or read besides only under
``tf.stop_gradient`` (G2): TF1's update is sparse there, so Momentum (like RMSProp, Ftrl, the proximal ones) is
refused, typed, as for ``tf.gather(E, ids)`` itself (symopt's dense update gave other numbers, silently).  Reads whose
TF1 gradient is dense (``E * 1.0``, ``tf.reshape``, a slice, ``tf.where``) train with TF1's numbers.  Goldens: TF 2.21
``tf.compat.v1`` (/work/wt/probe18/o10.py, m3.py)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def _trained(read, optimizer=None):
    ids = tf.placeholder(tf.int32, [None])
    E = tf.Variable([[1.0], [2.0], [3.0]])
    loss = tf.reduce_sum(tf.square(tf.gather(read(E), ids)))
    train = (optimizer or tf.train.MomentumOptimizer(0.1, 0.9)).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train, {ids: [0]})
        sess.run(train, {ids: [1]})
        return sess.run(E).ravel().tolist()


@pytest.mark.parametrize("read", [
    lambda E: E.read_value(), lambda E: tf.identity(E.read_value()), lambda E: E + 0.0,
    lambda E: E + tf.constant([[0.5]]), lambda E: E - 1.0, lambda E: -E,
    lambda E: E + tf.Variable([[0.5]], trainable=False), lambda E: E + tf.stop_gradient(E) - tf.stop_gradient(E),
])
def test_a_sparse_read_is_refused_for_momentum(read):
    # TF 2.21 updates only the gathered rows: [0.8 1.6 3.] (read_value, -E, E + 0), [0.7 1.5 3.] (+0.5), [1. 1.8 3.] (-1)
    with pytest.raises(UnsupportedOperationError, match="TF1 updates only the gathered rows"):
        _trained(read)


@pytest.mark.parametrize("read", [lambda E: E * 1.0, lambda E: tf.reshape(E, [3, 1]), lambda E: E[0:3],
                                  lambda E: tf.where(tf.ones_like(E) > 0, E, E * 2.0)])
def test_a_dense_read_trains_with_tf1s_numbers(read):
    assert np.allclose(_trained(read), [0.62, 1.6, 3.0])  # TF 2.21: [0.62 1.6 3.]


def test_gradient_descent_trains_a_read_value_gather_as_tf1():
    assert np.allclose(_trained(lambda E: E.read_value(), tf.train.GradientDescentOptimizer(0.1)), [0.8, 1.6, 3.0])


def test_a_read_under_stop_gradient_does_not_make_the_update_dense():
    ids = tf.placeholder(tf.int32, [None])
    E = tf.Variable([[1.0], [2.0], [3.0]])
    loss = tf.reduce_sum(tf.gather(E, ids)) + tf.stop_gradient(tf.reduce_sum(E))
    with pytest.raises(UnsupportedOperationError, match="TF1 updates only the gathered rows"):
        train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)  # TF 2.21: [0.9 1.9 3.] (symopt gave [0.81 ...])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(train, {ids: [0]})


def test_a_densified_gradient_trains_densely_as_tf1():
    ids = tf.placeholder(tf.int32, [None])
    E = tf.Variable([[1.0], [2.0], [3.0]])
    opt = tf.train.MomentumOptimizer(0.1, 0.9)
    pairs = [(tf.convert_to_tensor(g), v) for g, v in opt.compute_gradients(tf.reduce_sum(tf.gather(E, ids)))]
    train = opt.apply_gradients(pairs)  # probe18 G9: it was refused ("TF1 updates only the gathered rows")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train, {ids: [0]})
        sess.run(train, {ids: [1]})
        assert np.allclose(sess.run(E).ravel(), [0.81, 1.9, 3.0])  # TF 2.21 (/work/wt/probe18/m12.py)


def test_a_gather_of_columns_has_tf1s_dense_gradient():
    ids = tf.placeholder(tf.int32, [None])
    W = tf.Variable([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(tf.reduce_sum(tf.square(tf.gather(W, ids, axis=1))))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train, {ids: [0]})
        sess.run(train, {ids: [2]})
        assert np.allclose(sess.run(W), [[0.62, 2.0, 2.4], [2.48, 5.0, 4.8]])  # TF 2.21 (m33.py)


def test_a_clip_of_a_densified_gradient_is_the_dense_clip_for_any_batch():
    E = tf.Variable(np.float32([[3., 4.], [0.3, 0.4], [1., 0.]]))
    ids = tf.placeholder(tf.int32, [None])
    y = tf.placeholder(tf.float32, [None])
    loss = tf.reduce_sum(tf.square(tf.reduce_sum(tf.nn.embedding_lookup(E, ids), 1) - y))
    dense = tf.convert_to_tensor(tf.gradients(loss, E)[0])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        clipped, norm = sess.run([tf.clip_by_value(dense, -5., 5.), tf.global_norm([dense])],
                                 {ids: [0, 2, 0], y: [1., 0., 1.]})  # a repeated id: no refusal, dense in TF1
    assert clipped.tolist() == [[5.0, 5.0], [0.0, 0.0], [2.0, 2.0]] and repr(norm) == "np.float32(34.058773)"  # TF 2.21


@pytest.mark.parametrize("dtype", [tf.float16, tf.float64])
def test_a_lookup_of_a_cast_embedding_is_sparse_as_tf1(dtype):
    # review6 R6-3: TF1's _CastGrad keeps the slices, so TF 2.21's momentum leaves rows 0 and 2 alone in step 2
    # ([-0.04 0.04 0.12 ...]); symopt's dense momentum moved them, silently
    E = tf.Variable(np.arange(12, dtype=np.float32).reshape(4, 3) / 10 - 0.3)
    ids = tf.placeholder(tf.int32, [None])
    loss = tf.reduce_sum(tf.square(tf.cast(tf.nn.embedding_lookup(tf.cast(E, dtype), ids), tf.float32) - 1.))
    train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        with pytest.raises(UnsupportedOperationError, match="TF1 updates only the gathered rows"):
            sess.run(train, {ids: [0, 2]})
