"""final46a2 46a2-13: a deferred tf.where(condition, x, y) of a NumPy / list x and a shape-less placeholder y is
labelled with the dtype it is fetched in (y's, to which where converts x, as for a y of known shape); TF 2.21 gives
float32 for a list of floats beside a float32 y and float64 for a float64 array beside a float64 y.  (The other two
mixes, a float64 array beside a float32 y and a list beside a float64 y, are TF 2.21's TypeError:
test_fix47a_where_operand_dtypes.)"""
import numpy as np
import pytest

import symopt.compat.v1 as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()
    yield
    tf.reset_default_graph()


@pytest.mark.parametrize("x, y_dtype", [([1., 2.], tf.float32), (np.array([1., 2.]), tf.float64)])
def test_deferred_where_is_labelled_as_fetched(x, y_dtype):
    y = tf.placeholder(y_dtype)
    chosen = tf.where(tf.greater(y, tf.zeros_like(y)), x, y)
    value = tf.Session().run(chosen, {y: np.array([1, -1], y_dtype.name)})
    assert chosen.dtype == y_dtype
    assert value.dtype == np.dtype(y_dtype.name)
    np.testing.assert_array_equal(value, [1., -1.])  # hand NumPy: np.where([True, False], x, [1, -1])
