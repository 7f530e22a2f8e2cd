"""Numbers of the general (non-course) matrix derivation under ``at=``: each line's array, small matrices entry by
entry, large ones by shape and range; gradients against NumPy written here by hand and central finite differences
(and against symopt.compile inside derive, which raises on a disagreement)."""

import json

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.display import derive
from symopt.display.backward import adjoint_symbol
from symopt.errors import FeedError, UnsupportedOperationError

X = symopt.Placeholder("X", (None, 2))
y = symopt.Placeholder("y", (None, 1))
W1 = symopt.Variable("W1", 0.0, shape=(2, 3))
W2 = symopt.Variable("W2", 0.0, shape=(3, 1))
RNG = np.random.default_rng(11)
W1V, W2V = RNG.normal(size=(2, 3)), RNG.normal(size=(3, 1))


def _relative_error():
    """Not a mean over the examples (divided by Σy²): the general derivation, not the course's."""
    return ops.sum(ops.square(ops.tanh(X @ W1) @ W2 - y)) / ops.sum(ops.square(y))


def _numpy_cost(xv, yv, w1, w2):
    return np.sum((np.tanh(xv @ w1) @ w2 - yv) ** 2) / np.sum(yv**2)


def _numpy_gradients(xv, yv, w1, w2):
    """The chain rule by hand: r = tanh(X W1) W2 - y, J = Σr²/Σy²."""
    hidden = np.tanh(xv @ w1)
    dr = 2 * (hidden @ w2 - yv) / np.sum(yv**2)
    return xv.T @ ((dr @ w2.T) * (1 - hidden**2)), hidden.T @ dr


def _finite_differences(xv, yv, w1, w2):
    gradients = []
    for index, array in enumerate((w1, w2)):
        gradient = np.zeros_like(array)
        for position in np.ndindex(array.shape):
            moved = [[w1.copy(), w2.copy()] for _ in range(2)]
            moved[0][index][position] += 1e-6
            moved[1][index][position] -= 1e-6
            gradient[position] = (_numpy_cost(xv, yv, *moved[0]) - _numpy_cost(xv, yv, *moved[1])) / 2e-6
        gradients.append(gradient)
    return gradients


def _shown(numbers: str) -> np.ndarray:
    return np.array(json.loads(numbers), dtype=float)


def test_a_small_example_every_line_entry_by_entry():
    xv, yv = np.array([[1.0, -2.0], [0.5, 0.0], [0.0, 1.5]]), np.array([[1.0], [-1.0], [0.5]])
    derivation = derive(_relative_error(), [W1, W2], at={X: xv, y: yv, W1: W1V, W2: W2V})
    lines = str(derivation).splitlines()
    assert lines[0] == "forward (m = 3)"
    assert [line.split(" = ")[:2] for line in lines[1:10]] == [
        ["  u", "XW₁"], ["  v", "tanh(u)"], ["  p", "vW₂"], ["  q", "p - y"], ["  r", "q∘²"], ["  s", "sum(r)"],
        ["  t", "y∘²"], ["  u₁", "sum(t)"], ["  J", "s/u₁"]]  # no step w beside W₁, W₂ (probe20 P20-14)
    np.testing.assert_allclose(_shown(lines[2].split(" = ")[2]), np.tanh(xv @ W1V), atol=5e-5)
    assert lines[9] == f"  J = s/u₁ = {round(_numpy_cost(xv, yv, W1V, W2V), 4):g}"
    by_hand, by_differences = _numpy_gradients(xv, yv, W1V, W2V), _finite_differences(xv, yv, W1V, W2V)
    for symbol, hand, differences in zip((W1, W2), by_hand, by_differences):
        line = next(line for line in lines if line.startswith(f"  dJ/d{symbol.name[0]}"
                                                               f"{'₁' if symbol is W1 else '₂'} = "))
        np.testing.assert_allclose(_shown(line.rsplit(" = ", 1)[1]), hand, atol=5e-5)
        np.testing.assert_allclose(derivation.numbers[adjoint_symbol(symbol)],
                                   differences, rtol=1e-5, atol=1e-7)
        np.testing.assert_allclose(derivation.numbers[adjoint_symbol(symbol)], hand,
                                   rtol=1e-12)


