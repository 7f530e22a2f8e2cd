"""final41a F41a-8: a float16 sum or mean over axis 0 of a matrix is the rank-1 vector of column sums, read as
one by every other op (a sum added to a vector, stacked, indexed, differentiated), and F41a-1: ``tf.nn.moments``
and ``weighted_moments`` of float16 reduce in float32 and cast back, as TF1's ``nn_impl.moments`` does.

Expected values: TensorFlow 2.21 ``tf.compat.v1`` in graph mode (``disable_eager_execution()``), scripts
/work/wt/final41a/r20_f16axis0.py and r18_mom.py / r3_f16b.py, printed with ``repr``."""

import numpy as np

import symopt.compat.v1 as tf


def _run(tensor, feed=None):
    with tf.Session() as session:
        return session.run(tensor, feed)


def test_float16_column_sums_meet_a_vector():
    tf.reset_default_graph()
    c = tf.constant([[1., 2.], [3., 4.]], tf.float16)
    c3 = tf.constant([[1., 2., 3.], [3., 4., 5.]], tf.float16)
    v = tf.constant([10., 20.], tf.float16)
    q = tf.placeholder(tf.float16, [None, 2])
    batch = {q: np.float16([[1, 2], [3, 4]])}
    assert _run(tf.reduce_sum(c, axis=0) + v).tolist() == [14.0, 26.0]  # TF 2.21
    assert _run(tf.reduce_mean(c, axis=0) * v).tolist() == [20.0, 60.0]  # TF 2.21
    assert _run(tf.reduce_sum(q, axis=0) + v, batch).tolist() == [14.0, 26.0]  # TF 2.21
    assert _run(tf.stack([tf.reduce_sum(c, axis=0), v])).tolist() == [[4.0, 6.0], [10.0, 20.0]]  # TF 2.21
    assert _run(tf.reduce_sum(c3, axis=0)[0]) == 4.0  # TF 2.21
    assert _run(tf.argmax(tf.reduce_sum(c, axis=0))) == 1  # TF 2.21
    gradient = tf.gradients(tf.reduce_sum(tf.reduce_mean(q, axis=0) * v), q)[0]
    assert _run(gradient, batch).tolist() == [[5.0, 10.0], [5.0, 10.0]]  # TF 2.21


def test_float16_moments_reduce_in_float32():
    tf.reset_default_graph()
    c = tf.constant([[6e4, 6e4], [6e4, 6e4]], tf.float16)
    q = tf.placeholder(tf.float16, [None, 2])
    mean, variance = _run(tf.nn.moments(c, axes=[0]))
    assert mean.dtype == np.float16 and mean.tolist() == [60000.0, 60000.0]  # TF 2.21: [6e4, 6e4] float16
    assert variance.tolist() == [0.0, 0.0]  # TF 2.21
    mean, variance = _run(tf.nn.moments(q, axes=[0]), {q: np.full((300, 2), 300, np.float16)})
    assert mean.tolist() == [300.0, 300.0] and variance.tolist() == [0.0, 0.0]  # TF 2.21
    weights = tf.constant([[1.], [3.]], tf.float16)
    mean, variance = _run(tf.nn.weighted_moments(c, axes=[0], frequency_weights=weights))
    assert mean.tolist() == [60000.0, 60000.0] and variance.tolist() == [0.0, 0.0]  # TF 2.21


def test_float16_products_and_norms_round_to_float16():
    # final41a F41a-2: TF 2.21 gives inf for each (90000 and 2 * 90000 overflow float16)
    tf.reset_default_graph()
    c = tf.constant([300., 300.], tf.float16)
    m = tf.constant([[300., 1.], [300., 2.]], tf.float16)
    assert np.isposinf(_run(tf.reduce_prod(c) / 2))  # TF 2.21: np.float16(inf)
    assert np.isposinf(_run(tf.reduce_prod(m, axis=0) / 2)).tolist() == [True, False]  # TF 2.21: [inf, 1.]
    assert np.isposinf(_run(tf.global_norm([c])))  # TF 2.21: np.float16(inf)
    assert np.isposinf(_run(tf.nn.l2_loss(c) / 2))  # TF 2.21: np.float16(inf)
