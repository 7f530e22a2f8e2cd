"""A labels placeholder declared without a shape beside predictions with the examples as columns (``[1, None]``):
"Learning TensorFlow" (Hope et al.) ch. 3's linear and logistic regression, verbatim (g-probe G3); and
``tf.gradients(grad_ys=)`` of a fixed length against a batch dimension, which gave N times TF1's gradient.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.  symopt sums in another order, so the
comparisons allow a few float32 ulps: of the result (``rtol``) and, after training steps whose updates cancel, of the
operands (``atol``; OpenBLAS's AVX2 and AVX-512 kernels round the products' sums differently: 0.0242922 against
TF1's 0.024292223, 1 ulp of the update's terms).
"""

#: A few float32 ulps of the operands (about 0.5): where training steps cancel, a small weight keeps their error.
OPERANDS_ULPS = 2e-7

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

X_DATA = np.float32([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5], [-1.0, 2.0, 0.75], [0.0, 1.0, 1.0], [2.0, -0.5, 0.5]])


def _book_regression(kind: str, y_data):
    x = tf.placeholder(tf.float32, shape=[None, 3])
    y_true = tf.placeholder(tf.float32, shape=None)
    w = tf.Variable([[0, 0, 0]], dtype=tf.float32, name="weights")
    b = tf.Variable(0, dtype=tf.float32, name="bias")
    y_pred = tf.matmul(w, tf.transpose(x)) + b  # [1, ?]: one column per example
    if kind == "lin":
        loss = tf.reduce_mean(tf.square(y_true - y_pred))
    else:
        loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y_true, logits=y_pred))
    grad = tf.gradients(loss, [w, b])
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    feed = {x: X_DATA, y_true: y_data}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        gradient = sess.run(grad, feed)
        for _ in range(3):
            sess.run(train, feed)
        return gradient, sess.run([w, b]), sess.run(loss, feed)


def test_linear_regression_with_labels_as_one_row():
    (gw, gb), (w, b), loss = _book_regression("lin", np.float32([[0.3, -0.1, 0.7, 0.6, 0.2]]))
    # TF 2.21 tf.compat.v1
    np.testing.assert_allclose(gw, [[0.11999999, -0.63, -0.75000006]], rtol=1e-6)
    assert gb == pytest.approx(-0.68, rel=1e-6)
    np.testing.assert_allclose(w, [[0.024292223, 0.2553836, 0.38425866]], rtol=1e-6, atol=OPERANDS_ULPS)
    assert b == pytest.approx(0.3326938, rel=1e-6) and loss == pytest.approx(0.15849341, rel=1e-6)


def test_logistic_regression_with_a_vector_of_labels_against_a_row_of_logits():
    (gw, gb), (w, b), loss = _book_regression("log", np.float32([1, 0, 1, 1, 0]))
    # TF 2.21 tf.compat.v1 (its kernel's ops broadcast the [5] labels against the [1, 5] logits)
    np.testing.assert_allclose(gw, [[0.40000004, -0.22500001, -0.375]], rtol=1e-6)
    assert gb == pytest.approx(-0.1, rel=1e-6)
    np.testing.assert_allclose(w, [[-0.49246982, 0.24455838, 0.47815353]], rtol=1e-6, atol=OPERANDS_ULPS)
    assert b == pytest.approx(0.11455244, rel=1e-6) and loss == pytest.approx(0.3540576, rel=1e-6)


def test_gradients_of_a_shapeless_computation_are_none_where_no_path_leads():
    x = tf.placeholder(tf.float32, shape=[None, 3])
    y = tf.placeholder(tf.float32)
    w = tf.Variable([[0.1, -0.2, 0.3]])
    u = tf.Variable(1.0)
    loss = tf.reduce_mean(tf.square(y - tf.matmul(w, tf.transpose(x))))
    gw, gu = tf.gradients(loss, [w, u])
    assert gu is None and gw.shape.as_list() == [1, 3]  # TF 2.21 tf.compat.v1: None, (1, 3)
    (zero,) = tf.gradients(loss, [u], unconnected_gradients="zero")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(zero, {x: X_DATA, y: np.zeros((1, 5), np.float32)}) == 0.0


