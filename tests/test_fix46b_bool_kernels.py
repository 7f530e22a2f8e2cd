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


# 46b-1 / 46b-9: the other dtypes of these ops still run. TF 2.21 values for the placeholder fed [1, 0, 3, 2]
# (/work/wt/final46b/dtsweep.py, tf_sweep.txt); tf.round returns integers unchanged (never its kernel).
RUNS = {
    "multiply": (lambda a: tf.multiply(a, a), ("int8", "uint8", "int16", "uint16", "float16"), [1, 0, 9, 4]),
    "square": (lambda a: tf.square(a), ("int8", "uint8", "int16", "uint16", "float16"), [1, 0, 9, 4]),
    "round": (lambda a: tf.round(a), ("int8", "uint8", "int16", "uint16", "float16"), [1, 0, 3, 2]),
    "relu": (lambda a: tf.nn.relu(a), ("int8", "uint8", "int16", "uint16", "float16"), [1, 0, 3, 2]),
    "relu6": (lambda a: tf.nn.relu6(a), ("int8", "uint8", "int16", "uint16", "float16"), [1, 0, 3, 2]),
    "leaky_relu": (lambda a: tf.nn.leaky_relu(a), ("float16",), [1, 0, 3, 2]),
    "cumsum": (lambda a: tf.cumsum(a), ("int8", "uint8", "int16", "uint16", "float16"), [1, 1, 4, 6]),
    "matmul": (lambda a: tf.matmul(tf.reshape(a, [1, -1]), tf.reshape(a, [-1, 1])), ("int32", "float16"), [14]),
}
CASES = [(op, dtype) for op, (_, dtypes, _) in sorted(RUNS.items()) for dtype in dtypes]


@pytest.mark.parametrize("op, dtype", CASES)
def test_other_dtypes_still_run(op, dtype):
    tf.reset_default_graph()
    build, _, expected = RUNS[op]
    x = tf.placeholder(getattr(tf, dtype), [4])
    with tf.Session() as session:
        value = np.asarray(session.run(build(x), {x: np.array([1, 0, 3, 2], dtype)}))
    assert value.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(value.ravel(), expected)
