"""A NumPy function given a tensor raises TF1's ``NotImplementedError`` (probe22 H7), where NumPy held the tensor as
one object and computed something else silently: ``np.dot(x, W)`` (meant ``tf.matmul``) was the broadcast product
``x * W``, ``np.sum(t)`` the tensor itself, ``np.argmax(t)`` the number 0.  ``ndarray * tensor`` and the like still
build the tensor's op, as in TF1.

TF 2.21's ``tf.compat.v1`` in graph mode printed the messages (/work/wt/probe22/t4.py and /tmp/c18_h7.py of compat18's
session); TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

REFUSED = r"Cannot convert a symbolic tf.Tensor \({}\) to a numpy array. This error may indicate that you're trying to " \
          r"pass a Tensor to a NumPy call, which is not supported"
CALLS = {
    "dot": lambda x, W, c: np.dot(x, W), "matmul": lambda x, W, c: np.matmul(x, W),
    "sum": lambda x, W, c: np.sum(c), "argmax": lambda x, W, c: np.argmax(c), "size": lambda x, W, c: np.size(c),
    "array": lambda x, W, c: np.array(c), "mean": lambda x, W, c: np.mean(c), "exp": lambda x, W, c: np.exp(c),
    "square": lambda x, W, c: np.square(c), "maximum": lambda x, W, c: np.maximum(c, 0),
    "reshape": lambda x, W, c: np.reshape(c, [2, 1]), "concatenate": lambda x, W, c: np.concatenate([c, c]),
}


@pytest.mark.parametrize("call", sorted(CALLS))
def test_a_numpy_function_of_a_tensor_is_tf1s_error(call):
    x = tf.placeholder(tf.float32, [None, 2])
    W = tf.Variable([[1.0], [2.0]])
    c = tf.constant([1.0, 2.0])
    name = "Placeholder:0" if call in ("dot", "matmul") else "Const:0"
    with pytest.raises(NotImplementedError, match=REFUSED.format(name)):
        CALLS[call](x, W, c)


def test_the_mistaken_linear_regression_fails_where_it_is_written():
    x = tf.placeholder(tf.float32, [None, 2])
    W = tf.Variable([[1.0], [2.0]])
    with pytest.raises(NotImplementedError, match="tf.matmul"):
        np.dot(x, W)  # was the (2, 2) product x * W, whose "loss" minimize trained


def test_membership_and_a_constant_of_tensors_are_tf1s_type_errors():
    c = tf.constant([1.0, 2.0])
    with pytest.raises(TypeError, match="argument of type 'Tensor' is not iterable"):
        1.0 in c  # noqa: B015 - the test is the refusal
    with pytest.raises(TypeError, match="Expected any non-tensor type, but got a tensor instead"):
        tf.constant([c, c])


def test_numpy_operands_still_build_the_tensors_ops():
    c = tf.constant([1.0, 2.0])
    W = tf.Variable([[1.0], [2.0]])
    built = [np.array([1.0, 2.0], np.float32) * c, np.ones(2, np.float32) + c, np.float32(2.0) * c,
             np.array([3.0, 4.0], np.float32) - c, np.ones((3, 2), np.float32) @ W, tf.convert_to_tensor([c, c])]
    assert all(isinstance(t, tf.Tensor) for t in built)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        values = s.run(built)
    np.testing.assert_array_equal(values[0], [1.0, 4.0])
    np.testing.assert_array_equal(values[1], [2.0, 3.0])
    np.testing.assert_array_equal(values[2], [2.0, 4.0])
    np.testing.assert_array_equal(values[3], [2.0, 2.0])
    np.testing.assert_array_equal(values[4], [[3.0], [3.0], [3.0]])
    np.testing.assert_array_equal(values[5], [[1.0, 2.0], [1.0, 2.0]])


def test_a_list_of_tensors_is_packed_as_tf1_packs_it():
    """``tf.Variable([a, b])`` and ``tf.assign(v, [a, b])`` of scalar tensors: TF1 packs the list (``tf.stack``);
    with ``Tensor.__array__`` refusing NumPy, symopt must pack it too, never hand the tensors to NumPy."""
    a, b = tf.constant(1.0), tf.constant(2.0)
    v = tf.Variable([a, b])
    u = tf.Variable([0.0, 0.0])
    update = tf.assign(u, [b, a])
    squares = tf.squared_difference([a, b], 1.0)  # TF 2.21: [0., 1.]
    g = tf.get_variable("g", initializer=[a, b])
    added = tf.assign_add(tf.Variable([0.0, 0.0]), [a, b])
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(s.run(v), [1.0, 2.0])
        np.testing.assert_array_equal(s.run(update), [2.0, 1.0])
        np.testing.assert_array_equal(s.run(g), [1.0, 2.0])
        np.testing.assert_array_equal(s.run(added), [1.0, 2.0])
        np.testing.assert_array_equal(s.run(squares), [0.0, 1.0])
