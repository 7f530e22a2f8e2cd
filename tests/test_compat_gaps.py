"""TF1 compatibility gaps an independent probe found (F31, F40, F35 and missing names), each checked against
TF1's behaviour.  Literals marked "TF 2.21 compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in
graph mode (``disable_v2_behavior()``) in a separate environment; TensorFlow is not installed here."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.tensor_shape import UnknownDimensionError
from symopt.errors import SymoptError


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()
    yield


def run(fetches, feed=None):
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        return session.run(fetches, feed_dict=feed)


# ---------------------------------------------------------------- F31: Dimension objects

def test_get_shape_items_are_dimensions_with_value_as_tf1():
    x = tf.placeholder(tf.float32, [None, 3])
    shape = x.get_shape()
    batch, features = shape[0], shape[1]
    # TF 2.21 compat.v1: repr, str, .value of each dimension
    assert (repr(batch), str(batch), batch.value) == ("Dimension(None)", "?", None)
    assert (repr(features), str(features), features.value) == ("Dimension(3)", "3", 3)
    assert int(features) == 3 and features == 3 and features + 1 == 4 and list(range(features)) == [0, 1, 2]
    # TF 2.21 compat.v1: comparisons and arithmetic with an unknown dimension are unknown (None, '?')
    assert (batch == 3) is None and (batch != 3) is None and (batch == None) is None  # noqa: E711
    assert str(batch + 1) == "?" and str(features * batch) == "?"
    assert isinstance(batch, tf.Dimension) and isinstance(features, tf.Dimension)
    assert f"{batch} x {features}" == "? x 3"
    assert x.shape[1].value == 3 and x.shape[0].value is None


def test_dims_as_list_slices_and_dimension_value():
    shape = tf.TensorShape([None, 4, 2])
    assert repr(shape.dims) == "[Dimension(None), Dimension(4), Dimension(2)]"  # TF 2.21 compat.v1
    assert shape.as_list() == [None, 4, 2] and [d.value for d in shape.dims] == [None, 4, 2]
    tail = shape[1:]
    assert isinstance(tail, tf.TensorShape) and str(tail) == "(4, 2)" and tail.as_list() == [4, 2]
    assert tf.dimension_value(shape[0]) is None and tf.dimension_value(shape[2]) == 2
    assert tf.dimension_value(shape[1]) == 4 and tf.dimension_value(5) == 5
    assert tf.Dimension(3) == 3 and int(tf.Dimension(3)) == 3 and tf.Dimension(None).value is None
    with pytest.raises(IndexError):
        shape[5]
    unknown = tf.placeholder(tf.float32).get_shape()
    assert unknown.dims is None and unknown[0].value is None and unknown.ndims is None


def test_int_of_an_unknown_dimension_is_a_typed_error():
    batch = tf.placeholder(tf.float32, [None, 3]).get_shape()[0]
    with pytest.raises(UnknownDimensionError, match="unknown dimension") as caught:
        int(batch)
    assert isinstance(caught.value, SymoptError) and isinstance(caught.value, TypeError)


def test_shape_ops_keep_working_with_unknown_dimensions():
    x = tf.placeholder(tf.float32, [None, 3])
    rows = tf.placeholder(tf.float32, [3, None])
    assert x.get_shape().as_list() == [None, 3] and x.shape == (None, 3) and str(x.shape) == "(?, 3)"
    assert tf.matmul(x, rows).shape == (None, None)
    first, entry = x[0], x[1][2]
    values = run([first, entry, x + 1.0], {x: np.arange(6.0).reshape(2, 3)})
    assert values[0].tolist() == [0.0, 1.0, 2.0] and values[1] == 5.0 and values[2].shape == (2, 3)
    with pytest.raises(TypeError, match="only iterable when eager"):
        iter(x)
    with pytest.raises(ValueError, match=r"Can not squeeze dim\[0\], expected a dimension of 1, got \?"):
        tf.squeeze(x, axis=0)
    with pytest.raises(ValueError, match="known last dimension"):
        tf.layers.dense(rows, 2)
