"""P69-4: integer random tensors are TF1's errors, never silent (near-)zero integers.

Oracle: TF 2.21 ``tf.compat.v1`` (graph mode), whose messages are quoted below:
``tf.truncated_normal([2, 3], stddev=0.1, dtype=tf.int32)`` / ``tf.random_normal([2, 3], dtype=tf.int32)``:
``TypeError: Expected int32, but got 0.0 of type 'float'.``;
``tf.random_uniform([2, 3], dtype=tf.int32)``: ``ValueError: Must specify maxval for integer dtype tf.int32``;
``tf.random_uniform([2, 3], maxval=5.0, dtype=tf.int32)``: ``TypeError: Expected int32, but got 5.0 of type 'float'.``;
``tf.random_uniform([2, 3], maxval=5, dtype=tf.int32)`` builds an int32 tensor.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import SymoptError

from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


@pytest.mark.parametrize("make", [
    lambda: tf.truncated_normal([2, 3], stddev=0.1, dtype=tf.int32),
    lambda: tf.random_normal([2, 3], dtype=tf.int32),
    lambda: tf.Variable(tf.truncated_normal([2, 3], stddev=0.1, dtype=tf.int32)),
    lambda: tf.random.normal([2, 3], dtype=tf.int64),
])
def test_integer_normal_is_tf1_type_error(make):
    with pytest.raises(TypeError, match=r"Expected int(32|64), but got 0\.0 of type 'float'") as info:
        make()
    assert isinstance(info.value, SymoptError) and "tf.cast" in str(info.value)
    assert not tf.get_default_graph().get_operations()  # refused before anything was added


def test_integer_uniform_without_maxval_is_tf1_value_error():
    with pytest.raises(ValueError, match="Must specify maxval for integer dtype tf.int32") as info:
        tf.random_uniform([2, 3], dtype=tf.int32)
    assert isinstance(info.value, SymoptError) and "maxval=n" in str(info.value)


def test_integer_uniform_float_bound_is_tf1_type_error():
    with pytest.raises(TypeError, match=r"Expected int32, but got 5\.0 of type 'float'"):
        tf.random_uniform([2, 3], maxval=5.0, dtype=tf.int32)


def test_integer_uniform_with_int_bounds_still_draws_integers():
    drawn = tf.Session().run(tf.random_uniform([200], minval=2, maxval=5, dtype=tf.int32, seed=1))
    assert drawn.dtype == np.int32 and set(drawn.tolist()) == {2, 3, 4}
