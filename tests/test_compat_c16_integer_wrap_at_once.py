"""Every integer op's result is its dtype's value at once, as TF1's kernels leave it (probe18 G6, G4, G5): the next
op reads the wrapped value (``tf.cast(img + 100, tf.float32)`` of a uint8 ``img`` of 200 is 44.0, not 300.0;
``ids + 1 > 0`` is false for int32's largest ``ids``), ``x - tf.reduce_max(x)`` of an unsigned ``x`` wraps (it gave
zeros), and ``tf.cast`` of a fed int8 / uint8 tensor to another integer dtype works (it raised NumPy's raw
OverflowError).  Products of int32 values past 2**53 are exact (``ids * 1103515245 + 12345``).

Every value in ARRAYS and SCALARS was printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the same
program (/tmp/c16/grid.py of compat16's session: each op of OPS on values near each dtype's extremes, fed, constant and
scalar, then ``tf.cast(..., tf.float64) + 0.5`` so that a next op reads the result); TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

DTYPES = ["int8", "uint8", "int16", "uint16", "int32", "int64"]

#: op name -> the op on two tensors of one dtype.
OPS = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: b - a,
    "sub_max": lambda a, b: a - tf.reduce_max(a),
    "min_sub": lambda a, b: tf.reduce_min(a) - a,
    "mul": lambda a, b: a * b,
    "mul_c": lambda a, b: a * 3,
    "neg": lambda a, b: -a,
    "square": lambda a, b: tf.square(a),
    "abs": lambda a, b: tf.abs(a - b),
    "sum": lambda a, b: tf.reduce_sum(a + b),
    "gt": lambda a, b: a + b > a,
    "floordiv": lambda a, b: (a + b) // 2,
    "mod": lambda a, b: (a * b) % 7,
}

#: dtype -> op (or ``cast_<dtype>``) -> TF 2.21's value for operands of shape [3], fed or constant (TF1 gives the
#: same for both; "TypeError": TF1 refuses).
ARRAYS = {
    'int8': {
        'add': [-126.5, 2.5, -126.5], 'sub': [-122.5, 0.5, 123.5], 'sub_max': [0.5, 3.5, -122.5],
        'min_sub': [3.5, 0.5, 126.5], 'mul': [122.5, 1.5, 122.5], 'mul_c': [122.5, -124.5, 9.5],
        'neg': [-125.5, 127.5, -2.5], 'square': [4.5, 1.5, 9.5], 'abs': [123.5, 0.5, 123.5], 'sum': [4.5],
        'gt': [False, True, False], 'floordiv': [-63.5, 1.5, -63.5], 'mod': [3.5, 1.5, 3.5],
        'cast_uint8': [126, 129, 3], 'cast_int16': [126, -127, 3], 'cast_uint16': [126, 65409, 3],
        'cast_int32': [126, -127, 3], 'cast_int64': [126, -127, 3],
    },
    'uint8': {
        'add': [1.5, 2.5, 1.5], 'sub': [5.5, 0.5, 251.5], 'sub_max': [0.5, 3.5, 5.5], 'min_sub': [3.5, 0.5, 254.5],
        'mul': [250.5, 1.5, 250.5], 'mul_c': [250.5, 3.5, 9.5], 'neg': 'TypeError', 'square': [4.5, 1.5, 9.5],
        'abs': 'TypeError', 'sum': [4.5], 'gt': [False, True, False], 'floordiv': [0.5, 1.5, 0.5],
        'mod': [5.5, 1.5, 5.5], 'cast_int8': [-2, 1, 3], 'cast_int16': [254, 1, 3], 'cast_uint16': [254, 1, 3],
        'cast_int32': [254, 1, 3], 'cast_int64': [254, 1, 3],
    },
    'int16': {
        'add': [-32766.5, 2.5, -32766.5], 'sub': [-32762.5, 0.5, 32763.5], 'sub_max': [0.5, 3.5, -32762.5],
        'min_sub': [3.5, 0.5, 32766.5], 'mul': [32762.5, 1.5, 32762.5], 'mul_c': [32762.5, -32764.5, 9.5],
        'neg': [-32765.5, 32767.5, -2.5], 'square': [4.5, 1.5, 9.5], 'abs': [32763.5, 0.5, 32763.5], 'sum': [4.5],
        'gt': [False, True, False], 'floordiv': [-16383.5, 1.5, -16383.5], 'mod': [2.5, 1.5, 2.5],
        'cast_int8': [-2, 1, 3], 'cast_uint8': [254, 1, 3], 'cast_uint16': [32766, 32769, 3],
        'cast_int32': [32766, -32767, 3], 'cast_int64': [32766, -32767, 3],
    },
    'uint16': {
        'add': [1.5, 2.5, 1.5], 'sub': [5.5, 0.5, 65531.5], 'sub_max': [0.5, 3.5, 5.5],
        'min_sub': [3.5, 0.5, 65534.5], 'mul': [65530.5, 1.5, 65530.5], 'mul_c': [65530.5, 3.5, 9.5],
        'neg': 'TypeError', 'square': [4.5, 1.5, 9.5], 'abs': 'TypeError', 'sum': [4.5], 'gt': [False, True, False],
        'floordiv': [0.5, 1.5, 0.5], 'mod': [3.5, 1.5, 3.5], 'cast_int8': [-2, 1, 3], 'cast_uint8': [254, 1, 3],
        'cast_int16': [-2, 1, 3], 'cast_int32': [65534, 1, 3], 'cast_int64': [65534, 1, 3],
    },
    'int32': {
        'add': [-2147483646.5, 2.5, -2147483646.5], 'sub': [-2147483642.5, 0.5, 2147483643.5],
        'sub_max': [0.5, 3.5, -2147483642.5], 'min_sub': [3.5, 0.5, 2147483646.5],
        'mul': [2147483642.5, 1.5, 2147483642.5], 'mul_c': [2147483642.5, -2147483644.5, 9.5],
        'neg': [-2147483645.5, 2147483647.5, -2.5], 'square': [4.5, 1.5, 9.5],
        'abs': [2147483643.5, 0.5, 2147483643.5], 'sum': [4.5], 'gt': [False, True, False],
        'floordiv': [-1073741823.5, 1.5, -1073741823.5], 'mod': [3.5, 1.5, 3.5], 'cast_int8': [-2, 1, 3],
        'cast_uint8': [254, 1, 3], 'cast_int16': [-2, 1, 3], 'cast_uint16': [65534, 1, 3],
        'cast_int64': [2147483646, -2147483647, 3],
    },
    'int64': {
        'add': [-9.223372036854776e+18, 2.5, -9.223372036854776e+18],
        'sub': [-9.223372036854776e+18, 0.5, 9.223372036854776e+18], 'sub_max': [0.5, 3.5, -9.223372036854776e+18],
        'min_sub': [3.5, 0.5, 9.223372036854776e+18], 'mul': [9.223372036854776e+18, 1.5, 9.223372036854776e+18],
        'mul_c': [9.223372036854776e+18, -9.223372036854776e+18, 9.5],
        'neg': [-9.223372036854776e+18, 9.223372036854776e+18, -2.5], 'square': [4.5, 1.5, 9.5],
        'abs': [9.223372036854776e+18, 0.5, 9.223372036854776e+18],
        'floordiv': [-4.611686018427388e+18, 1.5, -4.611686018427388e+18], 'mod': [2.5, 1.5, 2.5],
        'cast_int8': [-2, 1, 3], 'cast_uint8': [254, 1, 3], 'cast_int16': [-2, 1, 3], 'cast_uint16': [65534, 1, 3],
        'cast_int32': [-2, 1, 3],
    },
}
#: dtype -> op -> TF 2.21's value for fed scalars.
SCALARS = {
    'int8': {
        'add': [-0.5], 'sub': [3.5], 'mul': [126.5], 'mul_c': [122.5], 'neg': [-125.5], 'square': [4.5],
        'abs': [3.5], 'sum': [-0.5], 'gt': [False], 'floordiv': [-0.5], 'mod': [0.5], 'cast_uint8': [126],
        'cast_int16': [126], 'cast_uint16': [126], 'cast_int32': [126], 'cast_int64': [126],
    },
    'uint8': {
        'add': [255.5], 'sub': [3.5], 'mul': [254.5], 'mul_c': [250.5], 'neg': 'TypeError', 'square': [4.5],
        'abs': 'TypeError', 'sum': [255.5], 'gt': [True], 'floordiv': [127.5], 'mod': [2.5], 'cast_int8': [-2],
        'cast_int16': [254], 'cast_uint16': [254], 'cast_int32': [254], 'cast_int64': [254],
    },
    'int16': {
        'add': [-0.5], 'sub': [3.5], 'mul': [32766.5], 'mul_c': [32762.5], 'neg': [-32765.5], 'square': [4.5],
        'abs': [3.5], 'sum': [-0.5], 'gt': [False], 'floordiv': [-0.5], 'mod': [6.5], 'cast_int8': [-2],
        'cast_uint8': [254], 'cast_uint16': [32766], 'cast_int32': [32766], 'cast_int64': [32766],
    },
    'uint16': {
        'add': [65535.5], 'sub': [3.5], 'mul': [65534.5], 'mul_c': [65530.5], 'neg': 'TypeError', 'square': [4.5],
        'abs': 'TypeError', 'sum': [65535.5], 'gt': [True], 'floordiv': [32767.5], 'mod': [0.5], 'cast_int8': [-2],
        'cast_uint8': [254], 'cast_int16': [-2], 'cast_int32': [65534], 'cast_int64': [65534],
    },
    'int32': {
        'add': [-0.5], 'sub': [3.5], 'mul': [2147483646.5], 'mul_c': [2147483642.5], 'neg': [-2147483645.5],
        'square': [4.5], 'abs': [3.5], 'sum': [-0.5], 'gt': [False], 'floordiv': [-0.5], 'mod': [0.5],
        'cast_int8': [-2], 'cast_uint8': [254], 'cast_int16': [-2], 'cast_uint16': [65534],
        'cast_int64': [2147483646],
    },
    'int64': {
        'gt': [False], 'cast_int8': [-2], 'cast_uint8': [254], 'cast_int16': [-2], 'cast_uint16': [65534],
        'cast_int32': [-2],
    },
}


def _values(dtype: str) -> list:
    info = np.iinfo(dtype)
    return [int(info.max) - 1, int(info.min) + 1, 3]


def _operands(dtype: str, kind: str) -> tuple:
    values, tf_dtype = _values(dtype), tf.as_dtype(dtype)
    if kind == "fed":
        a, b = tf.placeholder(tf_dtype, [3]), tf.placeholder(tf_dtype, [3])
        return a, b, {a: values, b: values[::-1]}
    if kind == "const":
        return tf.constant(values, tf_dtype), tf.constant(values[::-1], tf_dtype), {}
    a, b = tf.placeholder(tf_dtype, []), tf.placeholder(tf_dtype, [])
    return a, b, {a: values[0], b: values[1]}


CASES = [(dtype, kind, op) for kind in ("fed", "const") for dtype, ops in ARRAYS.items() for op in ops] + \
    [(dtype, "scalar", op) for dtype, ops in SCALARS.items() for op in ops]


@pytest.mark.parametrize("dtype, kind, op", CASES)
def test_integer_results_wrap_at_once_as_tf1(dtype, kind, op):
    a, b, feed = _operands(dtype, kind)
    expected = (SCALARS if kind == "scalar" else ARRAYS)[dtype][op]
    if expected == "TypeError":  # TF1 has no Neg / Abs kernel for unsigned integers
        with pytest.raises(TypeError, match=f"has DataType {dtype} not in list of allowed values"):
            OPS[op](a, b)
        return
    with tf.Session() as sess:
        if op.startswith("cast_"):
            value = sess.run(tf.cast(tf.cast(a, tf.as_dtype(op[5:])), tf.float64), feed)
        else:
            result = OPS[op](a, b)
            value = sess.run(result if result.dtype == tf.bool else tf.cast(result, tf.float64) + 0.5, feed)
    assert np.ravel(value).tolist() == expected


def test_probe18_reproductions_as_tf1():
    img = tf.placeholder(tf.uint8, [None, 2])
    ids = tf.placeholder(tf.int32, [None])
    x = tf.placeholder(tf.uint8, [4])
    u16 = tf.placeholder(tf.uint16, [3])
    i8 = tf.placeholder(tf.int8, [2])
    with tf.Session() as sess:  # TF 2.21
        assert sess.run(img + 100, {img: [[200, 10]]}).tolist() == [[44, 110]]
        np.testing.assert_array_equal(sess.run(tf.cast(img + 100, tf.float32) / 255.0, {img: [[200, 10]]}),
                                      np.float32([[0.17254902, 0.43137258]]))
        assert sess.run(ids + 1 > 0, {ids: [2147483647, 1]}).tolist() == [False, True]
        assert sess.run((ids + 1) // 2, {ids: [2147483647, 1]}).tolist() == [-1073741824, 1]
        assert sess.run(tf.reduce_mean(tf.constant([200, 100], tf.uint8) + tf.constant([100, 0], tf.uint8))) == 72
        assert sess.run((tf.constant([3, 5]) * 1103515245 + 12345) % 2147483647).tolist() == [1163074431,
                                                                                            1222621274]
        assert sess.run((ids * tf.constant([1103515245, 1103515245]) + 12345) % 2147483647,
                        {ids: [3, 5]}).tolist() == [1163074431, 1222621274]
        assert sess.run(tf.square(tf.constant([2147483647, 3]))).tolist() == [1, 9]
        assert sess.run(ids * tf.constant([987654321, 3]), {ids: [123456789, 3]}).tolist() == [-67153019, 9]
        assert sess.run(x - tf.reduce_max(x), {x: [250, 10, 5, 3]}).tolist() == [0, 16, 11, 9]
        assert sess.run(x - tf.reduce_sum(x), {x: [250, 10, 5, 3]}).tolist() == [238, 254, 249, 247]
        assert sess.run(x - tf.maximum(x[0], x[1]), {x: [250, 10, 5, 3]}).tolist() == [0, 16, 11, 9]
        assert sess.run(u16 - tf.reduce_max(u16), {u16: [60000, 10, 5]}).tolist() == [0, 5546, 5541]
        assert sess.run(tf.cast(i8, tf.int16), {i8: [-128, 100]}).tolist() == [-128, 100]
        assert sess.run(tf.cast(i8, tf.uint8), {i8: [-128, 100]}).tolist() == [128, 100]
        assert sess.run(tf.cast(x, tf.int8), {x: [250, 10, 5, 3]}).tolist() == [-6, 10, 5, 3]
        v = tf.Variable([2147483647, 1])
        sess.run(v.initializer)
        assert sess.run(tf.cast(v + 1, tf.float32)).tolist() == [-2147483648.0, 2.0]


def test_integer_division_by_zero_is_still_tf1s_error_after_a_wrapped_op():
    a = tf.placeholder(tf.int32, [2])
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError, match="Integer division by zero"):
            sess.run((a // a) * 3 + 1, {a: [0, 2]})


#: op -> the op on an int32 or uint8 vector (rank 1, 3 entries).
VECTOR_OPS = {
    "cumsum": tf.cumsum,
    "add_n": lambda a: tf.add_n([a, a]),
    "reduce_prod": tf.reduce_prod,
    "squared_difference": lambda a: tf.squared_difference(a, a * 0),
    "tensordot": lambda a: tf.tensordot(a, a, 1),
    "matmul": lambda a: tf.matmul(tf.reshape(a, [1, 3]), tf.reshape(a, [3, 1])),
}
#: (dtype, op) -> TF 2.21's value of tf.cast(op(a), tf.float64), int32 a = [2147483647, 2, 3], uint8 a = [200, 100, 3]
#: (/tmp/c16/more.py of compat16's session, fed; TF gives constants the same values, as GOLDENS above show).
VECTOR_GOLDENS = {
    ("int32", "cumsum"): [2147483647, -2147483647, -2147483644], ("int32", "add_n"): [-2, 4, 6],
    ("int32", "reduce_prod"): [-6], ("int32", "squared_difference"): [1, 4, 9], ("int32", "tensordot"): [14],
    ("int32", "matmul"): [14], ("uint8", "cumsum"): [200, 44, 47], ("uint8", "add_n"): [144, 200, 6],
    ("uint8", "reduce_prod"): [96],
}


@pytest.mark.parametrize("dtype, op", sorted(VECTOR_GOLDENS))
@pytest.mark.parametrize("kind", ["fed", "const"])
def test_sums_and_products_of_vectors_wrap_as_tf1(dtype, op, kind):
    values = [2147483647, 2, 3] if dtype == "int32" else [200, 100, 3]
    if kind == "fed":
        a = tf.placeholder(tf.as_dtype(dtype), [3])
        feed = {a: values}
    else:
        a, feed = tf.constant(values, tf.as_dtype(dtype)), {}
    with tf.Session() as sess:
        value = sess.run(tf.cast(VECTOR_OPS[op](a), tf.float64), feed)
    assert np.ravel(value).tolist() == VECTOR_GOLDENS[dtype, op]
