"""probe51 P51-2: ``decimal.Decimal`` and ``fractions.Fraction`` values in a TF1 ``feed_dict`` (rows from a database
driver) are fed as their numbers, as TF1 converts them; they were refused with a message about strings and None.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program; the hand NumPy oracle (the floats of the values) agrees with them."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

import symopt.compat.v1 as tf

ROWS = [Decimal("0.10"), Decimal("2.50"), Decimal("3")]


def test_decimal_rows_are_summed_and_trained_on():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None])
    w = tf.Variable(1.0)
    cost = tf.reduce_mean(tf.square(w * x - 1.0))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(cost)
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    total = tf.reduce_sum(x)
    assert session.run(total, {x: ROWS}) == np.float32(5.6)  # TF 2.21 tf.compat.v1: 5.6
    assert session.run(total, {x: np.array(ROWS, dtype=object)}) == np.float32(5.6)  # TF 2.21 tf.compat.v1: 5.6
    assert session.run(total, {x: [Decimal("1.5")]}) == np.float32(1.5)  # TF 2.21 tf.compat.v1: 1.5
    assert session.run(total, {x: [Fraction(1, 3)]}) == np.float32(0.33333334)  # TF 2.21 tf.compat.v1: 0.33333334
    assert session.run(total, {x: ROWS}) == np.sum(np.array([0.1, 2.5, 3.0], np.float32))  # hand NumPy
    session.run(train, {x: ROWS})
    assert session.run(w) == np.float32(0.356)  # TF 2.21 tf.compat.v1: w = 0.356


def test_every_dtype_takes_them_as_tf1():
    tf.reset_default_graph()
    i = tf.placeholder(tf.int32, [None])
    d = tf.placeholder(tf.float64, [None])
    f = tf.placeholder(tf.float32, [2, 2])
    session = tf.Session()
    assert session.run(i * 1, {i: [Decimal("3"), Decimal("4")]}).tolist() == [3, 4]  # TF 2.21 tf.compat.v1
    assert session.run(i * 1, {i: [Decimal("2.5")]}).tolist() == [2]  # TF 2.21 tf.compat.v1
    assert [repr(v) for v in session.run(d * 1, {d: [Decimal("0.1"), Fraction(2, 3), 1, 2.5]}).tolist()] == [
        "0.1", "0.6666666666666666", "1.0", "2.5"]  # TF 2.21 tf.compat.v1
    table = np.array([[Decimal("0.1"), Fraction(1, 3)], [2, 3.5]], dtype=object)
    assert session.run(f * 1, {f: table}).ravel().tolist() == [
        0.10000000149011612, 0.3333333432674408, 2.0, 3.5]  # TF 2.21 tf.compat.v1


def test_strings_and_none_beside_them_convert_as_tf1():
    """TF1 parses the string and reads None as nan, and so does symopt (probe61 P61-3)."""
    tf.reset_default_graph()
    d = tf.placeholder(tf.float64, [None])
    session = tf.Session()
    # TF 2.21 tf.compat.v1: [1., nan] and [1., 2.]
    np.testing.assert_array_equal(session.run(d * 1, {d: [Decimal("1"), None]}), [1.0, np.nan])
    np.testing.assert_array_equal(session.run(d * 1, {d: np.array([Decimal("1"), "2"], dtype=object)}), [1.0, 2.0])


@pytest.mark.parametrize("dtype, fed, expected", [  # TF 2.21 tf.compat.v1, each row
    ("int32", [Decimal("2147483647")], [2147483647]),
    ("bool", [Decimal("2")], [True]),
    ("uint8", [Decimal("255.9")], [255]),  # truncated, as int() truncates
    ("int64", [Decimal("9007199254740993")], [9007199254740993]),  # exact past 2**53
    ("int64", [Fraction(9007199254740993, 1)], [9007199254740993]),
    ("int64", [9007199254740993, Decimal("1")], [9007199254740993, 1]),  # the plain int beside it exact too
    ("int64", np.array([Decimal("9007199254740993"), 1], dtype=object), [9007199254740993, 1]),
    ("float64", [Decimal("0.1"), 9007199254740993], [0.1, 9007199254740992.0])])
def test_decimals_fed_to_integer_tensors_are_exact_as_tf1(dtype, fed, expected):
    """final40b F40b-14: a Decimal / Fraction went through float whatever the tensor's dtype, then NumPy's cast:
    a 64-bit id past 2**53 was rounded."""
    tf.reset_default_graph()
    x = tf.placeholder(getattr(tf, dtype), [None])
    assert tf.Session().run(tf.identity(x), {x: fed}).tolist() == expected


@pytest.mark.parametrize("dtype, fed, error, message", [  # TF 2.21 tf.compat.v1, each row
    ("int32", [Decimal("NaN")], ValueError, "cannot convert NaN to integer"),
    ("int64", [Decimal("Infinity")], OverflowError, "cannot convert Infinity to integer"),
    ("uint8", [Decimal("-1")], OverflowError, "Python integer -1 out of bounds for uint8"),
    ("uint8", [Fraction(-1)], OverflowError, "Python integer -1 out of bounds for uint8"),
    ("int16", [Decimal("40000.5")], OverflowError, "Python integer 40000 out of bounds for int16"),
    ("int8", np.array([Decimal("200")], dtype=object), OverflowError, "Python integer 200 out of bounds for int8"),
    ("int32", [Decimal("3000000000")], OverflowError, "Python integer 3000000000 out of bounds for int32")])
def test_decimals_an_integer_tensor_cannot_hold_are_refused_as_tf1(dtype, fed, error, message):
    """They were wrapped (-1 to 255 in uint8, 200 to -56 in int8) or made INT_MIN (NaN, infinity) without a word."""
    tf.reset_default_graph()
    x = tf.placeholder(getattr(tf, dtype), [None])
    with pytest.raises(error, match=f"^{message}$"):
        tf.Session().run(tf.identity(x), {x: fed})
