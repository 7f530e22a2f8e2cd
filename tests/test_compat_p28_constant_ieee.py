"""Ops on scalar float constants are computed as TF1's kernels compute them: IEEE arithmetic in the tensor's dtype,
one rounding per op (probe28 P28-2, P28-3, P28-4).

They were folded by SymPy: in float64 (or more) for float32 constants, so ``0.1 + 0.2 == 0.3`` was False, ``1e8 +
1 - 1e8`` was 1 and ``log(exp(89.))`` did not overflow; and decided by SymPy's ``evalf``, which gives a difference
that cancels, ``1 - sigmoid(20)``, as ``0.e-125``: its ``log`` was a made-up -288.3492 (TF1: ``-inf``), its sign
+1, and a comparison, ``tf.where``, ``tf.cond``, ``tf.maximum``, ``tf.cast``, ``%`` of it crashed inside SymPy.

Every expected value below was printed by TensorFlow 2.21's ``tf.compat.v1`` (graph mode, ``disable_v2_behavior``)
running the same expression in a separate environment; TensorFlow is not needed here.
"""

import math

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

c = tf.constant


def c64(value):
    return tf.constant(value, tf.float64)


def p():
    """A saturated prediction's complement, ``1 - sigmoid(20)``: TF1's float32 value is exactly 0."""
    return c(1.) - tf.sigmoid(c(20.))


def _run(tensor, feed=None):
    with tf.Session() as sess:
        return sess.run(tensor, feed)


# (expression, TF 2.21 tf.compat.v1's value)
SATURATED = [
    (lambda: tf.log(1. - tf.sigmoid(c(20.))), -math.inf),
    (lambda: -tf.log(1. - tf.sigmoid(c(20.))), math.inf),
    (lambda: (lambda y, yh: -(y * tf.log(yh) + (1 - y) * tf.log(1 - yh)))(c(0.), tf.sigmoid(c(20.))), math.inf),
    (lambda: tf.log(1. - tf.sigmoid(c64(40.))), -math.inf),
    (lambda: tf.sign(p()), 0.0),
    (lambda: tf.sign(tf.sigmoid(c(20.)) - c(1.)), 0.0),
    (lambda: c64(1.) / (c64(1.) - tf.sigmoid(c64(40.))), math.inf),
    (lambda: tf.is_finite(tf.log(p())), False),
    (lambda: tf.log(c(1.) + tf.nn.elu(c(-30.))), -math.inf),
]


@pytest.mark.parametrize("index", range(len(SATURATED)))
def test_a_cancelled_constant_is_tf1s_zero_not_evalfs(index):
    build, expected = SATURATED[index]
    assert _run(build()) == expected  # was -288.3492, 317.4614, 1.0, 4.23e+124, True, -30.0


FLOAT32 = [
    (lambda: tf.equal(c(0.1) + c(0.2), c(0.3)), True),
    (lambda: (c(0.1) + 0.2) - 0.3, 0.0),
    (lambda: c(1e8) + c(1.) - c(1e8), 0.0),
    (lambda: c(16777216.) + c(1.) + c(1.), 16777216.0),
    (lambda: c(1.) - tf.cos(c(1e-5)), 0.0),
    (lambda: c(1e20) * c(1e20) / c(1e30), math.inf),
    (lambda: tf.log(tf.exp(c(89.))), math.inf),
    (lambda: tf.sqrt(tf.square(c(1e20))), math.inf),
    (lambda: tf.log(tf.exp(c64(710.))), math.inf),
    (lambda: c64(1e200) * c64(1e200) / c64(1e300), math.inf),
    (lambda: c64(1 / 3) * 3, 1.0),
    (lambda: c(2048., tf.float16) + c(1., tf.float16), 2048.0),
    (lambda: c(300., tf.float16) * c(300., tf.float16), math.inf),
]


@pytest.mark.parametrize("index", range(len(FLOAT32)))
def test_each_op_is_rounded_to_its_dtype(index):
    build, expected = FLOAT32[index]
    tensor = build()
    value = _run(tensor)
    assert value == expected  # was False, -7.45e-09, 1.0, 16777218.0, 5e-11, 1e10, 89.0, 1e20, 710.0, 1e100, ...
    assert np.asarray(value).dtype == np.dtype(tensor.dtype.name)


def test_the_fold_reaches_fed_tensors_as_tf1():
    x = tf.placeholder(tf.float32, [None])
    feed = {x: [1., 2.]}
    assert _run(x * tf.log(p()), feed).tolist() == [-math.inf, -math.inf]  # was [-288.35, -576.70]
    assert _run(x + (c(1e8) + c(1.) - c(1e8)), feed).tolist() == [1., 2.]  # was [2., 3.]
    assert _run(x * ((c(0.1) + c(0.2)) - c(0.3)), feed).tolist() == [0., 0.]  # was [-7.45e-09, -1.49e-08]


def test_a_signed_zero_and_an_integer_keep_their_values():
    value = _run(tf.round(c(-0.2)))
    assert value == 0 and np.signbit(value)  # TF 2.21: -0.0
    assert _run(tf.square(c(50000))) == -1794967296  # int32 wraps, TF 2.21


# (expression, TF 2.21 tf.compat.v1's value): each was a bare SymPy TypeError / AttributeError / ValueError
DECISIONS = [
    (lambda: p() > 0., False),
    (lambda: p() >= 0., True),
    (lambda: tf.where(p() > 0, c(1.), c(-1.)), -1.0),
    (lambda: tf.cond(p() > 0, lambda: c(1.), lambda: c(-1.)), -1.0),
    (lambda: tf.log(tf.maximum(p(), c(1e-30))), np.float32(-69.07755)),
    (lambda: tf.cast(p(), tf.int32), 0),
    (lambda: tf.nn.relu(tf.sigmoid(c(20.)) - c(1.)), 0.0),
    (lambda: c(1.) % (p() + 1.), 0.0),
    (lambda: tf.logical_and(p() > 0, True), False),
    (lambda: c(1.) // p(), math.inf),
]


@pytest.mark.parametrize("index", range(len(DECISIONS)))
def test_decisions_on_a_cancelled_constant_are_tf1s(index):
    build, expected = DECISIONS[index]
    assert _run(build()) == expected


def test_vectors_and_matrices_of_constants_round_each_op_too():
    values = _run([tf.equal(c([0.1]) + c([0.2]), c([0.3])), tf.equal(c([0.1, 0.7]) * 3., c([0.3, 2.1])),
                   c([0.1, 1e8, 16777216.]) + c([0.2, 1., 1.]) + c([0., -1e8, 1.]),
                   c([[1e20, 2.], [3., -0.]]) * c([1e20, 0.]) / c(1e30),
                   c([1., 2.], tf.float16) * c(3e4, tf.float16)])
    assert values[0].tolist() == [True] and values[1].tolist() == [True, True]  # TF 2.21 (was False)
    assert values[2].tolist() == [np.float32(0.30000001), 0.0, 16777216.0]  # was [0.3, 1.0, 16777218.0]
    assert values[3].tolist() == [[math.inf, 0.0], [np.float32(3e-10), 0.0]] and np.signbit(values[3][1, 1])
    assert values[4].tolist() == [30000.0, 60000.0] and values[4].dtype == np.float16
