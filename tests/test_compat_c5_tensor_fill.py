"""A value given with a shape is laid out by TF1's rule (g-probe G10): ``tf.constant_initializer([1, 2, 3])`` for
shape ``[2, 3]`` fills the rest with the last entry, where symopt broadcast the row silently; ``tf.constant(list,
shape=)`` (TF's own docstring example) raised NumPy's ValueError.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph, run  # noqa: F401 - an autouse fixture


def test_constant_initializer_fills_with_the_last_entry_as_tf1():
    made = {name: tf.get_variable(name, shape=shape, initializer=tf.constant_initializer(value))
            for name, shape, value in [("a", [2, 3], [1.0, 2.0, 3.0]), ("b", [2, 3], [[1.0], [2.0]]),
                                       ("c", [2, 2], [1.0, 2.0]), ("d", [2, 3], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]),
                                       ("f", [3], 7.0)]}
    values = {name: array.tolist() for name, array in run(made).items()}
    assert values == {"a": [[1, 2, 3], [3, 3, 3]], "b": [[1, 2, 2], [2, 2, 2]], "c": [[1, 2], [2, 2]],
                      "d": [[1, 2, 3], [4, 5, 6]], "f": [7, 7, 7]}  # TF 2.21 tf.compat.v1
    assert run(tf.constant_initializer([1.0, 2.0])([3])).tolist() == [1.0, 2.0, 2.0]
    with pytest.raises(ValueError, match="Too many elements provided. Takes at most 4, but got 5."):  # TF 2.21
        tf.get_variable("e", shape=[2, 2], initializer=tf.constant_initializer([1.0, 2.0, 3.0, 4.0, 5.0]))
    with pytest.raises(TypeError, match=r"Expected Tensor's shape: \(3,\), but got \(2,\)."):  # TF 2.21
        tf.constant_initializer([1.0, 2.0], verify_shape=True)([3])


def test_constant_with_a_shape_lays_the_value_out_as_tf1():
    # TF 2.21 tf.compat.v1
    assert run(tf.constant([1, 2, 3, 4, 5, 6], shape=[2, 3])).tolist() == [[1, 2, 3], [4, 5, 6]]
    assert run(tf.constant([1.0, 2.0], shape=[4])).tolist() == [1.0, 2.0, 2.0, 2.0]
    assert run(tf.constant([[1.0, 2.0], [3.0, 4.0]], shape=[4])).tolist() == [1.0, 2.0, 3.0, 4.0]
    assert run(tf.constant([1.0, 2.0], shape=[2, 1])).tolist() == [[1.0], [2.0]]
    assert run(tf.constant([], shape=[2])).tolist() == [0.0, 0.0]
    assert run(tf.Variable(tf.constant([0.1, 0.2, 0.3, 0.4], shape=[2, 2]))).tolist() == \
        np.float32([[0.1, 0.2], [0.3, 0.4]]).tolist()
    with pytest.raises(ValueError, match="Too many elements provided. Takes at most 2, but got 3."):
        tf.constant([1.0, 2.0, 3.0], shape=[2])
    with pytest.raises(TypeError, match=r"Expected Tensor's shape: \(4,\), but got \(2,\)."):
        tf.constant([1.0, 2.0], shape=[4], verify_shape=True)
