"""probe51 P51-4: an integer tensor divided by a number (``uint8_image / 255``) and a constant of more than 64
entries divided by a number round as TF1 does.

TF1 casts the integers to floats and Grappler rewrites a division by a constant as a product with the constant's
reciprocal, rounded to the dtype: ``3 / 255`` is 0.011764707043766975 in float32, not the correctly rounded
0.0117647061124444 symopt gave.  A constant divided by a number is folded by Grappler instead: the correctly rounded
quotient, where symopt multiplied a constant bound as an array (more than 64 entries) by the reciprocal.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode; the hand
NumPy oracles beside them (the reciprocal product, the quotient) are equal to them at every entry."""

from __future__ import annotations

import numpy as np

import symopt.compat.v1 as tf

PIXELS = np.arange(256, dtype=np.uint8).reshape(64, 4)
COUNTS = np.arange(1, 300)


def _reciprocal_product(values, divisor, dtype):
    return values.astype(dtype) * (dtype(1) / dtype(divisor))


def test_uint8_pixels_over_255():
    tf.reset_default_graph()
    image = tf.placeholder(tf.uint8, [None, 4])
    scaled = tf.Session().run(image / 255, {image: PIXELS})
    assert scaled.dtype == np.float32
    assert scaled.ravel()[:8].tolist() == [0.0, 0.003921568859368563, 0.007843137718737125, 0.011764707043766975,
                                           0.01568627543747425, 0.019607843831181526, 0.02352941408753395,
                                           0.027450982481241226]  # TF 2.21 tf.compat.v1
    np.testing.assert_array_equal(scaled, _reciprocal_product(PIXELS, 255, np.float32))
    exact = PIXELS.astype(np.float32) / np.float32(255)
    assert int(np.sum(scaled != exact)) == 126  # TF 2.21 tf.compat.v1: 126 of the 256 differ from the quotient


def test_other_integer_dtypes_and_the_function_forms():
    tf.reset_default_graph()
    i32, u16, i8 = tf.placeholder(tf.int32, [None]), tf.placeholder(tf.uint16, [None]), tf.placeholder(tf.int8, [None])
    image, scalar = tf.placeholder(tf.uint8, [None, 4]), tf.placeholder(tf.int32, [])
    session = tf.Session()
    by_255 = session.run(i32 / 255, {i32: COUNTS})
    by_7 = session.run(i32 / 7, {i32: COUNTS})
    assert by_255.dtype == by_7.dtype == np.float64
    assert [repr(float(by_255[k - 1])) for k in (33, 37, 41, 45)] == [
        "0.12941176470588234", "0.14509803921568626", "0.16078431372549018", "0.1764705882352941"]  # TF 2.21 tf.compat.v1
    assert [repr(float(by_7[k - 1])) for k in (5, 9, 10, 13)] == [
        "0.7142857142857142", "1.2857142857142856", "1.4285714285714284", "1.857142857142857"]  # TF 2.21 tf.compat.v1
    np.testing.assert_array_equal(by_255, _reciprocal_product(COUNTS, 255, np.float64))
    np.testing.assert_array_equal(by_7, _reciprocal_product(COUNTS, 7, np.float64))
    halves = session.run(u16 / 255, {u16: COUNTS.astype(np.uint16)})
    assert [repr(float(halves[k - 1])) for k in (3, 6, 7, 12)] == [
        "0.011764707043766975", "0.02352941408753395", "0.027450982481241226", "0.0470588281750679"]  # TF 2.21 tf.compat.v1
    np.testing.assert_array_equal(halves, _reciprocal_product(COUNTS, 255, np.float32))
    small = np.arange(-128, 128).astype(np.int8)
    thirds = session.run(i8 / 3, {i8: small})
    assert [float(thirds[k + 128]) for k in (-127, -124, -121, -118)] == [
        -42.333335876464844, -41.333335876464844, -40.333335876464844, -39.333335876464844]  # TF 2.21 tf.compat.v1
    np.testing.assert_array_equal(thirds, _reciprocal_product(small, 3, np.float32))
    for built in (tf.truediv(image, 255), tf.divide(image, 255)):
        np.testing.assert_array_equal(session.run(built, {image: PIXELS}), _reciprocal_product(PIXELS, 255, np.float32))
    assert [session.run(scalar / 7, {scalar: k}) for k in range(1, 40)] == [k * (1 / 7) for k in range(1, 40)]


def test_a_large_constant_over_a_number_is_folded_to_the_quotient():
    tf.reset_default_graph()
    floats = PIXELS.astype(np.float32)
    session = tf.Session()
    quotient = floats / np.float32(255)
    for built in (tf.constant(floats) / 255.0, tf.cast(tf.constant(PIXELS), tf.float32) / 255.0,
                  tf.constant(floats) / tf.constant(255.0)):
        value = session.run(built)
        assert value.ravel()[:8].tolist() == [0.0, 0.003921568859368563, 0.007843137718737125, 0.0117647061124444,
                                              0.01568627543747425, 0.019607843831181526, 0.0235294122248888,
                                              0.027450980618596077]  # TF 2.21 tf.compat.v1
        np.testing.assert_array_equal(value, quotient)
    fed = tf.placeholder(tf.float32, [None, 4])  # a tensor computed at run time keeps the reciprocal product
    np.testing.assert_array_equal(session.run(fed / 255.0, {fed: floats}), _reciprocal_product(floats, 255, np.float32))


def test_an_integer_tensor_known_when_built_over_a_number_is_folded_to_the_quotient():
    """final40b F40b-1: the reciprocal product was applied to every integer tensor not held as an explicit matrix,
    so an integer constant bound as an array, a small int64 one, tf.fill and a reshaped constant lost TF1's folded
    quotient (TF1's Grappler folds whatever is known when the graph is built)."""
    tf.reset_default_graph()
    session = tf.Session()
    counts = np.arange(65, dtype=np.int32)  # more entries than an explicit matrix holds
    assert session.run(tf.constant(counts) / 7)[[3, 10, 17]].tolist() == [
        0.42857142857142855, 1.4285714285714286, 2.4285714285714284]  # TF 2.21 tf.compat.v1
    assert session.run(tf.constant(np.arange(256, dtype=np.uint8)) / 255)[[3, 6]].tolist() == [
        0.0117647061124444, 0.0235294122248888]  # TF 2.21 tf.compat.v1
    assert session.run(tf.constant(np.array([3, 10, 17, 297, -297, 33], np.int64)) / 7).tolist() == [
        0.42857142857142855, 1.4285714285714286, 2.4285714285714284, 42.42857142857143, -42.42857142857143,
        4.714285714285714]  # TF 2.21 tf.compat.v1
    assert session.run(tf.fill([100], 7) / 3)[:2].tolist() == [2.3333333333333335] * 2  # TF 2.21 tf.compat.v1
    reshaped = tf.reshape(tf.constant(np.arange(100, dtype=np.int32)), [10, 10]) / 7
    assert session.run(reshaped).ravel()[:10:3].tolist() == [
        0.0, 0.42857142857142855, 0.8571428571428571, 1.2857142857142858]  # TF 2.21 tf.compat.v1
