"""TF1 names the probe found missing (F10): ``tf.shape``/``size``/``rank``, ``tf.concat``/``stack``, ``tf.where``,
``tf.newaxis``, ``tf.losses.huber_loss``, ``tf.train.checkpoint_exists``; and ``Saver.restore``'s message (F17).

Literals marked "TF 2.21 compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode
(``disable_v2_behavior()``) running the same program in a separate environment; TensorFlow is not needed here.
"""

import os

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import CheckpointError, UnsupportedOperationError
from tf1_session import fresh_graph, run  # noqa: F401 - fresh_graph: an autouse fixture

FEATURES = np.arange(12, dtype=np.float32).reshape(4, 3) / 5 - 1
TARGETS = np.array([0.2, 0.9, -1.5, 2.0], np.float32)


def inputs():
    X = tf.placeholder(tf.float32, [None, 3])
    Y = tf.placeholder(tf.float32, [None])
    W = tf.Variable(np.arange(6.0, dtype=np.float32).reshape(3, 2) / 10 - 0.2)
    return X, Y, W


def test_shape_of_a_batch_averages_over_the_fed_rows_as_tf1():
    X, _, W = inputs()
    P = tf.matmul(X, W)
    shape, rows = tf.shape(X), tf.shape(X)[0]
    count = tf.cast(tf.shape(X)[0], tf.float32)
    sizes = [tf.shape(W), tf.size(X), tf.rank(X)]
    # TF 2.21 compat.v1: names and static shapes
    assert [repr(t) for t in (shape, rows, count, *sizes)] == [
        "<tf.Tensor 'Shape:0' shape=(2,) dtype=int32>", "<tf.Tensor 'strided_slice:0' shape=() dtype=int32>",
        "<tf.Tensor 'Cast:0' shape=() dtype=float32>", "<tf.Tensor 'Shape_3:0' shape=(2,) dtype=int32>",
        "<tf.Tensor 'Size:0' shape=() dtype=int32>", "<tf.Tensor 'Rank:0' shape=() dtype=int32>"]
    average = tf.reduce_sum(tf.square(P)) / count
    values = run([shape, rows, count, *sizes, average, tf.gradients(average, W)[0]], {X: FEATURES})
    assert values[0].tolist() == [4, 3] and values[0].dtype == np.int32 and values[1] == 4 and values[2] == 4.0
    assert values[3].tolist() == [3, 2] and values[4] == 12 and values[5] == 2
    np.testing.assert_allclose(values[6], 0.059000008, rtol=1e-6)  # TF 2.21 compat.v1
    np.testing.assert_allclose(values[7], [[-0.01599999, 0.24800001], [0.01600001, 0.29200003],
                                           [0.04800001, 0.33600006]], rtol=1e-5)  # TF 2.21 compat.v1


def test_shape_alone_and_of_a_placeholder_without_a_shape():
    X, _, _ = inputs()
    Z = tf.placeholder(tf.float32)
    assert repr(tf.shape(Z)) == "<tf.Tensor 'Shape:0' shape=(?,) dtype=int32>"  # TF 2.21 compat.v1
    assert run(tf.shape(X)[0], {X: np.ones((7, 3))}) == 7  # reads only the batch size of the fed X
    values = run([tf.shape(Z), tf.size(Z), tf.shape(X, out_type=tf.int64)], {Z: np.ones((2, 5)), X: FEATURES})
    assert values[0].tolist() == [2, 5] and values[1] == 10 and values[2].dtype == np.int64


