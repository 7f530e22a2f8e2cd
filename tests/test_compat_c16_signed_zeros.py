"""An op on constants whose IEEE value is -0.0 is -0.0, as TF1's kernels give it (probe17 D2: ``tf.round(-1e-8)``
and ``tf.round(tf.constant(-0.2))`` were +0.0, so ``1.0 / tf.round(...)`` was ``inf`` where TF1 gives ``-inf``).

Every value was printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the same program
(/tmp/c16/rz.py of compat16's session); TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

#: case -> (the tensor, TF 2.21's value: its signbit matters)
GOLDENS = {
    "round_number": (lambda: tf.round(-1e-8), -0.0),
    "round_constant": (lambda: tf.round(tf.constant(-0.2)), -0.0),
    "round_half": (lambda: tf.round(-0.5), -0.0),
    "round_positive": (lambda: tf.round(0.2), 0.0),
    "round_float64": (lambda: tf.round(tf.constant(-0.3, tf.float64)), -0.0),
    "ceil_constant": (lambda: tf.ceil(tf.constant(-0.5)), -0.0),
    "product_by_zero": (lambda: tf.constant(-2.0) * 0.0, -0.0),
    "difference": (lambda: tf.constant(0.0) - 0.0, 0.0),
    "negated_zero": (lambda: -tf.constant(0.0), -0.0),
    "reciprocal_of_rounded": (lambda: 1.0 / tf.round(tf.constant(-0.2)), -np.inf),
}


@pytest.mark.parametrize("case", sorted(GOLDENS))
def test_signed_zeros_of_constants_are_tf1s(case):
    make, expected = GOLDENS[case]
    with tf.Session() as sess:
        value = sess.run(make())
    assert value == expected
    assert np.signbit(value) == np.signbit(expected)


def test_a_fed_and_a_vector_rounding_keep_the_sign_too():
    p = tf.placeholder(tf.float32, [])
    with tf.Session() as sess:
        assert np.signbit(sess.run(tf.round(p), {p: -1e-8}))
        assert np.signbit(sess.run(tf.round(tf.constant([-0.2, 0.3])))).tolist() == [True, False]
