"""A ``[None]`` placeholder against a variable of fixed length takes that length in every broadcasting op, as TF1's
static shape (probe37 P37-3): ``tf.equal``, ``tf.maximum``, ``tf.minimum``, ``<=``, ``>=``, ``tf.clip_by_value`` and
``tf.nn.sigmoid_cross_entropy_with_logits`` refused it (``UnsupportedOperationError`` / a ``ShapeError`` naming the
internal shapes ``(5, 1)`` and ``(m, 1)``), where ``-``, ``tf.less`` and ``tf.where`` ran.

The values were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the same programs
(/work/wt/probe37/r_none_vs_fixed.py, r_none_vs_fixed_losses.py); TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.errors import InvalidArgumentError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

SCORES = [1.0, 2.0, 0.5, 3.0, -1.0]
#: op -> (build of (p, t), TF 2.21's value fed t = ones(5))
OPS = {
    "equal": (lambda p, t: tf.equal(p, t), [True, False, False, False, False]),
    "maximum": (lambda p, t: tf.maximum(p, t), [1.0, 2.0, 1.0, 3.0, 1.0]),
    "minimum": (lambda p, t: tf.minimum(t, p), [1.0, 1.0, 0.5, 1.0, -1.0]),
    "less_equal": (lambda p, t: p <= t, [True, False, True, False, True]),
    "greater_equal": (lambda p, t: t >= p, [True, False, True, False, True]),
    "clip": (lambda p, t: tf.clip_by_value(t, -1.0, p), [1.0, 1.0, 0.5, 1.0, -1.0]),
}


@pytest.mark.parametrize("op", sorted(OPS))
def test_a_none_placeholder_takes_the_fixed_length(op):
    build, expected = OPS[op]
    p, t = tf.Variable(SCORES), tf.placeholder(tf.float32, [None])
    result = build(p, t)
    assert result.shape.as_list() == [5]  # TF1's static shape
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(s.run(result, {t: np.ones(5, np.float32)}), expected)
        np.testing.assert_array_equal(s.run(result, {t: np.ones(1, np.float32)}), expected)  # length 1 broadcast
        with pytest.raises(InvalidArgumentError):
            s.run(result, {t: np.ones(3, np.float32)})


def test_losses_of_a_none_placeholder_against_fixed_logits():
    p, t = tf.Variable(SCORES), tf.placeholder(tf.float32, [None])
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.round(p), t), tf.float32))
    xent = tf.nn.sigmoid_cross_entropy_with_logits(labels=t, logits=p)
    gradient = tf.gradients(tf.reduce_sum(xent) + tf.reduce_sum(tf.maximum(p, t)), p)[0]
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        values = s.run([accuracy, xent, gradient], {t: [1.0, 1.0, 0.0, 1.0, 0.0]})
    assert values[0] == np.float32(0.4)  # TF 2.21
    np.testing.assert_allclose(values[1], [0.3132617, 0.126928, 0.974077, 0.04858735, 0.3132617], rtol=1e-6)
    sigmoid = 1 / (1 + np.exp(-np.float64(SCORES)))  # hand: sigma(p) - t, plus 1 where p >= t
    np.testing.assert_allclose(values[2], sigmoid - [1, 1, 0, 1, 0] + np.greater_equal(SCORES, [1, 1, 0, 1, 0]),
                               rtol=1e-6)