def test_concat_along_rows_and_columns_with_gradients_as_tf1():
    X, _, W = inputs()
    P = tf.matmul(X, W)
    Q = tf.Variable(np.arange(12.0, dtype=np.float32).reshape(3, 4))
    joined = [tf.concat([Q[:, :1], Q[:, 3:]], 1), tf.concat([Q, Q[1:2] * 2.0], 0), tf.concat([W[0], W[:, 1]], 0),
              tf.concat([X, P], axis=1), tf.concat([W, W], -1)]
    # TF 2.21 compat.v1: names and static shapes
    assert [(t.name, t.shape.as_list()) for t in joined] == [
        ("concat:0", [3, 2]), ("concat_1:0", [4, 4]), ("concat_2:0", [5]), ("concat_3:0", [None, 5]),
        ("concat_4:0", [3, 4])]
    cost = tf.reduce_sum(tf.square(joined[0])) + tf.reduce_sum(joined[1] * 3.0) + tf.reduce_sum(tf.sin(joined[3]))
    values = run([*joined[:4], *tf.gradients(cost, [Q, W])], {X: FEATURES})
    assert values[0].tolist() == [[0, 3], [4, 7], [8, 11]]  # TF 2.21 compat.v1
    assert values[1].tolist() == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11], [8, 10, 12, 14]]
    np.testing.assert_allclose(values[2], [-0.2, -0.1, -0.1, 0.1, 0.3], rtol=1e-6)
    np.testing.assert_allclose(values[3][:, 3:], [[0.08, -0.16], [0.08, 0.02], [0.08, 0.2], [0.08, 0.38]], rtol=1e-5)
    np.testing.assert_array_equal(values[3][:, :3], FEATURES)
    assert values[4].tolist() == [[3, 3, 3, 9], [17, 9, 9, 23], [19, 3, 3, 25]]  # TF 2.21 compat.v1
    np.testing.assert_allclose(values[5], [[-0.39872065, -0.4482023], [0.39872068, 0.33094943],
                                           [1.1961621, 1.1101012]], rtol=1e-5)  # TF 2.21 compat.v1


def test_stack_and_concat_errors():
    _, _, W = inputs()
    stacked = run([tf.stack([1.0, tf.reduce_sum(W)]), tf.stack([W[0], W[1]]), tf.stack([W[0], W[1]], axis=1)])
    np.testing.assert_allclose(stacked[0], [1.0, 0.3], rtol=1e-6)
    np.testing.assert_allclose(stacked[1], [[-0.2, -0.1], [0.0, 0.1]], atol=1e-7)
    np.testing.assert_allclose(stacked[2], [[-0.2, 0.0], [-0.1, 0.1]], atol=1e-7)
    with pytest.raises(ValueError, match="Dimension 1 in both shapes must be equal, but are 2 and 1"):
        tf.concat([W, W[:, :1]], 0)
    with pytest.raises(ValueError, match="Can't concatenate scalars"):
        tf.concat([1.0, 2.0], 0)
    with pytest.raises(UnsupportedOperationError, match="batch dimension"):
        tf.concat([tf.placeholder(tf.float32, [None, 2]), W], 0)


def test_where_chooses_entries_or_rows_and_passes_the_gradient_to_the_choice_as_tf1():
    X, Y, W = inputs()
    P = tf.matmul(X, W)
    Q = tf.Variable(np.arange(12.0, dtype=np.float32).reshape(3, 4))
    leaky = tf.where(P > 0.0, P, 0.1 * P)
    mirrored = tf.where(tf.greater(Y, 0.5), Y, -Y)
    rows = tf.where(tf.constant([True, False, True]), Q[:, :2], -Q[:, 2:])
    assert [(t.name, t.shape.as_list()) for t in (leaky, mirrored, rows)] == [
        ("Select:0", [None, 2]), ("Select_1:0", [None]), ("Select_2:0", [3, 2])]  # TF 2.21 compat.v1
    cost = tf.reduce_sum(tf.square(leaky)) + tf.reduce_sum(rows * W)
    values = run([leaky, mirrored, rows, *tf.gradients(cost, [W, Q])], {X: FEATURES, Y: TARGETS})
    np.testing.assert_allclose(values[0], [[0.08, -0.016], [0.08, 0.02], [0.08, 0.2], [0.08, 0.38]], rtol=1e-5)
    np.testing.assert_allclose(values[1], [-0.2, 0.9, 1.5, 2.0], rtol=1e-6)
    assert values[2].tolist() == [[0, 1], [-6, -7], [8, 9]]  # TF 2.21 compat.v1
    np.testing.assert_allclose(values[3], [[-0.06399997, 1.6752], [-5.936, -6.0854397], [8.192, 10.15392]],
                               rtol=1e-5)  # TF 2.21 compat.v1
    np.testing.assert_allclose(values[4], [[-0.2, -0.1, 0, 0], [0, 0, 0, -0.1], [0.2, 0.3, 0, 0]], atol=1e-7)
    infinite = run(tf.where(tf.constant([True, False]), tf.constant([1.0, np.inf]), tf.constant([-np.inf, 2.0])))
    assert infinite.tolist() == [1.0, 2.0]  # exact choice: the infinity not chosen does not leak in
    with pytest.raises(UnsupportedOperationError, match="indices of the true entries"):
        tf.where(P > 0.0)
    with pytest.raises(TypeError, match="condition"):
        tf.where(P, P, P)


