"""Scalar tensors are computed in the association the program writes, op by op as TF1 (probe28 P28-5).

SymPy flattens ``(a + b) - c`` into one sum and ``a * (b / c)`` into one product, which the generated code then
computes in SymPy's order: ``(a + b) - c`` of float32 0.1, 0.2, 0.3 was -1.49e-08 (TF1: 0.0), so it was neither
``== 0``, ``< 0`` nor ``> 0``; ``a * (b / c)`` of 1e20, 1e20, 1e30 overflowed to ``inf`` on ``a * b`` (TF1: 1e10).
Vectors kept TF1's order already.

Every expected value below was printed by TensorFlow 2.21's ``tf.compat.v1`` (graph mode, ``disable_v2_behavior``)
running the same program in a separate environment; TensorFlow is not needed here.
"""

import math

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def _values(tensors, feed=None):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(tensors, feed)


def test_a_difference_of_a_sum_is_tf1s_and_its_comparisons_agree():
    a, b, c = tf.Variable(0.1), tf.Variable(0.2), tf.Variable(0.3)
    s2 = (a + b) - c
    assert _values([s2, tf.equal(s2, 0.), s2 > 0., s2 < 0.]) == [0.0, True, False, False]  # was -1.49e-08, F, F, F


def test_scalar_placeholders_keep_the_association():
    sa, sb, sc = (tf.placeholder(tf.float32, []) for _ in range(3))
    s2 = (sa + sb) - sc
    assert _values([s2, tf.equal(s2, 0.)], {sa: 0.1, sb: 0.2, sc: 0.3}) == [0.0, True]


def test_products_keep_the_parentheses_that_keep_them_in_range():
    u, v, w = tf.Variable(1e20), tf.Variable(1e20), tf.Variable(1e30)
    big = tf.Variable(1e8)
    values = _values([u * (v / w), u / w * v, (u * v) / w, (big * big) / big, ((big * big) / big) * 1e25])
    assert values == [1e10, 1e10, math.inf, 1e8, np.float32(1e33)]  # was inf, inf, inf, 1e8, inf


def test_other_associations_as_tf1():
    a, b, c = tf.Variable(0.1), tf.Variable(0.2), tf.Variable(0.3)
    values = _values([(a + 1.) + b, a - (b + c), a * -b, (a * b) / 3., ((a + b) + c) + a])
    assert values == [np.float32(1.3000001), np.float32(-0.4), np.float32(-0.020000001), np.float32(0.0066666673),
                      np.float32(0.70000005)]


def test_gradients_through_the_held_sums():
    a, b, c = tf.Variable(0.1), tf.Variable(0.2), tf.Variable(0.3)
    u, v, w = tf.Variable(1e20), tf.Variable(1e20), tf.Variable(1e30)
    grads = tf.gradients((a + b) - c, [a, b, c]) + tf.gradients(u * (v / w), [u, v])
    assert [float(g) for g in _values(grads)] == [1.0, 1.0, -1.0, 1.000000013351432e-10, 1.000000013351432e-10]
