"""probe11 U5, U17: refusals that name a rewrite the user can make: a vector exponent (the RL discount factors
``0.9 ** t``) is ``tf.exp(t * math.log(0.9))``; picking each row's chosen action from a flattened batch is
``tf.gather_nd`` of row numbers beside the actions.  The rewrites give TF 2.21's values."""

import math

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def test_a_vector_exponent_names_the_exp_log_rewrite():
    t = tf.cast(tf.range(4), tf.float32)
    with pytest.raises(UnsupportedOperationError, match=r"a scalar tensor exponent is\); .*tf\.exp\(y \* tf\.log\(x\)\)"):
        tf.pow(0.9, t)
    with tf.Session() as session:
        np.testing.assert_allclose(session.run(tf.exp(t * math.log(0.9))),
                                   np.float32([1.0, 0.9, 0.80999994, 0.7289999]), rtol=3e-7)  # TF 2.21's tf.pow


def test_a_gather_from_a_flattened_batch_names_gather_nd():
    logits = tf.placeholder(tf.float32, [None, 2])
    output = tf.nn.softmax(logits)
    actions = tf.placeholder(tf.int32, [None])
    indexes = tf.range(0, tf.shape(output)[0]) * tf.shape(output)[1] + actions
    with pytest.raises(UnsupportedOperationError, match=r"tf\.gather_nd\(rows, tf\.stack\(\[tf\.range"):
        tf.gather(tf.reshape(output, [-1]), indexes)
    picked = tf.gather_nd(output, tf.stack([tf.range(tf.shape(output)[0]), actions], axis=1))
    with tf.Session() as session:
        values = session.run(picked, {logits: [[0., 0.], [0., 1.]], actions: [1, 0]})
    np.testing.assert_allclose(values, np.float32([0.5, 0.26894143]), rtol=3e-7)