def test_newaxis_in_slices_as_tf1():
    _, Y, W = inputs()
    assert tf.newaxis is None
    added = [W[0][:, tf.newaxis], W[0][tf.newaxis, :], W[0][tf.newaxis], Y[:, tf.newaxis], W[1, 1][tf.newaxis],
             W[0, ..., tf.newaxis]]
    # TF 2.21 compat.v1 static shapes (names: strided_slice_*, as every slice)
    assert [t.shape.as_list() for t in added] == [[2, 1], [1, 2], [1, 2], [None, 1], [1], [2, 1]]
    values = run(added, {Y: TARGETS})
    np.testing.assert_allclose(values[0], [[-0.2], [-0.1]])
    np.testing.assert_allclose(values[2], [[-0.2, -0.1]])
    np.testing.assert_array_equal(values[3], TARGETS[:, None])
    np.testing.assert_allclose(values[4], [0.1], rtol=1e-6)
    cost = tf.reduce_sum(W[0][tf.newaxis] * tf.constant([[1.0, 2.0]])) + tf.reduce_sum(W[1, 1][tf.newaxis])
    assert run(tf.gradients(cost, W))[0].tolist() == [[1, 2], [0, 1], [0, 0]]  # TF 2.21 compat.v1


def test_huber_loss_as_tf1():
    X, Y, _ = inputs()
    losses = [tf.losses.huber_loss(Y, X[:, 0]), tf.losses.huber_loss(Y, X[:, 1], delta=0.3)]
    assert [t.name for t in losses] == ["huber_loss/value:0", "huber_loss_1/value:0"]  # TF 2.21 compat.v1
    values = run([*losses, tf.gradients(losses[0] + losses[1], X)[0]], {X: FEATURES, Y: TARGETS})
    np.testing.assert_allclose(values[:2], [0.85, 0.32999998], rtol=1e-6)  # TF 2.21 compat.v1
    np.testing.assert_allclose(values[2], [[-0.25, -0.075, 0]] * 2 + [[0.25, 0.075, 0], [-0.25, -0.075, 0]],
                               rtol=1e-6)  # TF 2.21 compat.v1


def test_checkpoint_exists_and_restore_of_a_missing_file_speak_tf1(tmp_path):
    W = tf.Variable(1.0)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        saver = tf.train.Saver()
        path = saver.save(session, os.path.join(tmp_path, "m"), global_step=3)
        assert tf.train.checkpoint_exists(path) and not tf.train.checkpoint_exists(os.path.join(tmp_path, "nope"))
        missing = os.path.join(tmp_path, "missing-3")
        with pytest.raises(CheckpointError, match="^The passed save_path is not a valid checkpoint: .*missing-3 "
                                                  r"\(expected a file written by tf.train.Saver.save\)") as caught:
            saver.restore(session, missing)
        assert isinstance(caught.value, ValueError)  # TF 2.21 compat.v1 raises ValueError
        assert session.run(W) == 1.0


def test_a_loss_that_reads_only_the_batch_size_trains_and_evaluates_as_tf1():
    """The step takes X, which tf.shape read, to know the batch size (TF1 needs X fed too)."""
    X = tf.placeholder(tf.float32, [None, 3])
    W = tf.Variable([1.0, 2.0])
    loss = tf.reduce_sum(tf.square(W)) / tf.cast(tf.shape(X)[0], tf.float32)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        _, before = session.run([train, loss], {X: np.ones((4, 3))})
        after = session.run(loss, {X: np.ones((2, 3))})
        weights = session.run(W)
    # TF 2.21 compat.v1: 1.25, [0.95 1.9], 2.25625
    assert before == np.float32(1.25) and weights.tolist() == [np.float32(0.95), np.float32(1.9)]
    assert after == np.float32(2.25625)


def test_zeros_like_and_ones_like_of_a_batch_as_tf1():
    X, _, _ = inputs()
    zeros, ones = tf.zeros_like(X), tf.ones_like(X[:, 0])
    assert [(t.name, t.shape.as_list()) for t in (zeros, ones)] == [("zeros_like:0", [None, 3]),
                                                                   ("ones_like:0", [None])]  # TF 2.21 compat.v1
    values = run([zeros, ones, tf.losses.huber_loss(tf.zeros_like(X[:, 0]), X[:, 0], delta=2.0)], {X: FEATURES})
    assert values[0].shape == (4, 3) and not values[0].any() and values[1].tolist() == [1.0] * 4
    np.testing.assert_allclose(values[2], np.mean(0.5 * FEATURES[:, 0] ** 2), rtol=1e-6)  # |x| < delta: quadratic
