"""P70-3, P70-4: ``sparse_softmax_cross_entropy_with_logits`` of ``[None]`` labels beside logits of a known number
of rows reads the labels at that length: the loss and its gradient have one batch size (the gradient crashed with
an internal ``ShapeError``), and a feed of another length is TF1's ``InvalidArgumentError`` (it was NumPy's bare
broadcasting ``ValueError`` from the generated code).

Oracle: TF 2.21 ``tf.compat.v1`` (graph mode) running these programs (probe70's ``p63_minimal_crash.py`` and
``p42_sparse_w.py`` ``phw_grad``), printed values copied here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError

from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

X4 = [[1, 2], [3, 4], [0.5, -1], [0, 1]]
W0 = np.array([[1.0, 0.5, -0.5], [0.2, -0.3, 0.1]], np.float32)


def test_fixed_batch_input_with_none_labels_trains_to_tf1s_numbers():
    X = tf.placeholder(tf.float32, [4, 2])
    y = tf.placeholder(tf.int32, [None])
    W = tf.Variable(W0)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=tf.matmul(X, W)))
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    losses = [session.run([train, loss], {X: X4, y: [0, 1, 2, 2]})[1] for _ in range(3)]
    np.testing.assert_allclose(losses, [1.6450455, 1.0523837, 1.0068369], rtol=2e-6)
    np.testing.assert_allclose(session.run(W), [[0.6145642, 0.7968303, -0.4113945],
                                                [-0.04126287, 0.10742959, -0.06616681]], rtol=1e-5, atol=1e-6)


def test_weighted_sparse_loss_gradient_by_fixed_logits():
    Z = tf.Variable(np.array([[2.0, -1.0, 0.5], [0.1, 0.2, 0.3], [-1.0, 3.0, 0.0], [0.5, 0.5, -2.0]], np.float32))
    labels, weights = tf.placeholder(tf.int32, [None]), tf.placeholder(tf.float32, [None])
    gradient = tf.gradients(tf.losses.sparse_softmax_cross_entropy(labels, Z, weights=weights), Z)[0]
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    got = session.run(gradient, {labels: [0, 1, 2, 2], weights: [1.0, 0.0, 2.0, 0.5]})
    np.testing.assert_allclose(got, [[-0.0714677, 0.0130375, 0.0584301], [0, 0, 0],
                                     [0.0114319, 0.6241597, -0.6355916], [0.080048, 0.080048, -0.1600959]],
                               rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("labels", [[0, 1, 2], [0, 1, 2, 2, 0]])
def test_another_number_of_labels_is_tf1s_invalid_argument_error(labels):
    X = tf.placeholder(tf.float32, [4, 2])
    y = tf.placeholder(tf.int32, [None])
    xent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=tf.matmul(X, tf.Variable(W0)))
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    with pytest.raises(tf.errors.InvalidArgumentError, match=rf"\[{len(labels)}\]"):
        session.run(xent, {X: X4, y: labels})


def test_labels_computed_from_a_batch_placeholder_are_refused_naming_it():
    X = tf.placeholder(tf.float32, [4, 2])
    one_hot = tf.placeholder(tf.float32, [None, 3], name="Y")
    with pytest.raises(UnsupportedOperationError, match=r"declare Y:0 with the known size"):
        tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.argmax(one_hot, 1),
                                                       logits=tf.matmul(X, tf.Variable(W0)))
