"""final46a2 46a2-8: tf.layers.flatten / contrib flatten of a 2-D tensor of unknown width builds, runs and passes
gradients (values, names and shapes from TF 2.21 with TF_USE_LEGACY_KERAS=1, /work/wt/final46a2/fl3.py)."""
import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()
    yield
    tf.reset_default_graph()


@pytest.mark.parametrize("shape, rows", [([None, None], 3), ([2, None], 2)])
def test_flatten_of_unknown_width_is_its_rows(shape, rows):
    p = tf.placeholder(tf.float32, shape)
    flat = tf.layers.flatten(p)
    value = [[1., 2.], [3., 4.], [5., 6.]][:rows]
    assert flat.name == "flatten/Reshape:0"  # TF 2.21
    assert flat.shape.as_list() == shape  # TF 2.21
    assert tf.Session().run(flat, {p: value}).tolist() == value


def test_gradients_pass_through_flatten_of_unknown_width():
    p = tf.placeholder(tf.float32, [None, None])
    w = tf.Variable([[1.], [2.]])
    total = tf.reduce_sum(tf.matmul(tf.layers.flatten(p), w))
    grad_w, grad_p = tf.gradients(total, [w, p])
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    got_w, got_p = session.run([grad_w, grad_p], {p: [[1., 2.]]})
    assert got_w.tolist() == [[1.], [2.]]  # TF 2.21
    np.testing.assert_array_equal(got_p, [[1., 2.]])  # hand NumPy: d sum(p @ w) / dp = w.T


def test_contrib_flatten_of_unknown_width():
    p = tf.placeholder(tf.float32, [None, None])
    flat = tf.contrib.layers.flatten(p)
    assert flat.name == "Flatten/flatten/Reshape:0"  # TF 1.15's contrib body: Flatten scope around tf.layers.flatten
    assert tf.Session().run(flat, {p: [[1., 2.]]}).tolist() == [[1., 2.]]


def test_flatten_of_unknown_rank_says_to_give_a_shape():
    """final46a2 46a2-12: the rank is unknown, not under 1 (TF 2.21 flattens it when run: not supported here)."""
    with pytest.raises(UnsupportedOperationError, match=r"rank is unknown .* give it a shape"):
        tf.layers.flatten(tf.placeholder(tf.float32))
