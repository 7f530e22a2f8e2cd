"""probe56 P56-2 .. P56-7, P56-11: reductions, ``tf.reverse`` and ``tf.squeeze`` check their axes as TF1 does (an
axis given twice, an axis of a scalar), ``tf.reduce_prod`` takes ``axis=[]`` and the entries of a softmax.

Expected values and messages: TensorFlow 2.21 ``tf.compat.v1`` in graph mode (``disable_eager_execution()``);
TF1 raises the duplicate reduction axis when the graph runs (``InvalidArgumentError: Invalid reduction
arguments: Axes contains duplicate dimension: 0``), symopt when it is built."""

import numpy as np
import pytest

import symopt.compat.v1 as tf

REDUCTIONS = ["reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod", "reduce_logsumexp"]


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("value, axis, repeated", [([1., 2., 3.], [0, -1], 0), ([1., 2., 3.], [0, 0], 0),
                                                   ([[1., 2., 3.]], [1, -1], 1)])
def test_an_axis_given_twice_is_refused(reduction, value, axis, repeated):
    tf.reset_default_graph()
    with pytest.raises(tf.errors.InvalidArgumentError, match=f"Axes contains duplicate dimension: {repeated}"):
        getattr(tf, reduction)(tf.Variable(value), axis=axis)


def test_reduce_prod_of_a_scalar_along_an_axis_is_refused_as_reduce_sum():
    tf.reset_default_graph()
    with pytest.raises(ValueError, match="Invalid reduction dimension 0 for input with 0 dimensions"):
        tf.reduce_prod(tf.Variable(2.0), axis=0)  # TF 2.21: ValueError, as reduce_sum's


def test_reduce_prod_with_no_axis_and_of_a_softmax():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float64, [1, 3])
    same = tf.reduce_prod(x, axis=[])
    w = tf.Variable(np.array([[-0.5, 0., 2.], [0., -0.5, 1.]]), dtype=tf.float64)
    product = tf.reduce_prod(tf.nn.softmax(w))
    feed = {x: np.array([[0.5, 0., -2.]])}
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(session.run(same, feed), [[0.5, 0., -2.]])  # TF 2.21: x itself
        np.testing.assert_array_equal(session.run(tf.gradients(tf.reduce_sum(same), x)[0], feed), [[1., 1., 1.]])
        np.testing.assert_allclose(session.run(product), 0.00012548696829351553, rtol=1e-12)  # TF 2.21
        np.testing.assert_allclose(session.run(tf.gradients(product, w)[0]),  # TF 2.21
                                   [[1.00103957e-04, 8.36374575e-05, -1.83741414e-04],
                                    [3.84402106e-05, 7.26904409e-05, -1.11130651e-04]], rtol=1e-8)


def test_reverse_and_squeeze_check_their_axes():
    tf.reset_default_graph()
    matrix = tf.Variable([[1., -2., 3.], [0., 5., -1.]])
    with pytest.raises(ValueError, match="axis 0 specified more than once"):  # TF 2.21's words
        tf.reverse(matrix, [0, -2])
    with pytest.raises(ValueError, match=r"'axis'\[0\] = -1 is out of valid range \[0, -1"):
        tf.reverse(tf.placeholder_with_default(1.5, []), [-1])
    with pytest.raises(ValueError, match=r"squeeze_dims\[0\] not in \[0,0\)"):
        tf.squeeze(tf.Variable(1.5), [0])
    with pytest.raises(ValueError, match=r"squeeze_dims\[0\] not in \[-2,2\)"):
        tf.squeeze(tf.Variable([[1.5, 2.]]), [5])  # it named dim[1] (5 % 2) as not of size 1
