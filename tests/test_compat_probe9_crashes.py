"""probe9's crashes of valid or refusable TF1 programs (S1, S6, S8, S17): TF 2.21 ``tf.compat.v1``'s values, or a
typed refusal naming what to do."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


@pytest.mark.parametrize("make, text", [
    (lambda: tf.zeros([5, 5, 1, 32]), r"tf.zeros of shape \[5, 5, 1, 32\]"),
    (lambda: tf.ones([2, 3, 4], name="image"), r"tf.ones of shape \[2, 3, 4\]"),
    (lambda: tf.random_normal([2, 3, 4]), r"tf.random_normal of shape \[2, 3, 4\]"),
    (lambda: tf.truncated_normal([5, 5, 1, 32], stddev=0.1), r"tf.truncated_normal of shape \[5, 5, 1, 32\]")])
def test_s6_rank_3_and_4_fills_are_a_typed_refusal(make, text):
    with pytest.raises(UnsupportedOperationError, match=text + ": only ranks 0, 1 and 2 are supported"):
        make()


def test_s8_slot_variables_op_names_and_a_saver_dict_by_op_name(tmp_path):
    w = tf.Variable(np.float32([1.0, 2.0]), name="w")
    optimizer = tf.train.AdamOptimizer(0.1)
    train = optimizer.minimize(tf.reduce_sum(tf.square(w)))
    # TF 2.21: v.op.name is the name without ":0", v.op.type VariableV2 for the slots too
    assert [(v.name, v.op.name) for v in tf.global_variables()] == [
        ("w:0", "w"), ("beta1_power:0", "beta1_power"), ("beta2_power:0", "beta2_power"), ("w/Adam:0", "w/Adam"),
        ("w/Adam_1:0", "w/Adam_1")]
    assert {v.op.type for v in tf.global_variables()} == {"VariableV2"}
    saver = tf.train.Saver({v.op.name: v for v in tf.global_variables()})
    path = str(tmp_path / "m")
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        session.run(train)
        saved = session.run([w, optimizer.get_slot(w, "m"), optimizer.get_slot(w, "v")])
        saver.save(session, path)
        session.run(train)
        session.run(train)
        tf.train.Saver().restore(session, path)  # TF 2.21 restores this checkpoint with a default Saver too
        restored = session.run([w, optimizer.get_slot(w, "m"), optimizer.get_slot(w, "v")])
    for before, after in zip(saved, restored):
        np.testing.assert_array_equal(before, after)
    with tf.Session() as session:  # and the dict's own saver into a fresh session
        saver.restore(session, path)
        np.testing.assert_array_equal(session.run(w), saved[0])
        np.testing.assert_array_equal(session.run(optimizer.get_slot(w, "v")), saved[2])


def test_s8_a_slot_under_another_name_is_a_typed_refusal():
    w = tf.Variable(np.float32([1.0, 2.0]), name="w")
    optimizer = tf.train.MomentumOptimizer(0.1, 0.9)
    optimizer.minimize(tf.reduce_sum(tf.square(w)))
    assert optimizer.get_slot(w, "momentum").op.name == "w/Momentum"
    with pytest.raises(UnsupportedOperationError, match="the optimizer slot 'w/Momentum' under the name 'velocity'"):
        tf.train.Saver({"w": w, "velocity": optimizer.get_slot(w, "momentum")})


def s17_model(labels_dtype=tf.int32):
    X, y = tf.placeholder(tf.float32), tf.placeholder(labels_dtype)  # shape-less, as many TF1 tutorials
    W = tf.Variable(np.float32([[0.2, -0.1, 0.3], [0.0, 0.5, -0.4]]))
    return X, y, W, tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=tf.matmul(X, W))


@pytest.mark.parametrize("labels_dtype", [tf.int32, tf.int64])
def test_s17_sparse_xent_of_shapeless_placeholders_has_the_logits_dtype(labels_dtype):
    X, y, W, xe = s17_model(labels_dtype)
    assert xe.dtype == tf.float32 and tf.reduce_mean(xe).dtype == tf.float32  # TF 2.21: float32
    loss = tf.reduce_mean(xe) + 0.01 * tf.nn.l2_loss(W)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        value = session.run(loss, {X: [[1., 2.], [3., 4.]], y: [0, 2]})
    assert value == np.float32(2.0071967)  # TF 2.21's digits (probe9 s17b.py)


def test_s17_minimize_of_sparse_xent_of_shapeless_placeholders_trains_as_tf1():
    X, y, W, xe = s17_model()
    cost = tf.reduce_mean(xe)
    train = tf.train.GradientDescentOptimizer(0.5).minimize(cost)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        _, value = session.run([train, cost], {X: [[1., 2.], [3., 4.]], y: [0, 2]})
        trained = session.run(W)
    assert value == np.float32(2.0044467)  # TF 2.21 (probe9 s17d.py)
    np.testing.assert_allclose(trained, [[0.2034, -0.7703, 0.9668], [0.1237, -0.4893, 0.4655]], atol=1e-4)


def test_s17_sequence_mask_of_shapeless_lengths_takes_the_fed_shape():
    lengths = tf.placeholder(tf.int32)
    mask = tf.sequence_mask(lengths, 4, dtype=tf.float32)
    x = tf.placeholder(tf.float32, [None, 4])
    masked_mean = tf.reduce_sum(x * mask) / tf.reduce_sum(mask)
    with tf.Session() as session:  # TF 2.21's values
        np.testing.assert_array_equal(session.run(mask, {lengths: [0, 2]}), [[0, 0, 0, 0], [1, 1, 0, 0]])
        np.testing.assert_array_equal(session.run(mask, {lengths: 3}), [1, 1, 1, 0])
        assert session.run(masked_mean, {lengths: [1, 3], x: [[1, 2, 3, 4], [5, 6, 7, 8]]}) == 4.75
