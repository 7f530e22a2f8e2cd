"""``tf.clip_by_global_norm`` of the gradients of a net with ``tf.nn.elu`` / ``selu`` / ``relu6`` (b-probe B5), and a
scalar ``tf.where`` / ``tf.maximum`` / ``tf.cond`` of a loss computed through them: SymPy's ``Piecewise`` folded the
elementwise function's own ``Piecewise`` into its condition, leaving the function's bound variable free
(``FailedPreconditionError: Attempting to use uninitialized value _x`` at every step); now they train as TF1.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

FEED = (np.float32([[1, 2], [3, -4], [0, 1]]), np.float32([[1], [0], [2]]))

TF1 = {  # TF 2.21 tf.compat.v1: (loss, global norm) of 3 clipped steps, then w2 and w1
    "elu": ([(0.6192779, 1.0245948), (0.5826904, 0.73214), (0.55670404, 0.7120313)],
            [0.9821183085441589, 2.0216169357299805],
            [0.9851750135421753, -0.5814824104309082, 0.2909502387046814, 0.26967349648475647]),
    "selu": ([(1.1126909, 4.4962516), (0.7888854, 2.1358263), (0.69081664, 0.85125655)],
             [1.078370213508606, 1.9602426290512085],
             [1.108513593673706, -0.5270510315895081, 0.1882176697254181, 0.21662847697734833]),
    "relu6": ([(1.7633333, 7.012171), (1.1690192, 4.9513254), (0.7729926, 3.1026702)],
              [0.9004836082458496, 2.0118374824523926],
              [0.8200962543487549, -0.5286712646484375, 0.49904167652130127, 0.2460319548845291]),
}


@pytest.mark.parametrize("activation", list(TF1))
def test_clipping_the_global_norm_of_gradients_through_piecewise_activations(activation):
    X, y = tf.placeholder(tf.float32, [None, 2]), tf.placeholder(tf.float32, [None, 1])
    w1 = tf.Variable(np.float32([[1.0, -0.5], [0.3, 0.2]]))
    w2 = tf.Variable(np.float32([[1.0], [2.0]]))
    h = getattr(tf.nn, activation)(tf.matmul(X, w1))
    loss = tf.reduce_mean(tf.square(tf.matmul(h, w2) - y))
    opt = tf.train.GradientDescentOptimizer(0.05)
    gv = opt.compute_gradients(loss)
    grads, norm = tf.clip_by_global_norm([g for g, v in gv], 2.0)
    train = opt.apply_gradients(zip(grads, [v for g, v in gv]))
    steps, w2_after, w1_after = TF1[activation]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for expected in steps:
            np.testing.assert_allclose(sess.run([train, loss, norm], dict(zip((X, y), FEED)))[1:], expected,
                                       rtol=1e-6)
        np.testing.assert_allclose(sess.run(w2).ravel(), w2_after, rtol=1e-6)
        np.testing.assert_allclose(sess.run(w1).ravel(), w1_after, rtol=1e-6)


def test_scalar_choices_and_a_cond_of_an_elu_loss():
    X = tf.placeholder(tf.float32, [None, 2])
    w1 = tf.Variable(np.float32([[1.0, -0.5], [0.3, 0.2]]))
    loss = tf.reduce_mean(tf.nn.elu(tf.matmul(X, w1)))
    out = tf.cond(loss > 0.1, lambda: loss * 2.0, lambda: loss)
    gradient = tf.gradients(out, w1)[0]
    train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.maximum(loss, -1.0) + out)
    feed = {X: FEED[0]}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = sess.run([out, tf.where(loss > 0.1, 0.1, 0.2), tf.maximum(loss, 0.3)], feed)
        np.testing.assert_allclose(values, [0.96836543, 0.1, 0.48418272], rtol=1e-6)  # TF 2.21 tf.compat.v1
        np.testing.assert_allclose(sess.run(gradient, feed), [[1.3333334, 0.40187132], [-0.33333334, 0.8028799]],
                                   rtol=1e-6)  # TF 2.21 tf.compat.v1
        sess.run(train, feed)
        np.testing.assert_allclose(sess.run(w1), [[0.8, -0.5602807], [0.35000002, 0.07956803]],
                                   rtol=1e-6)  # TF 2.21 tf.compat.v1
