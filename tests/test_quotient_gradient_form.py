"""The quotient rule's ``a/b**2`` is printed ``a/b/b``, TF1's RealDiv gradient ``(-a/b)/b`` (probe12 V13, probe11
U18 for scalars): ``b**2`` overflowed first, so a hand-written sigmoid ``exp(z)/(exp(z) + 1)`` had gradient 1.0 from
z = 45 in float32 and z = 355 in float64 (mpmath: 2.9e-20 and 7e-155)."""

import mpmath
import numpy as np
import pytest
import sympy

import symopt
import symopt.compat.v1 as tf

z = symopt.Variable("z", 0.0)
SIGMOID = sympy.exp(z) / (sympy.exp(z) + 1)


def exact_slope(at: float) -> float:
    return float(mpmath.diff(lambda t: mpmath.exp(t) / (mpmath.exp(t) + 1), mpmath.mpf(at)))


@pytest.mark.parametrize("dtype, at", [("float32", 45.0), ("float32", 80.0), ("float64", 355.0), ("float64", 700.0)])
def test_a_hand_written_sigmoids_slope_stays_small_past_the_square_overflow(dtype, at):
    value, slope = symopt.compile(SIGMOID, z, dtype=dtype)(z=at)
    assert value == 1.0
    assert 0.0 <= slope <= max(exact_slope(at), np.finfo(dtype).tiny)  # 0 or the exact tiny slope, never 1


@pytest.mark.parametrize("at", [-3.0, 0.5, 10.0])
def test_ordinary_points_keep_their_digits(at):
    _, slope = symopt.compile(SIGMOID, z)(z=at)
    assert slope == pytest.approx(exact_slope(at), rel=1e-14)


def test_the_jax_backend_divides_past_xlas_rewrite():
    """XLA rewrites ``a/b/b`` as ``a/(b*b)``: the JAX printer writes ``a/b*(1/b)``, so the slope at 45 stays 0."""
    pytest.importorskip("jax")
    function = symopt.compile(SIGMOID, z, dtype="float32", backend="jax")
    assert "t0/t1*(1/t1)" in function.source
    assert float(function(z=45.0)[1]) == 0.0
    assert float(function(z=10.0)[1]) == pytest.approx(exact_slope(10.0), rel=5e-3)


def test_the_printed_form():
    source = symopt.compile(SIGMOID, z).source
    assert "t0*(t2 - t0/t1/t1)" in source and "**2" not in source


def test_tf1_scalar_quotient_gradient_as_tf():
    """TF 2.21: ``tf.gradients(tf.exp(s) / (tf.exp(s) + 1.0), s)`` at s = 45 is 0.0 (symopt gave 1.0)."""
    tf.reset_default_graph()
    s = tf.placeholder(tf.float32, [])
    gradient = tf.gradients(tf.exp(s) / (tf.exp(s) + 1.0), s)[0]
    with tf.Session() as session:
        assert session.run(gradient, {s: 45.0}) == 0.0
        assert session.run(gradient, {s: 10.0}) == pytest.approx(4.541874e-05, rel=5e-3)  # float32 cancellation