def test_grad_ys_of_a_fixed_length_against_a_batch_dimension_is_refused():
    x = tf.placeholder(tf.float32, shape=[None, 3])
    w = tf.Variable([[0.1, -0.2, 0.3]])
    row = tf.matmul(w, tf.transpose(x))  # [1, ?]
    # TF 2.21 tf.compat.v1 gives [[12.920691, 7.752311, 3.1824393]]; symopt gave 6 times that, silently
    with pytest.raises(UnsupportedOperationError, match="tf.ones_like"):
        tf.gradients(row, w, grad_ys=tf.ones([1, 6]) * 2.0)
    with pytest.raises(UnsupportedOperationError, match="grad_ys"):  # was SymPy's raw ShapeError
        tf.gradients(tf.transpose(row), w, grad_ys=np.arange(6, dtype=np.float32).reshape(6, 1))
    (g,) = tf.gradients(row, w, grad_ys=tf.ones_like(row) * 2.0)  # the batch's own shape: TF1's numbers
    xd = np.float32(np.random.RandomState(0).randn(6, 3))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run(g, {x: xd}), [[12.920691, 7.752311, 3.1824393]], rtol=1e-6)


def test_squeeze_expand_dims_slices_and_masks_of_shapeless_placeholders_wait_for_the_fed_shape():
    # beginner programs declare X = tf.placeholder(tf.float32) without a shape (g-probe G9): the rank was taken as 0
    X, Y, V = tf.placeholder(tf.float32), tf.placeholder(tf.float32), tf.placeholder(tf.float32)
    w = tf.Variable(np.float32([[0.5], [-0.25]]))
    b = tf.Variable(0.1)
    pred = tf.squeeze(tf.matmul(X, w)) + b
    loss = tf.reduce_mean(tf.square(pred - Y))
    train = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
    feed = {X: [[1, 2], [3, 4], [5, 6]], Y: [1, 2, 3]}
    matrix = {X: [[1, 2], [3, 4], [5, -6]]}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # TF 2.21 tf.compat.v1
        np.testing.assert_allclose(sess.run(pred, feed), [0.1, 0.6, 1.1], rtol=1e-6)
        assert sess.run(loss, feed) == pytest.approx(2.1266668, rel=1e-6)
        sess.run(train, feed)
        np.testing.assert_allclose(sess.run(w).ravel(), [0.5973333, -0.124666676], rtol=1e-6)
        assert sess.run(b) == pytest.approx(0.128, rel=1e-6)
        np.testing.assert_allclose(sess.run(tf.squeeze(tf.matmul(X, w), axis=1), feed),
                                   [0.34799996, 1.2933333, 2.2386665], rtol=1e-6)
        assert sess.run(tf.expand_dims(V, 1) * tf.expand_dims(V, 0), {V: [1.0, 2.0, 3.0]}).tolist() == \
            [[1, 2, 3], [2, 4, 6], [3, 6, 9]]
        assert sess.run(tf.slice(X, [1, 0], [2, 1]), matrix).tolist() == [[3.0], [5.0]]
        assert sess.run(tf.strided_slice(X, [0, 1], [3, 2]), matrix).tolist() == [[2.0], [4.0], [-6.0]]
        assert sess.run(tf.boolean_mask(V, [True, False, True]), {V: [0.5, 1.0, 2.0]}).tolist() == [0.5, 2.0]


def test_minimize_of_a_shapeless_loss_skips_variables_it_does_not_train():
    # cs20si / Aymeric Damien style (g-probe G14): an int32 global_step left trainable, a variable of another head
    X, Y = tf.placeholder(tf.float32), tf.placeholder(tf.float32)
    w, b = tf.Variable(0.0, name="weights"), tf.Variable(0.0, name="bias")
    global_step = tf.Variable(0, name="global_step")
    unused = tf.Variable([0.1, -0.1])
    loss = tf.square(Y - (X * w + b), name="loss")
    train = tf.train.GradientDescentOptimizer(0.01).minimize(loss, global_step=global_step)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i in range(5):
            _, value = sess.run([train, loss], {X: float(i), Y: 2.0 * i + 1})
        # TF 2.21 tf.compat.v1: 38.934254 [1.1149924, 0.42180726, 5]
        assert value == pytest.approx(38.934254, rel=1e-6)
        np.testing.assert_allclose(sess.run([w, b]), [1.1149924, 0.42180726], rtol=1e-6)
        assert sess.run(global_step) == 5 and sess.run(unused).tolist() == np.float32([0.1, -0.1]).tolist()
