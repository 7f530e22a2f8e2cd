"""``tf.metrics.mean`` / ``accuracy`` with ``weights=`` stream the weighted mean over every batch, as TF1 (probe11 U13:
they were refused with advice to write a one-batch weighted mean, which is no streaming metric).  Goldens from
TF 2.21 tf.compat.v1 (graph mode)."""

import numpy as np

import symopt.compat.v1 as tf


def test_weighted_streaming_metrics_are_tf1s():
    tf.reset_default_graph()
    v = tf.placeholder(tf.float32, [None])
    w = tf.placeholder(tf.float32, [None])
    m, up = tf.metrics.mean(v, weights=w)
    m2, up2 = tf.metrics.mean(v, weights=2.0)
    labels = tf.placeholder(tf.int64, [None])
    predictions = tf.placeholder(tf.int64, [None])
    acc, acc_up = tf.metrics.accuracy(labels, predictions, weights=w)
    M = tf.placeholder(tf.float32, [None, 2])
    row_weights = tf.placeholder(tf.float32, [None, 1])
    m3, up3 = tf.metrics.mean(M, weights=row_weights)
    session = tf.Session()
    session.run(tf.local_variables_initializer())
    first = session.run([up, up2], {v: [1, 2, 3], w: [1, 0, 2]})
    second = session.run([up, up2], {v: [10], w: [0.5]})
    np.testing.assert_array_equal(first + second + session.run([m, m2]),
                                  np.float32([2.3333333, 2.0, 3.4285715, 4.0, 3.4285715, 4.0]))
    assert session.run(acc_up, {labels: [1, 2, 3], predictions: [1, 0, 3], w: [1, 5, 2]}) == np.float32(0.375)
    assert session.run(acc) == np.float32(0.375)
    assert session.run(up3, {M: [[1, 2], [3, 4]], row_weights: [[1], [3]]}) == np.float32(3.0)
    assert [t.name for t in (m, up, acc, acc_up)] == ["mean/value:0", "mean/update_op:0", "accuracy/value:0",
                                                       "accuracy/update_op:0"]
    assert sorted(variable.name for variable in tf.local_variables()) == \
        ["accuracy/count:0", "accuracy/total:0", "mean/count:0", "mean/total:0", "mean_1/count:0", "mean_1/total:0",
         "mean_2/count:0", "mean_2/total:0"]
