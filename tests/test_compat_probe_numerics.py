"""Cross-entropies and softmax of confident examples keep their digits (f-probe finding F11).

Expected values are TF's own (``tensorflow.compat.v1``, TF 2.21 on the CPU), copied here: written as
``softplus(z) - y z`` and ``z - LSE(z)``, symopt gave 0.0 at logit 17 and a loss 1 % high at logits
``[0, 0, 12]``; the :mod:`symopt.stable` nodes compute TF1's kernel formulas.  Where NumPy's and TF's
``exp``/``log`` round differently the values may differ in the last bit (2 ulps allowed).
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt import compile as compile_expr
from symopt import Placeholder, Variable, ops
from symopt.stable import LogisticLoss, LogSoftmax, Softmax

ULPS2 = 2.5e-7  # two float32 ulps, relative

LOGITS = [[2.], [10.], [17.], [-3.], [0.], [-20.], [0.5], [40.], [-0.7], [88.]]
LABELS = [[1.], [1.], [1.], [0.], [0.3], [1.], [0.25], [1.], [0.6], [0.]]
TF_SIGMOID_CE = [1.2692800e-01, 4.5398898e-05, 4.1399378e-08, 4.8587356e-02, 6.9314718e-01, 2.0000000e+01,
                 8.4907699e-01, 4.2483541e-18, 8.2318604e-01, 8.8000000e+01]
TF_SIGMOID_CE_GRAD = [-1.1920291e-01, -4.5418739e-05, -5.9604645e-08, 4.7425877e-02, 1.9999999e-01, -1.0,
                      3.7245929e-01, 0.0, -2.6818782e-01, 1.0]

CLASS_LOGITS = [[0., 0., 12.], [1., 2., 3.], [-5., 7.5, 0.25], [100., -100., 30.], [0.1, 0.2, 0.3]]
CLASS_LABELS = [[0., 0., 1.], [0., 0., 1.], [0.2, 0.5, 0.3], [1., 0., 0.], [1., 0., 0.]]
TF_SOFTMAX_CE = [1.2278481e-05, 4.0760595e-01, 4.6757135e+00, 0.0, 1.2019429e+00]
TF_SOFTMAX_CE_GRAD = [[1.2288274e-06, 1.2288274e-06, -2.4557114e-06], [1.8006114e-02, 4.8945695e-02, -6.6951811e-02],
                      [-3.9999258e-02, 9.9857345e-02, -5.9858073e-02], [0.0, 0.0, 7.9508998e-32],
                      [-1.3987808e-01, 6.6445000e-02, 7.3433079e-02]]
TF_SOFTMAX = [[6.1441360e-06, 6.1441360e-06, 9.9998760e-01], [9.0030566e-02, 2.4472848e-01, 6.6524088e-01],
              [3.7239947e-06, 9.9928659e-01, 7.0966780e-04], [1.0, 0.0, 3.9754504e-31],
              [3.0060959e-01, 3.3222499e-01, 3.6716542e-01]]
TF_LOG_SOFTMAX = [[-1.2000012e+01, -1.2000012e+01, -1.2278481e-05], [-2.4076059e+00, -1.4076059e+00, -4.0760595e-01],
                  [-1.2500713e+01, -7.1357057e-04, -7.2507133e+00], [0.0, -2.0e+02, -7.0e+01],
                  [-1.2019429e+00, -1.1019429e+00, -1.0019429e+00]]
TF_LOG_SOFTMAX_GRAD = [[0.99996316, 1.9999632, -2.9999266], [0.45981652, 0.5316291, -0.991446],
                       [0.99997765, -3.99572, 2.995742], [-5., 2., 3.], [-0.80365753, 0.0066502094, 0.79700756]]


@pytest.fixture
def session():
    tf.reset_default_graph()
    with tf.Session() as sess:
        yield sess


def test_sigmoid_cross_entropy_of_confident_examples_has_tf_digits(session):
    x = tf.placeholder(tf.float32, [None, 1])
    y = tf.placeholder(tf.float32, [None, 1])
    loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=x)
    value, grad = session.run([loss, tf.gradients(tf.reduce_sum(loss), x)[0]], {x: LOGITS, y: LABELS})
    assert value.dtype == np.float32 and value.shape == (10, 1)
    assert value[2, 0] == np.float32(4.1399378e-08)  # was 0.0: softplus(17) - 17 in float32
    np.testing.assert_allclose(value.ravel(), TF_SIGMOID_CE, rtol=ULPS2, atol=0)
    np.testing.assert_allclose(grad.ravel(), TF_SIGMOID_CE_GRAD, rtol=0, atol=1.2e-7)  # sigma(z) - y: an ulp of 1


def test_sigmoid_cross_entropy_of_scalars(session):
    loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.constant(1.0), logits=tf.constant(17.0))
    assert loss.shape == () and str(loss) == 'Tensor("logistic_loss:0", shape=(), dtype=float32)'
    assert session.run(loss) == np.float32(4.1399378e-08)


def test_softmax_cross_entropy_of_confident_examples_has_tf_digits(session):
    logits = tf.placeholder(tf.float32, [None, 3])
    labels = tf.placeholder(tf.float32, [None, 3])
    loss = tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    feed = {logits: CLASS_LOGITS, labels: CLASS_LABELS}
    value, grad = session.run([loss, tf.gradients(tf.reduce_mean(loss), logits)[0]], feed)
    assert value[0] == np.float32(1.2278481e-05)  # was 1.2397766e-05: 12 + log(1 + 2e^-12) - 12
    np.testing.assert_allclose(value, TF_SOFTMAX_CE, rtol=ULPS2, atol=0)
    assert not np.signbit(value[3])  # 0.0, never -0.0
    np.testing.assert_allclose(grad, TF_SOFTMAX_CE_GRAD, rtol=0, atol=3e-8)
    sparse = tf.placeholder(tf.int32, [None])
    sparse_loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=sparse, logits=logits)
    np.testing.assert_allclose(session.run(sparse_loss, {logits: CLASS_LOGITS, sparse: [2, 2, 1, 0, 0]}),
                               [1.2278481e-05, 4.0760595e-01, 7.1357057e-04, 0.0, 1.2019429e+00], rtol=ULPS2, atol=0)


def test_softmax_and_log_softmax_have_tf_digits(session):
    logits = tf.placeholder(tf.float32, [None, 3])
    weights = tf.constant([[1., 2., 3.]])
    softmax, log_softmax = tf.nn.softmax(logits), tf.nn.log_softmax(logits)
    grad = tf.gradients(tf.reduce_sum(log_softmax * weights), logits)[0]
    values = session.run([softmax, log_softmax, grad], {logits: CLASS_LOGITS})
    np.testing.assert_allclose(values[0], TF_SOFTMAX, rtol=ULPS2, atol=1e-37)
    np.testing.assert_allclose(values[1], TF_LOG_SOFTMAX, rtol=ULPS2, atol=0)
    np.testing.assert_allclose(values[2], TF_LOG_SOFTMAX_GRAD, rtol=0, atol=5e-7)
    np.testing.assert_array_equal(session.run(tf.nn.softmax(tf.constant([1., 2., 3.]))),
                                  np.float32([0.09003057, 0.24472848, 0.66524094]))  # was 4 ulps off


def test_float64_losses_keep_their_digits(session):
    x = tf.placeholder(tf.float64, [None, 1])
    loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.ones_like(tf.constant([[0.0]], tf.float64)) * x / x,
                                                   logits=x)
    value = session.run(loss, {x: [[40.0]]})[0, 0]
    assert value == pytest.approx(4.248354255291589e-18, rel=1e-15)  # log1p(exp(-40)); softplus(40) - 40 = 0


def test_stable_nodes_differentiate_exactly_and_print_one_call():
    z = Placeholder("Z", (3, 4))
    weights = Variable("W", 0.0, shape=(3, 3))
    labels = Placeholder("C", (3, 4))
    logits = ops.matmul(weights, z)
    cost = (ops.sum(ops.hadamard(labels, Softmax(logits, 0))) + ops.sum(ops.hadamard(labels, LogSoftmax(logits, 0)))
            + ops.sum(LogisticLoss(logits, labels)))
    function = compile_expr(cost, weights)
    assert "softmax(t0, axis=0)" in function.source and "logistic_loss(t0, C)" in function.source
    rng = np.random.default_rng(0)
    data = {"Z": rng.normal(size=(3, 4)), "C": rng.uniform(size=(3, 4))}
    w = rng.normal(size=(3, 3))
    value, grad = function(W=w, **data)

    def reference(w):
        a = w @ data["Z"]
        shifted = a - a.max(axis=0)
        s = np.exp(shifted) / np.exp(shifted).sum(axis=0)
        logistic = np.logaddexp(0, a) - a * data["C"]
        return (data["C"] * s).sum() + (data["C"] * np.log(s)).sum() + logistic.sum()

    assert value == pytest.approx(reference(w), rel=1e-12)
    step = 1e-6
    numeric = np.array([[(reference(w + step * np.eye(3)[i][:, None] * np.eye(3)[j])
                          - reference(w - step * np.eye(3)[i][:, None] * np.eye(3)[j])) / (2 * step)
                         for j in range(3)] for i in range(3)])
    np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-8)


def test_log1p_and_expm1_do_not_cancel_near_zero(session):
    x = tf.placeholder(tf.float32, [None])
    points = np.float32([1e-7, 1e-5, 0.5, -0.5])
    values = session.run([tf.log1p(x), tf.expm1(x), tf.gradients(tf.reduce_sum(tf.log1p(x) + tf.expm1(x)), x)[0]],
                         {x: points})
    exact = points.astype(np.float64)
    np.testing.assert_allclose(values[0], np.log1p(exact), rtol=1.2e-7)  # log(1 + 1e-7) in float32 is 19 % off
    np.testing.assert_allclose(values[1], np.expm1(exact), rtol=1.2e-7)
    np.testing.assert_allclose(values[2], 1 / (1 + exact) + np.exp(exact), rtol=2.4e-7)


def test_elu_has_tf_values(session):
    x = tf.placeholder(tf.float32, [None])
    y = tf.nn.elu(x)
    value, grad = session.run([y, tf.gradients(tf.reduce_sum(y), x)[0]], {x: [-1., 0., 2., -20., -1e-6]})
    np.testing.assert_array_equal(value[:4], np.float32([-0.63212055, 0., 2., -1.]))  # TF's
    assert value[4] == np.float32(-1.0132789611816406e-06)  # TF 2.21: exp(x) - 1 with exp correctly rounded
    np.testing.assert_allclose(grad[:3], [0.36787945, 1.0, 1.0], rtol=1.2e-7)  # TF's; at -20 TF's expm1 + 1 is 0
    assert str(tf.nn.elu(tf.constant([1.0]))) == 'Tensor("Elu_1:0", shape=(1,), dtype=float32)'
