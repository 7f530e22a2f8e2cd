"""probe79 P79-6 / P79-7: tf.losses of a label placeholder without a shape are float (the logits' dtype, TF1's
compute_weighted_loss), fetched right beside a tf.metrics update, and train; a merged summary fetched beside a metric
update returns its bytes.  Oracles: TF 2.21 ``tf.compat.v1`` printed values (copied as literals) and hand NumPy."""

import struct

import numpy as np
import pytest

import symopt.compat.v1 as tf

RNG = np.random.RandomState(0)
X = RNG.randn(6, 3).astype(np.float32)
Y = RNG.randint(0, 2, 6)
W0 = np.linspace(-1, 1, 6).reshape(3, 2).astype(np.float32)


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def hand_xent(logits, labels):
    logits = logits.astype(np.float64)
    log_softmax = logits - np.log(np.exp(logits).sum(1, keepdims=True))
    return -log_softmax[np.arange(len(labels)), labels].mean()


@pytest.mark.parametrize("make_loss", [
    lambda y, onehot, lg: tf.losses.sparse_softmax_cross_entropy(labels=y, logits=lg),
    lambda y, onehot, lg: tf.losses.softmax_cross_entropy(onehot, lg),
    lambda y, onehot, lg: tf.losses.sigmoid_cross_entropy(onehot, lg)])
def test_losses_of_shapeless_int_labels_are_float_beside_a_metric_update(make_loss):
    x, y, onehot = tf.placeholder(tf.float32, [None, 3]), tf.placeholder(tf.int32), tf.placeholder(tf.int32)
    logits = tf.matmul(x, tf.constant(W0))
    loss = make_loss(y, onehot, logits)
    _, update = tf.metrics.accuracy(y, tf.argmax(logits, 1, output_type=tf.int32))
    assert loss.dtype == tf.float32 and tf.losses.get_total_loss().dtype == tf.float32  # TF 2.21: float32
    with tf.Session() as session:
        session.run(tf.local_variables_initializer())
        feed = {x: X, y: Y, onehot: np.eye(2, dtype=np.int32)[Y]}
        together, _ = session.run([loss, update], feed)
        alone = session.run(loss, feed)
    assert isinstance(together, np.float32) and together == alone and together > 0.1  # was np.int32(0)


def test_sparse_loss_of_shapeless_labels_trains_as_tf1():
    x, y = tf.placeholder(tf.float32, [None, 3]), tf.placeholder(tf.int32)
    w = tf.Variable(W0)
    loss = tf.losses.sparse_softmax_cross_entropy(y, tf.matmul(x, w))
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)  # was refused as an int32 loss
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        first = session.run(loss, {x: X, y: Y})
        for _ in range(3):
            session.run(train, {x: X, y: Y})
        last = session.run(loss, {x: X, y: Y})
    assert first == pytest.approx(hand_xent(X @ W0, Y), rel=1e-6)
    assert last == np.float32(0.54477686)  # TF 2.21 tf.compat.v1, probe79 p79_6d_minimize.py


def test_merged_summary_beside_a_metric_update_with_shapeless_labels():
    x, y = tf.placeholder(tf.float32, [None, 3]), tf.placeholder(tf.int32)
    logits = tf.matmul(x, tf.constant(W0))
    _, update = tf.metrics.accuracy(y, tf.argmax(logits, 1, output_type=tf.int32))
    tf.summary.scalar("loss", tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits)))
    merged = tf.summary.merge_all()
    with tf.Session() as session:
        session.run(tf.local_variables_initializer())
        summary, _ = session.run([merged, update], {x: X, y: Y})  # was TypeError: data type 'string'
    assert isinstance(summary, bytes)
    # Summary proto: value { tag: "loss" simple_value: <float32> } (field 2 of Value is fixed32, tag byte 0x15)
    head = b"\n\x04loss\x15"
    assert head in summary
    start = summary.index(head) + len(head)
    (value,) = struct.unpack("<f", summary[start:start + 4])
    assert value == pytest.approx(hand_xent(X @ W0, Y), rel=1e-6)
