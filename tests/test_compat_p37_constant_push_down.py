"""Numbers added to a vector one after the other are combined first, as TF 2.21's graph optimizer (constant
push-down) does (probe37 P37-2): ``1 - p + 1e-7`` is ``(1 + 1e-7) - p``, so ``tf.losses.log_loss`` of a saturated
prediction is TF1's (symopt computed ``(1 - p) + 1e-7`` op by op: the loss 1 % off, its gradient 12 %, and a
hand-written ``log(1 - p + 1e-10)`` finite where TF1's is ``-inf``).

The values were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the same programs
(/work/wt/probe37/r_const_pushdown.py, fix37's /tmp/p2t.py and /tmp/p2m.py); TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

A, B = 1.0, 1e-7
X = np.float32([1.0, 0.99999994])
#: form -> TF 2.21's value at X (float32, exact)
FORMS = {
    "(a-x)+b": (lambda x: (A - x) + B, [1.1920928955078125e-07, 1.7881393432617188e-07]),
    "(a-x)-b": (lambda x: (A - x) - B, [-1.1920928955078125e-07, -5.960464477539063e-08]),
    "(x-a)+b": (lambda x: (x - A) + B, [1.1920928955078125e-07, 5.960464477539063e-08]),
    "(x-a)-b": (lambda x: (x - A) - B, [-1.1920928955078125e-07, -1.7881393432617188e-07]),
    "(x+a)-b": (lambda x: (x + A) - B, [1.9999998807907104, 1.999999761581421]),
    "(a+x)-b": (lambda x: (A + x) - B, [1.9999998807907104, 1.999999761581421]),
    "b-(a-x)": (lambda x: B - (A - x), [1.1920928955078125e-07, 5.960464477539063e-08]),
    "b-(x-a)": (lambda x: B - (x - A), [1.1920928955078125e-07, 1.7881393432617188e-07]),
    "b+(x-a)": (lambda x: B + (x - A), [1.1920928955078125e-07, 5.960464477539063e-08]),
    "b-(x+a)": (lambda x: B - (x + A), [-1.9999998807907104, -1.999999761581421]),
    "(x+b)-a": (lambda x: (x + B) - A, [1.1920928955078125e-07, 5.960464477539063e-08]),
}


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("kind", ["vector", "matrix", "variable"])
def test_numbers_added_one_after_the_other_are_combined_as_tf1(form, kind):
    build, expected = FORMS[form]
    if kind == "variable":
        x, feed = tf.Variable(X), {}
    elif kind == "vector":
        x = tf.placeholder(tf.float32, [None])
        feed = {x: X}
    else:
        x = tf.placeholder(tf.float32, [None, 2])
        feed = {x: X.reshape(1, 2)}
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        value = s.run(build(x), feed)
    np.testing.assert_array_equal(value.ravel(), np.float32(expected))


def test_constants_that_cancel_are_folded_away():
    v = tf.placeholder(tf.float32, [None])
    with tf.Session() as s:
        values = s.run([v + 1e8 - 1e8, (v + 0.1) + 0.2, 1e8 - (1e8 - v)], {v: [100, 0.3, -2]})
    np.testing.assert_array_equal(values[0], np.float32([100.0, 0.30000001192092896, -2.0]))  # TF 2.21
    np.testing.assert_array_equal(values[1], np.float32([100.30000305175781, 0.6000000238418579, -1.7000000476837158]))
    np.testing.assert_array_equal(values[2], np.float32([100.0, 0.30000001192092896, -2.0]))


@pytest.mark.parametrize("backend", ["numpy", "jax"])
def test_log_loss_of_saturated_predictions_is_tf1s(backend):
    if backend == "jax":
        pytest.importorskip("jax")
    z, y = tf.placeholder(tf.float32, [None]), tf.placeholder(tf.float32, [None])
    p = tf.sigmoid(z)
    feed = {z: [20.0, 16.5, 3.0], y: [0.0, 0.0, 1.0]}  # two confident wrong predictions: p = 1.0, 0.99999994
    loss = tf.losses.log_loss(y, p)
    hand = -tf.reduce_mean(y * tf.log(p + 1e-10) + (1 - y) * tf.log(1 - p + 1e-10))
    fetches = [1 - p + 1e-7, tf.losses.log_loss(y, p, reduction=tf.losses.Reduction.NONE), loss,
               tf.gradients(loss, z)[0], hand]
    with tf.Session(config=tf.ConfigProto(backend=backend)) as s:
        eps, losses, mean, gradient, hand_value = s.run(fetches, feed)
    # TF 2.21 (symopt before: [1e-07 1.5960464e-07 ...], [16.118095 15.650566 ...], 10.60575, [0 0.12448394 ...],
    # 13.236098)
    np.testing.assert_array_equal(eps, np.float32([1.1920928955078125e-07, 1.7881393432617188e-07,
                                                   0.04742598533630371]))
    np.testing.assert_allclose(losses, [15.942384719848633, 15.536919593811035, 0.048587217926979065], rtol=2e-7)
    np.testing.assert_allclose(mean, 10.509297370910645, rtol=2e-7)
    np.testing.assert_allclose(gradient, [0.0, 0.1111111119389534, -0.015808619558811188], rtol=3e-7)
    assert hand_value == np.inf


def test_float16_numbers_are_not_pushed_down():
    """Grappler pushes no float16 constant down (final37 F37-2): ``1 - x + 1e-4`` keeps its epsilon at ``x = 1``,
    TF 2.21's ``[1e-4, 5.884e-4, 0.5]`` (symopt's push-down made it 0 there)."""
    x = tf.placeholder(tf.float16, [3])
    with tf.Session() as session:
        value = session.run(1 - x + tf.constant(1e-4, tf.float16), {x: np.float16([1.0, 0.9995, 0.5])})
    assert value.dtype == np.float16
    assert value.tolist() == np.float16([1e-4, 5.884e-4, 0.5]).tolist()
