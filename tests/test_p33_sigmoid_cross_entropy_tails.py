"""probe33 P33-3: ``ops.sigmoid_cross_entropy`` is exact in both tails, as TF1's kernel.

It printed ``softplus(z) - y*z``, which for a confidently right positive example (z > 0, y = 1) is
``(z + log1p(e^-z)) - z``: 0 from z = 17 in float32 (z = 37 in float64), and its gradient ``sigmoid(z) - y`` 0 once
``sigmoid(z)`` rounds to 1, where the mirrored negative example was exact.  It is now the
:class:`~symopt.stable.LogisticLoss` node (``runtime.logistic_loss``, TF1's ``max(z, 0) - zy + log(1 + e^-|z|)``),
whose gradient is ``(1 - y)σ(z) - yσ(-z)``.  Oracles: mpmath at 40 digits; TF1's values from probe33's findings
(TF 2.21 ``tf.compat.v1``: 4.1399378e-08 float32, 4.139937633089748e-08 float64 at z = 17, 4.248354255291589e-18
at z = 40).
"""

from __future__ import annotations

import mpmath
import numpy as np
import pytest

import symopt
from symopt import ops

X = symopt.Placeholder("X", (None, 1))
Y = symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", np.ones((1, 1)))
COST = ops.sigmoid_cross_entropy(X @ W, Y)


def _oracle(z: float, label: float) -> tuple[float, float]:
    """The loss ``log(1 + e^z) - yz`` and its slope along W at W = 1, ``(σ(z) - y)·z``, at 40 digits."""
    with mpmath.workdps(40):
        z_, y_ = mpmath.mpf(z), mpmath.mpf(label)
        return float(mpmath.log1p(mpmath.exp(z_)) - y_ * z_), float((1 / (1 + mpmath.exp(-z_)) - y_) * z_)


def _run(cost, z: float, label: float | None, dtype: str):
    feed = {"W": np.ones((1, 1)), "X": np.array([[z]])}
    if label is not None:
        feed["y"] = np.array([[label]])
    value, gradient = symopt.compile(cost, W, dtype=dtype)(**feed)
    return float(value), float(gradient[0, 0])


ULPS = {"float32": 4 * float(np.finfo(np.float32).eps), "float64": 8 * float(np.finfo(np.float64).eps)}


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("z, label", [(17.0, 1.0), (-17.0, 0.0), (40.0, 1.0), (-40.0, 0.0), (0.5, 0.3), (-3.0, 1.0)])
def test_both_tails_are_exact(z, label, dtype):
    value, slope = _run(COST, z, label, dtype)
    true_value, true_slope = _oracle(z, label)
    assert value == pytest.approx(true_value, rel=ULPS[dtype], abs=0)
    assert slope == pytest.approx(true_slope, rel=ULPS[dtype], abs=0)


def test_tf1_digits_and_a_nonzero_float32_gradient_at_17():
    value, slope = _run(COST, 17.0, 1.0, "float32")
    assert value == float(np.float32(4.1399378e-08))  # TF1's float32 value; was 0.0
    assert slope == float(np.float32(-7.0378945e-07))  # was 0.0; mpmath -7.0378938e-07
    assert _run(COST, 17.0, 1.0, "float64")[0] == 4.139937633089748e-08  # TF1's float64 value; was ...459513021e-08
    assert _run(COST, 40.0, 1.0, "float64") == (4.248354255291589e-18, pytest.approx(-1.699341702116636e-16))


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_one_label_for_every_entry(dtype):
    """``sigmoid_cross_entropy(z, 1)`` (a GAN's "all real" target) was ``mean(softplus(z)) - mean(z)``, 0 at z = 17."""
    cost = ops.sigmoid_cross_entropy(X @ W, 1)
    value, slope = _run(cost, 17.0, None, dtype)
    true_value, true_slope = _oracle(17.0, 1.0)
    assert value == pytest.approx(true_value, rel=ULPS[dtype], abs=0)
    assert slope == pytest.approx(true_slope, rel=ULPS[dtype], abs=0)


def test_the_printed_program():
    assert symopt.compile(COST, W).source.splitlines()[-1] == (
        "    return logistic_loss(t1, y).sum()/m, (t0*(X.T @ ((1 - y)*sigmoid(t1) - (y*sigmoid(-t1)))),)")
    assert symopt.compile(ops.sigmoid_cross_entropy(X @ W, 1), W).source.splitlines()[-1] == (
        "    return logistic_loss(t1, numpy.ones((m, 1), dtype='float64')).sum()/m, ((-t0)*(X.T @ sigmoid(-t1)),)")


def test_derive_still_shows_the_course_formula():
    assert str(symopt.derive(COST, W, names={X @ W: "Z"})) == (
        "forward\n"
        "  Z = X W\n"
        "  A = σ(Z)\n"
        "  L = softplus(Z) - Z·y\n"
        "  J = (1/m) Σ L\n"
        "backward (dZ = m·∂J/∂Z, the gradient of each example's loss L; Σ sums over the examples, axis 0, dimensions "
        "kept)\n"
        "  dZ (m×1) = A - y\n"
        "  dW (1×1) = (1/m) Xᵀ (1×m) · dZ (m×1)")


def test_a_wrong_label_is_still_refused_when_fed():
    with pytest.raises(symopt.errors.FeedError):
        symopt.compile(COST, W)(W=np.ones((1, 1)), X=np.array([[1.0]]), y=np.array([[2.0]]))
