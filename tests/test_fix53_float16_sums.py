"""probe53 P53-1: a float16 sum is a float16 tensor in TF1, rounded before anything reads it, so a sum past
65504 is ``inf``, and so are its mean and the sum divided afterwards (symopt computes float16 in float32 and
divided first: ``6e4``).

Expected values: TensorFlow 2.21 ``tf.compat.v1`` in graph mode (``disable_eager_execution()``), printed with
``repr``."""

import numpy as np

import symopt.compat.v1 as tf


def _run(tensor):
    with tf.Session() as session:
        return session.run(tensor)


def test_float16_mean_and_divided_sum_of_an_overflowing_sum_are_inf():
    tf.reset_default_graph()
    c = tf.constant([60000., 60000.], tf.float16)
    assert np.isposinf(_run(tf.reduce_mean(c)))  # TF 2.21: np.float16(inf)
    assert np.isposinf(_run(tf.reduce_sum(c) / 2))  # TF 2.21: np.float16(inf)


def test_float16_sums_along_an_axis_round_each_sum():
    tf.reset_default_graph()
    m = tf.constant([[60000., 60000.], [0.1, 0.3]], tf.float16)
    mean_rows = _run(tf.reduce_mean(m, axis=1))
    mean_columns = _run(tf.reduce_mean(m, axis=0))
    quarter_sums = _run(tf.reduce_sum(m, axis=1, keepdims=True) / 4)
    assert mean_rows.dtype == np.float16
    np.testing.assert_array_equal(mean_rows, np.float16([np.inf, 0.2]))  # TF 2.21: array([inf, 0.2], float16)
    np.testing.assert_array_equal(mean_columns, np.float16([3e4, 3e4]))  # TF 2.21: array([3.e+04, 3.e+04])
    np.testing.assert_array_equal(quarter_sums, np.float16([[np.inf], [0.1]]))  # TF 2.21: [[inf], [0.1]]
