"""``log1p`` and ``expm1`` keep their accuracy for small arguments, in the library, the CLI and the TF1 layer.

They were computed as ``log(1 + x)`` and ``exp(x) - 1``: 5-19 % wrong in float32 at 1e-6 and exactly 0 for
``log1p(1e-16)`` in float64. Expected values are NumPy's (correctly rounded here) and real TF1's, copied.
"""

import numpy as np
import sympy
from sympy.codegen.cfunctions import expm1, log1p

import symopt
import symopt.compat.v1 as tf
from symopt import ops
from symopt.parse import parse_expression as parse


def test_scalar_values_and_gradients_in_both_dtypes():
    w = symopt.Variable("w", 0.0)
    for dtype in ("float64", "float32"):
        cast = np.dtype(dtype).type
        for function, value, derivative in ((log1p, np.log1p, lambda x: 1 / (1 + x)),
                                            (expm1, np.expm1, np.exp)):
            compiled = symopt.compile(function(w), w, dtype=dtype)
            for x in (1e-16, 1e-7, 0.5, -0.25):
                got, slope = compiled(w=cast(x))
                assert got == value(cast(x)) and got != 0
                assert np.isclose(slope, derivative(cast(x)), rtol=1e-6)


def test_elementwise_on_a_matrix_matches_numpy():
    X = symopt.Placeholder("X", (None, 2))
    W = symopt.Variable("W", np.ones((2, 1)))
    x = np.array([[1e-9, 2e-9], [0.5, 0.25]])
    w = np.array([[1.0], [0.5]])
    cost = ops.sum((X @ W).applyfunc(log1p)) + ops.sum((X @ W).applyfunc(expm1))
    value, gradient = symopt.compile(cost, W)(W=w, X=x)
    z = x @ w
    assert np.isclose(value, np.log1p(z).sum() + np.expm1(z).sum(), rtol=1e-15)
    np.testing.assert_allclose(gradient, x.T @ (1 / (1 + z) + np.exp(z)), rtol=1e-12)


def test_the_parser_offers_them():
    assert isinstance(parse("log1p(w)"), log1p)
    assert isinstance(parse("expm1(w)"), expm1)


def test_tf1_layer_gives_tf1_digits():
    x = tf.placeholder(tf.float32, [2])
    x64 = tf.placeholder(tf.float64, [1])
    with tf.Session() as session:
        small_log, small_exp = session.run([tf.log1p(x), tf.expm1(x)], {x: [1e-6, 1e-7]})
        (gradient,) = session.run(tf.gradients(tf.reduce_sum(tf.log1p(x) + tf.expm1(x)), x), {x: [1e-6, 1e-7]})
        tiny = session.run(tf.log1p(x64), {x64: [1e-16]})
    # real TF1 (float32): log1p [9.9999954e-07, 9.9999994e-08], expm1 [1.0000005e-06, 1.0000001e-07], gradient [2, 2]
    np.testing.assert_array_equal(small_log, np.array([9.9999954e-07, 9.9999994e-08], dtype=np.float32))
    np.testing.assert_array_equal(small_exp, np.array([1.0000005e-06, 1.0000001e-07], dtype=np.float32))
    np.testing.assert_array_equal(gradient, np.array([2.0, 2.0], dtype=np.float32))
    assert tiny[0] == 1e-16


def test_a_reciprocal_body_is_one_operand_of_the_product():
    """``X.T @ 1/(1 + t0)`` would be ``(X.T @ 1)/(1 + t0)`` in Python: the quotient is parenthesized."""
    X = symopt.Placeholder("X", (None, 2))
    W = symopt.Variable("W", np.ones((2, 1)))
    source = symopt.compile(ops.sum((X @ W).applyfunc(lambda v: sympy.log(1 + v))), W).source
    assert source.splitlines()[-1] == "    return numpy.log(1 + t0).sum(), (X.T @ (1/(1 + t0)),)"