def test_large_matrices_are_summarised_by_shape_and_range():
    xv, yv = RNG.normal(size=(50, 2)), RNG.normal(size=(50, 1))
    lines = str(derive(_relative_error(), [W1, W2], at={X: xv, y: yv, W1: W1V, W2: W2V})).splitlines()
    hidden = np.tanh(xv @ W1V)
    assert lines[0] == "forward (m = 50)"
    assert lines[2] == (f"  v = tanh(u) = (50×3 matrix, entries from {round(hidden.min(), 4):g} "
                        f"to {round(hidden.max(), 4):g})")
    dw1, dw2 = _numpy_gradients(xv, yv, W1V, W2V)
    assert lines[-1] == "  dJ/dW₂ = " + lines[-1].split(" = ")[1] + " = [[" + "], [".join(
        f"{round(v, 4):g}" for v in dw2.ravel()) + "]]"


def test_the_gradient_section_names_the_backward_line_rather_than_other_adjoints():
    """Written in the inputs the gradient is too long; it is never shown in other lines' adjoints (ds·Xᵀ + ...)."""
    Xc, Yc = symopt.Placeholder("Xc", (2, None)), symopt.Placeholder("Yc", (1, None))
    V1, V2 = symopt.Variable("V1", 0.0, shape=(3, 2)), symopt.Variable("V2", 0.0, shape=(1, 3))
    A2 = ops.sigmoid(V2 @ ops.tanh(V1 @ Xc))
    ones = sympy.OneMatrix(*A2.shape)
    cost = -ops.sum(ops.hadamard(Yc, ops.log(A2)) + ops.hadamard(ones - Yc, ops.log(ones - A2))) / Xc.shape[1] \
        - ops.sum(Xc)
    xv, yv, v1, v2 = RNG.normal(size=(2, 4)), np.array([[1.0, 0.0, 1.0, 1.0]]), RNG.normal(size=(3, 2)), \
        RNG.normal(size=(1, 3))
    derivation = derive(cost, [V1, V2], at={Xc: xv, Yc: yv, V1: v1, V2: v2})
    lines = str(derivation).splitlines()
    assert lines[-3:-1] == ["gradient", lines[-2]] and lines[-2].startswith("  dJ/dV₁ = dV₁ = [[")
    hidden = np.tanh(v1 @ xv)
    a2 = 1 / (1 + np.exp(-(v2 @ hidden)))
    dz2 = (a2 - yv) / 4
    np.testing.assert_allclose(derivation.numbers[adjoint_symbol(V2)], dz2 @ hidden.T, rtol=1e-10)
    np.testing.assert_allclose(derivation.numbers[adjoint_symbol(V1)],
                               ((v2.T @ dz2) * (1 - hidden**2)) @ xv.T, rtol=1e-10)
    assert not any("ds·" in line or "du" in line.split(" = ")[1] for line in lines[-2:])


def test_a_disagreement_with_the_compiled_gradient_raises(monkeypatch):
    from symopt.display import matrix_numbers

    def shifted(cost, wrt, arrays, dtype=None):
        value, gradients = symopt.display.numbers.compiled_gradient(cost, wrt, arrays, dtype)
        return value, {symbol: gradient + 1.0 for symbol, gradient in gradients.items()}
    monkeypatch.setattr(matrix_numbers, "compiled_gradient", shifted)
    with pytest.raises(UnsupportedOperationError, match="disagrees with symopt.grad"):
        derive(_relative_error(), [W1, W2], at={X: np.ones((2, 2)), y: np.ones((2, 1)), W1: W1V, W2: W2V})


def test_no_real_cost_no_slopes_and_scalar_inputs_in_the_point():
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    lines = str(derive(ops.sum(ops.log(X @ W)), W, at={X: [[1.0, 2.0], [-3.0, 0.0]], W: [[1.0], [1.0]]})).splitlines()
    assert lines[1:4] == ["  u = XW = [[3], [-3]]", "  v = log(u) = [[1.0986], [undefined]]", "  J = sum(v) = undefined"]
    assert lines[-1] == "  dJ/dW = Xᵀ(1/(XW)) = [[undefined], [undefined]]"
    lam = symopt.Placeholder("lam", ())
    lines = str(derive(lam * ops.sum(ops.square(X @ W)) + ops.sum(W), W,
                       at={X: [[1.0, 2.0]], W: [[1.0], [1.0]], lam: 0.5})).splitlines()
    assert lines[0] == "forward (m = 1, lam = 0.5)"
    assert lines[-1] == "  dJ/dW = 2·lam·XᵀXW + 𝟙 = [[4], [7]]"  # 2·0.5·[1, 2]ᵀ·3 + 1


def test_a_missing_placeholder_is_a_feed_error():
    with pytest.raises(FeedError, match="missing a value for X"):
        derive(_relative_error(), [W1, W2], at={y: np.ones((2, 1))})
