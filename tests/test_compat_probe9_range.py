"""probe9 S15: ``tf.range`` of floats is TF 1.x's kernel (``RangeOp`` of TF 1.15: ``val += delta`` in the range's
dtype), not TF 2.x's ``start + i * delta``; a limit on the wrong side of start is TF1's ValueError."""

import math

import numpy as np
import pytest

import symopt.compat.v1 as tf


def tf1_kernel(start, limit, delta, dtype):
    """TF 1.15's RangeOp<T>::Compute for a float T, transcribed: size = ceil(|(limit - start) / delta|) in T, then
    flat(i) = val; val += delta."""
    kind = np.dtype(dtype).type
    start, limit, delta = kind(start), kind(limit), kind(delta)
    values, value = [], start
    for _ in range(math.ceil(abs((limit - start) / delta))):
        values.append(value)
        value = kind(value + delta)
    return np.array(values, dtype=dtype)


@pytest.mark.parametrize("arguments, dtype", [((0.0, 100.0, 0.1), "float32"), ((0.0, 1.0, 0.1), "float32"),
                                              ((0.0, 1.0, 0.1), "float64"), ((-10.0, 10.0, 0.01), "float32"),
                                              ((5.0, -3.0, -0.3), "float32")])
def test_float_ranges_are_tf1_kernels_sums(arguments, dtype):
    tf.reset_default_graph()
    with tf.Session() as session:
        values = session.run(tf.range(*arguments, dtype=getattr(tf, dtype)))
    np.testing.assert_array_equal(values, tf1_kernel(*arguments, dtype))
    assert values.dtype == dtype


def test_tf2_compat_v1_differs_from_tf1_where_the_docs_say():
    tf.reset_default_graph()
    with tf.Session() as session:
        values = session.run(tf.range(0.0, 100.0, 0.1))
    # TF 2.21 tf.compat.v1 (start + i*delta): 1000 entries, [7] 0.7, [-1] 99.9, [500] 50.0 (probe9 S15)
    assert len(values) == 1000
    assert (values[7], values[-1], values[500]) == (np.float32(0.70000005), np.float32(99.89905),
                                                    np.float32(49.99981))


@pytest.mark.parametrize("arguments, message", [
    ((5, 0), "Requires start <= limit when delta > 0: 5/0"),
    ((0, 5, -1), "Requires start >= limit when delta < 0: 0/5"),
    ((5.0, 0.0), "Requires start <= limit when delta > 0: 5/0"),
    ((0.5, 2.0, -0.5), "Requires start >= limit when delta < 0: 0.5/2")])
def test_a_limit_on_the_wrong_side_is_tf1s_value_error(arguments, message):
    tf.reset_default_graph()  # TF 2.21 raises these ValueErrors when the op is built (the shape function)
    with pytest.raises(ValueError, match=message):
        tf.range(*arguments)


def test_an_empty_range_is_still_empty():
    tf.reset_default_graph()
    with tf.Session() as session:
        assert session.run(tf.range(3, 3)).shape == (0,)
