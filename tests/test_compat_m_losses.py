"""TF1's cross-entropy details (probe K28, K23): the v1 softmax cross-entropy stops the gradient to its labels, and
a sparse label outside [0, classes) is TF1's InvalidArgumentError when the loss is computed.

Every expected number comes from TF 2.21's tf.compat.v1 (graph mode) running the same program."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.errors import InvalidArgumentError


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def test_v1_softmax_cross_entropy_sends_no_gradient_into_labels():
    V = tf.Variable(np.float32([[0.1, 0.5, -0.2]]))
    Z = tf.Variable(np.float32([[1.0, 0.0, -1.0]]))
    loss = tf.reduce_sum(tf.nn.softmax_cross_entropy_with_logits(labels=tf.nn.softmax(V), logits=Z))
    grad_v, grad_z = tf.gradients(loss, [V, Z])
    assert grad_v is None  # TF 2.21 tf.compat.v1: [None, <tensor>]
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # TF 2.21 tf.compat.v1: loss 1.3274294, d/dZ [[0.35589653, -0.21675915, -0.13913739]]
        assert sess.run(loss) == pytest.approx(1.3274294, rel=1e-6)
        np.testing.assert_allclose(sess.run(grad_z), [[0.35589653, -0.21675915, -0.13913739]], rtol=1e-6)
        sess.run(train)
        # TF 2.21 tf.compat.v1: V unchanged (labels get no gradient), Z [[0.82205176, 0.10837957, -0.9304313]]
        np.testing.assert_array_equal(sess.run(V), np.float32([[0.1, 0.5, -0.2]]))
        np.testing.assert_allclose(sess.run(Z), [[0.82205176, 0.10837957, -0.9304313]], rtol=1e-6)


def test_v1_labels_placeholder_gradient_is_none_and_v2_flows_into_labels():
    Y = tf.placeholder(tf.float32, [None, 3])
    V = tf.Variable(np.float32([[0.1, 0.5, -0.2]]))
    Z = tf.Variable(np.float32([[1.0, 0.0, -1.0]]))
    v1 = tf.reduce_sum(tf.nn.softmax_cross_entropy_with_logits(labels=Y, logits=Z))
    assert tf.gradients(v1, [Y, Z])[0] is None  # TF 2.21 tf.compat.v1: [None, <tensor>]
    v2 = tf.reduce_sum(tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.nn.softmax(V), logits=Z))
    (grad_v,) = tf.gradients(v2, [V])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # TF 2.21 tf.compat.v1: v2 backpropagates into labels, [[-0.28454226, 0.03700045, 0.24754184]]
        np.testing.assert_allclose(sess.run(grad_v), [[-0.28454226, 0.03700045, 0.24754184]], rtol=1e-6)


def _sparse_program():
    L = tf.placeholder(tf.int64, [None])
    Z = tf.placeholder(tf.float32, [None, 3])
    xent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=L, logits=Z)
    return L, Z, xent


ZD = np.float32([[1, 2, 3], [0, 0, 0]])


def test_sparse_label_out_of_range_is_invalid_argument_at_run_time():
    L, Z, xent = _sparse_program()
    sess = tf.Session()
    # TF 2.21 tf.compat.v1: [0.40760595 1.0986123]
    np.testing.assert_allclose(sess.run(xent, {L: [2, 0], Z: ZD}), [0.40760595, 1.0986123], rtol=1e-6)
    for bad, value in (([3, 0], 3), ([-1, 0], -1)):  # TF1: InvalidArgumentError "Received a label value of 3 ..."
        with pytest.raises(InvalidArgumentError, match=rf"label value of {value} which is outside the valid range "
                                                        r"of \[0, 3\)"):
            sess.run(xent, {L: bad, Z: ZD})


def test_a_run_that_does_not_compute_the_loss_is_not_checked():
    L, Z, xent = _sparse_program()
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(Z, 1), L), tf.float32))
    # TF 2.21 tf.compat.v1: 0.5, no error (the cross-entropy does not run)
    assert tf.Session().run(accuracy, {L: [3, 0], Z: ZD}) == 0.5


def test_training_step_with_a_bad_label_raises_before_any_update():
    L = tf.placeholder(tf.int64, [None])
    X = tf.placeholder(tf.float32, [None, 2])
    W = tf.Variable(tf.zeros([2, 3]))
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=L, logits=tf.matmul(X, W)))
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    for fetches in ([train, loss], train):  # the run-plan fast path and the general path
        with pytest.raises(InvalidArgumentError, match="label value of 3"):
            sess.run(fetches, {X: [[1, 2], [3, 4]], L: [1, 3]})
    np.testing.assert_array_equal(sess.run(W), np.zeros((2, 3), np.float32))  # TF 2.21: W still zeros
    sess.run(train, {X: [[1, 2], [3, 4]], L: [1, 2]})
    assert sess.run(W).any()


def test_computed_and_constant_labels_are_checked_too():
    Z = tf.placeholder(tf.float32, [None, 3])
    Li = tf.placeholder(tf.int32, [None])
    cast = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.cast(Li, tf.int64), logits=Z)
    constant = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant([3, 0]), logits=Z)
    sess = tf.Session()
    with pytest.raises(InvalidArgumentError, match="label value of 5"):  # TF 2.21: InvalidArgumentError
        sess.run(cast, {Li: [5, 0], Z: ZD})
    with pytest.raises(InvalidArgumentError, match="label value of 3"):  # TF 2.21: InvalidArgumentError
        sess.run(constant, {Z: ZD})


def test_training_step_on_computed_labels_and_an_empty_batch():
    Li = tf.placeholder(tf.int32, [None])
    X = tf.placeholder(tf.float32, [None, 2])
    W = tf.Variable(tf.zeros([2, 3]))
    logits = tf.matmul(X, W)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.cast(Li, tf.int64), logits=logits))
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    with pytest.raises(InvalidArgumentError, match="label value of -2"):  # TF 2.21: InvalidArgumentError
        sess.run([train, loss], {X: [[1, 2], [3, 4]], Li: [1, -2]})
    _, cost = sess.run([train, loss], {X: [[1, 2], [3, 4]], Li: [1, 2]})
    assert cost == pytest.approx(1.0986123, rel=1e-6)  # TF 2.21: 1.0986123 (log 3)
    with np.errstate(invalid="ignore"):  # an empty batch has no label to refuse: the mean is nan (TF 2.21: nan)
        assert np.isnan(sess.run(loss, {X: np.zeros((0, 2), np.float32), Li: np.zeros(0, np.int32)}))
