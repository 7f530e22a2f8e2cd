"""Elementwise quotients of matrices differentiate as TF1's RealDiv: the denominator's adjoint is
``(-Ȳ∘a)/b/b``, never ``Ȳ∘a∘b**(-2)`` (probe11 U18).  ``b**(-2)`` overflowed float32 past ~1.8e19 and vanished
below ~1e-19, so a softmax written from scratch, ``exp(z) / sum(exp(z))``, had an O(1)-wrong gradient past logits
of ~44 (it did not even sum to 0) and NaN when a whole row was below ~-44.  The oracle is the float64 gradient of
the cross-entropy, ``softmax(z) - y``; the TF1 numbers are TF 2.21 ``tf.compat.v1``'s, float32."""

import numpy as np
import pytest
import sympy

import symopt
import symopt.compat.v1 as tf
from symopt import ops

LOGITS = {"large": [[50.0, 49.0, 0.0]], "small": [[-50.0, -49.0, -60.0]], "ordinary": [[1.0, -2.0, 0.5]]}
LABELS = np.array([[0.0, 1.0, 0.0]])
# TF 2.21: tf.gradients(-tf.reduce_sum(y * tf.log(tf.exp(z) / tf.reduce_sum(tf.exp(z), 1, keepdims=True))), z)
TF1_GRADIENT = {"large": [0.7310586, -0.7310586, 1.4100292e-22], "small": [0.26893812, -0.26895034, 1.2209772e-05]}


def softmax_minus_labels(logits):
    z = np.asarray(logits, dtype=np.float64)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True) - LABELS


def hand_softmax_cross_entropy(backend="numpy"):
    Z = symopt.Variable("Z", np.zeros((1, 3), dtype=np.float32))
    Y = symopt.Placeholder("Y", shape=(1, 3))
    e = ops.exp(Z)
    softmax = ops.hadamard(e, ops.power(ops.matmul(ops.sum(e, axis=1), sympy.OneMatrix(1, 3)), -1))
    return symopt.compile(-ops.sum(ops.hadamard(Y, ops.log(softmax))), wrt=[Z], dtype="float32", backend=backend)


@pytest.mark.parametrize("case", sorted(LOGITS))
def test_a_hand_written_softmax_has_the_true_gradient_at_any_logits(case):
    _, (gradient,) = hand_softmax_cross_entropy()(Z=np.array(LOGITS[case], np.float32), Y=LABELS.astype(np.float32))
    np.testing.assert_allclose(gradient, softmax_minus_labels(LOGITS[case]), rtol=1e-5, atol=1e-30)


@pytest.mark.parametrize("case", sorted(LOGITS))
def test_the_jax_backend_too_though_xla_rewrites_a_b_b_as_a_over_b_squared(case):
    """XLA's simplifier turns ``a/b/b`` into ``a/(b*b)``; the JAX printer writes ``a/b*(1/b)``.  (``jax.grad`` of
    the same softmax gives [-0, -1, -0] at the large logits and NaN at the small ones.)"""
    pytest.importorskip("jax")
    _, (gradient,) = hand_softmax_cross_entropy("jax")(Z=np.array(LOGITS[case], np.float32), Y=LABELS.astype(np.float32))
    np.testing.assert_allclose(gradient, softmax_minus_labels(LOGITS[case]), rtol=1e-5, atol=1e-30)


def test_the_denominator_is_divided_twice_in_the_printed_gradient():
    source = hand_softmax_cross_entropy().source
    assert "t0/t1/t1" in source and "**(-2)" not in source
    assert "t3 = t0/t1" in source  # the value divides too: one rounding, as TF1's RealDiv


def test_an_elementwise_quotient_of_two_variables_against_the_quotient_rule_by_hand():
    a, b = np.array([[1.5, -2.0], [3.0, 0.25]]), np.array([[2.0, 4.0], [-1.5, 0.5]])
    A, B = symopt.Variable("A", a), symopt.Variable("B", b)
    cost = ops.sum(ops.hadamard(A, ops.power(ops.matadd(B, ops.hadamard(A, A)), -1)))
    _, (grad_a, grad_b) = symopt.compile(cost, wrt=[A, B])(A=a, B=b)
    assert np.allclose(grad_a, (b - a * a) / (b + a * a) ** 2, rtol=1e-13)
    assert np.allclose(grad_b, -a / (b + a * a) ** 2, rtol=1e-13)


def test_tf1_softmax_from_scratch_has_tf1s_gradient():
    tf.reset_default_graph()
    z = tf.placeholder(tf.float32, [None, 3])
    y = tf.placeholder(tf.float32, [None, 3])
    softmax = tf.exp(z) / tf.reduce_sum(tf.exp(z), 1, keepdims=True)
    gradient = tf.gradients(-tf.reduce_sum(y * tf.log(softmax)), z)[0]
    with tf.Session() as session:
        for case, expected in TF1_GRADIENT.items():
            got = session.run(gradient, {z: LOGITS[case], y: LABELS})
            np.testing.assert_allclose(got[0], expected, rtol=2e-7)


