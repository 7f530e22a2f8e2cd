"""``tf.metrics.accuracy``: local variables, ``tf.local_variables_initializer()``, the update op and TF1's
streaming values.

Literals marked "TF 2.21 compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode
(``disable_v2_behavior()``) running the same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

BATCHES = [([0, 1, 2], [[1, 0, 0], [0, 1, 0], [1, 0, 0]]), ([2, 2], [[0, 0, 1], [0, 1, 0]]), ([1], [[0, 3, 1]])]


def test_accuracy_streams_over_batches_as_tf1():
    labels = tf.placeholder(tf.int64, [None])
    logits = tf.placeholder(tf.float32, [None, 3])
    acc, acc_op = tf.metrics.accuracy(labels=labels, predictions=tf.argmax(logits, 1))
    named = tf.metrics.accuracy(labels, tf.argmax(logits, 1), name="my_acc")
    assert [str(t) for t in (acc, acc_op, *named)] == [  # TF 2.21 compat.v1
        'Tensor("accuracy/value:0", shape=(), dtype=float32)', 'Tensor("accuracy/update_op:0", shape=(), dtype=float32)',
        'Tensor("my_acc/value:0", shape=(), dtype=float32)', 'Tensor("my_acc/update_op:0", shape=(), dtype=float32)']
    assert [v.name for v in tf.local_variables()] == ["accuracy/total:0", "accuracy/count:0", "my_acc/total:0",
                                                      "my_acc/count:0"]  # TF 2.21 compat.v1
    assert tf.global_variables() == [] and tf.get_collection(tf.metrics.LOCAL_VARIABLES) == tf.local_variables()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())  # does not set the local variables
        with pytest.raises(tf.errors.FailedPreconditionError, match="local_variables_initializer"):
            sess.run(acc)
        init = tf.local_variables_initializer()
        assert init.name == "init_1"  # TF 2.21 compat.v1
        sess.run(init)
        assert sess.run(acc) == 0.0  # TF 2.21 compat.v1: no batch yet
        seen = []
        for ids, scores in BATCHES:
            seen.append((sess.run(acc_op, {labels: ids, logits: scores}), sess.run(acc)))
        np.testing.assert_array_equal(seen, np.float32([[0.6666667] * 2, [0.6] * 2, [0.6666667] * 2]))  # TF 2.21
        assert sess.run(named[0]) == 0.0  # its own variables: its update op never ran
        sess.run(tf.local_variables_initializer())
        assert sess.run(acc) == 0.0  # TF 2.21 compat.v1: started over


def test_accuracy_in_a_training_loop_counts_every_batch_before_its_update():
    X = tf.placeholder(tf.float32, [None, 2])
    y = tf.placeholder(tf.int64, [None])
    W = tf.Variable([[0.5, -0.5], [-0.25, 0.25]])
    logits = tf.matmul(X, W)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    acc, acc_op = tf.metrics.accuracy(y, tf.argmax(logits, 1))
    feed = {X: [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], y: [1, 0, 1]}
    with tf.Session() as sess:
        sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
        streamed = [sess.run([train, acc_op], feed)[1] for _ in range(4)]
        np.testing.assert_array_equal(streamed, np.float32([0.0, 0.0, 0.11111111, 0.25]))  # TF 2.21 compat.v1
        assert sess.run(tf.local_variables()) == [3.0, 12.0] and sess.run(acc) == 0.25  # TF 2.21 compat.v1


def test_metrics_name_what_is_missing():
    with pytest.raises(UnsupportedOperationError, match="tf.metrics.auc"):
        tf.metrics.auc  # noqa: B018 - the lookup is the test
