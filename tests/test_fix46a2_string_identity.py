"""final46a 46a-12: tf.identity of a string tensor is that string (TF 2.21: ``b'abc'``), alone and beside a metric
update; tf.placeholder_with_default of a string is a typed refusal (both were a bare AttributeError in the
compiler).  Oracle: TF 2.21 ``tf.compat.v1`` graph mode (/work/wt/final46a/strs.py, printed values copied here)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def test_identity_of_a_string_is_the_string():
    y = tf.placeholder(tf.int32)
    _, update = tf.metrics.mean(tf.cast(y, tf.float32))
    text = tf.identity(tf.constant("abc"))
    sess = tf.Session()
    sess.run(tf.local_variables_initializer())
    assert sess.run(text) == b"abc"  # TF 2.21
    value, _ = sess.run([text, update], {y: np.array([0, 1], np.int32)})
    assert value == b"abc"


def test_placeholder_with_default_of_a_string_is_refused_typed():
    with pytest.raises(UnsupportedOperationError, match="string"):
        tf.placeholder_with_default("dflt", ())
