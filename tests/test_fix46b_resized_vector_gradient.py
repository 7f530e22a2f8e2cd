"""45b-11: tf.gradients with respect to a ``[None]`` placeholder read at the known length 4 of a constant it meets
(``x - c``, sigmoid cross-entropy) was refused ("broadcast from one row"); TF 2.21 computes it."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.errors import InvalidArgumentError

X = np.array([0.3, -1, 2, 0.5], np.float32)
LABELS = [1., 0, 1, 0]

# TF 2.21 tf.compat.v1 (graph mode) gradients, /work/wt/final45b/t_vec.py run with tf (rounded to 6 places)
CASES = {
    "sub": (lambda x: tf.reduce_sum(tf.square(x - tf.constant(LABELS))), [-1.4, -2.0, 2.0, 1.0]),
    "sigmoid_xent": (lambda x: tf.reduce_sum(tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.constant(LABELS),
                                                                                      logits=x)),
                     [-0.4255580008029938, 0.2689409852027893, -0.11920300126075745, 0.6224589943885803]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_gradient_of_vector_placeholder_read_at_constant_length(case):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None])
    build, expected = CASES[case]
    (gradient,) = tf.gradients(build(x), x)
    with tf.Session() as session:
        np.testing.assert_allclose(session.run(gradient, {x: X}), expected, atol=2e-6)


def test_length_one_feed_is_refused_once_a_gradient_reads_it():
    # its gradient would need the broadcast summed: a typed shape error instead of a gradient of length 4
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None])
    (gradient,) = tf.gradients(tf.reduce_sum(tf.square(x - tf.constant(LABELS))), x)
    with tf.Session() as session, pytest.raises(InvalidArgumentError, match=r"feed a value of shape \[4\]"):
        session.run(gradient, {x: X[:1]})