def test_a_factor_after_a_quotient_multiplies_after_the_division():
    """``A∘B⁻¹∘C`` prints ``A/B*C`` in its own order (TF1's ``a / b * c``): ``A*C/B`` overflowed float32 at 1e20."""
    v = np.full((1, 2), 1e20, np.float32)
    A, B, C = (symopt.Variable(n, v) for n in "ABC")
    function = symopt.compile(ops.sum(ops.hadamard(A, ops.power(B, -1), C)), wrt=[A], dtype="float32")
    assert "(A/B*C).sum()" in function.source
    assert function(A=v, B=v, C=v)[0] == np.float32(2e20)  # two entries of 1e20


def test_the_denominators_gradient_divides_the_numerator_first():
    """d/dB of ``A/B*C`` is ``-((A/B/B)*C)``, TF1's ``c*((-a/b)/b)``: -1 at 1e20 in float32, where ``-(A*C)/B/B``
    overflowed to -inf (review3 R1)."""
    v = np.full((1, 2), 1e20, np.float32)
    A, B, C = (symopt.Variable(n, v) for n in "ABC")
    function = symopt.compile(ops.sum(ops.hadamard(A, ops.power(B, -1), C)), wrt=[A, B, C], dtype="float32")
    assert "-((A/B/B)*C)" in function.source
    _, (grad_a, grad_b, grad_c) = function(A=v, B=v, C=v)
    np.testing.assert_array_equal(grad_b, -1.0)
    np.testing.assert_array_equal(grad_a, 1.0)
    np.testing.assert_array_equal(grad_c, 1.0)


def test_a_divisor_read_by_the_value_and_the_gradient_is_computed_once():
    """The value divides by ``S @ B`` and the gradient reads its reciprocal: one product, named (review3 R5: it was
    computed twice, once inside the reciprocal and once in the division)."""
    R, A, S, B = (symopt.Variable(n, np.ones((3, 3))) for n in "RASB")
    source = symopt.compile(ops.sum(ops.hadamard(R, A, ops.power(ops.matmul(S, B), -1))), wrt=[A]).source
    assert source.count("S @ B") == 1 and "/t0" in source


@pytest.mark.parametrize("backend", ["numpy", "jax"])
def test_two_divisors_in_a_row_on_either_backend(backend):
    """``A/B/C`` at 1e30/1e20/1e20 in float32 is 1e-10; XLA rewrites ``A/B/C`` as ``A/(B*C)`` (0 there), so the
    JAX printer writes ``A/B*(1/C)`` (review3 R6)."""
    if backend == "jax":
        pytest.importorskip("jax")
    A, B, C = (symopt.Variable(n, np.full((1, 2), x, np.float32)) for n, x in zip("ABC", (1e30, 1e20, 1e20)))
    function = symopt.compile(ops.sum(ops.hadamard(A, ops.power(B, -1), ops.power(C, -1))), wrt=[A, B, C],
                              dtype="float32", backend=backend)
    a, b, c = np.full((1, 2), 1e30, np.float32), np.full((1, 2), 1e20, np.float32), np.full((1, 2), 1e20, np.float32)
    value, (grad_a, grad_b, grad_c) = function(A=a, B=b, C=c)
    assert float(value) == pytest.approx(2e-10, rel=1e-6)
    if backend == "numpy":  # a float32 subnormal (XLA's CPU code flushes subnormals to 0)
        np.testing.assert_allclose(grad_a, 1e-40, rtol=1e-3)
    np.testing.assert_allclose(np.asarray(grad_b), -1e-30, rtol=1e-6)
    np.testing.assert_allclose(np.asarray(grad_c), -1e-30, rtol=1e-6)


def test_a_divisor_divided_twice_is_computed_once():
    """``A∘(B/C)^{∘-2}`` prints ``A/t0/t0`` with ``t0 = B/C`` (review3 R5 addendum: ``A/(B/C)/(B/C)``)."""
    A, B, C = (symopt.Variable(n, np.full((2, 2), x)) for n, x in zip("ABC", (1.0, 2.0, 3.0)))
    function = symopt.compile(ops.sum(ops.hadamard(A, ops.power(ops.hadamard(B, ops.power(C, -1)), -2))), wrt=[A])
    assert function.source.count("B/C") == 1
    assert function(A=np.ones((2, 2)), B=np.full((2, 2), 2.0), C=np.full((2, 2), 3.0))[0] == pytest.approx(9.0)
