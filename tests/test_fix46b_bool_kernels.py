"""P81-2: TF1's kernels of tf.multiply, tf.cumsum, tf.matmul, tf.square, tf.round, tf.nn.relu / relu6 / leaky_relu
take no bools; TF 2.21 (tf.compat.v1, graph mode) raises ``TypeError: Value passed to parameter ... has DataType bool
not in list of allowed values`` at graph build for each of them, where symopt computed bools."""

import numpy as np
import pytest

import symopt.compat.v1 as tf

# The parameter TF 2.21 names in each TypeError (copied from its messages).
BUILDERS = {
    "multiply": (lambda b: tf.multiply(b, 3.), "x"),
    "cumsum": (lambda b: tf.cumsum(b), "x"),
    "matmul": (lambda b: tf.matmul(tf.reshape(b, [1, -1]), tf.reshape(b, [-1, 1])), "a"),
    "tensordot": (lambda b: tf.tensordot(tf.reshape(b, [2, 2]), tf.reshape(b, [2, 2]), 1), "a"),
    "square": (lambda b: tf.square(b), "x"),
    "round": (lambda b: tf.round(b), "x"),
    "relu": (lambda b: tf.nn.relu(b), "features"),
    "relu6": (lambda b: tf.nn.relu6(b), "features"),
    "leaky_relu": (lambda b: tf.nn.leaky_relu(b), "features"),
}


@pytest.mark.parametrize("op", sorted(BUILDERS))
def test_bool_operand_is_tf1_type_error(op):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [4])
    build, parameter = BUILDERS[op]
    with pytest.raises(TypeError, match="has DataType bool not in list of allowed values") as caught:
        build(x > 0.)
    if parameter is not None:
        assert f"parameter '{parameter}'" in str(caught.value)


def test_bool_product_operator_stays_logical_and():
    # TF 2.21: b * 3. is a logical and of b with bool(3.): [True, False, True, True]
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [4])
    with tf.Session() as session:
        value = session.run((x > 0.) * 3., {x: np.array([1., -1., 2., 3.], np.float32)})
    np.testing.assert_array_equal(value, [True, False, True, True])
