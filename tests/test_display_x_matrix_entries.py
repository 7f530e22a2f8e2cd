"""A scalar step reading an entry of a product of bound matrices, (wᵀx)[0,0]: its number (it was "undefined"), and in
graph the gradient of the matrices it reads (it was a silent 0; probe U10).  Oracle: NumPy by hand and the
compiled gradient."""

import numpy as np
import sympy

import symopt

w = symopt.Variable("w", 0.0, shape=(2, 1))
x = symopt.Placeholder("x", (2, 1))
b = symopt.Variable("b", 0.0)
z = (w.T @ x)[0, 0] + b
W_AT, X_AT, B_AT = np.array([[0.5], [-0.25]]), np.array([[1.0], [3.0]]), 0.1
AT = {w: W_AT, x: X_AT, b: B_AT}


def _number(value: float) -> str:
    return f"{value:.6g}"


def _matrix(values) -> str:
    return "[" + ", ".join(f"[{_number(v)}]" for v in np.ravel(values)) + "]"


def test_derive_shows_the_entry_and_everything_after_it():
    lines = str(symopt.derive(sympy.exp(z), [w, b], names={z: "z"}, at=AT)).splitlines()
    value = (W_AT.T @ X_AT).item() + B_AT  # -0.15
    assert lines[1] == f"  z = b + (wᵀx)[0,0] = {_number(value)}"
    assert lines[2] == f"  J = exp(z) = {_number(np.exp(value))}"
    assert lines[-1] == f"  dJ/db = exp(b + (wᵀx)[0,0]) = {_number(np.exp(value))}"
    _, (dw, db) = symopt.compile(sympy.exp(z), [w, b])(AT)
    assert lines[-2] == f"  dJ/dw = exp(b + (wᵀx)[0,0])·x = {_matrix(dw)}"
    assert np.isclose(db, np.exp(value))


def test_graph_gives_the_matrices_their_gradients():
    lines = str(symopt.graph(sympy.exp(z), at=AT, names={z: "z"})).splitlines()
    value = (W_AT.T @ X_AT).item() + B_AT
    _, (dw, dx) = symopt.compile(sympy.exp(z), [w, x])(AT)
    np.testing.assert_allclose(dw, np.exp(value) * X_AT)  # the compiled gradient agrees with the hand one
    assert lines[1] == f"w = {_matrix(W_AT)}, dJ/dw = {_matrix(np.exp(value) * X_AT)}"
    assert lines[2] == f"x = {_matrix(X_AT)}, dJ/dx = {_matrix(np.exp(value) * W_AT)}"
    assert lines[3] == f"z = b + (wᵀx)[0,0] = {_number(value)}, dJ/dz = {_number(np.exp(value))}  ← b, w, x"


def test_a_squared_norm_and_an_entry_read_on_its_own():
    V = symopt.Variable("V", 1.0, shape=(2, 1))
    cost = (V.T @ V)[0, 0] + 3 * V[1, 0]
    names, at = {(V.T @ V)[0, 0]: "n2"}, {V: [[1.0], [2.0]]}
    _, gradient = symopt.compile(cost, V)(V=np.array([[1.0], [2.0]]))
    assert gradient.ravel().tolist() == [2.0, 7.0]
    assert str(symopt.graph(cost, at=at, names=names)).splitlines() == [
        "V = [[1], [2]], dJ/dV = [[2], [7]]", "V[1,0] = 2, dJ/dV[1,0] = 3", "n₂ = (VᵀV)[0,0] = 5, dJ/dn₂ = 1  ← V",
        "J = n₂ + 3·V[1,0] = 11  ← n₂, V[1,0]"]
    assert str(symopt.derive(cost, V, at=at, names=names)).splitlines()[1:3] == ["  n₂ = (VᵀV)[0,0] = 5",
                                                                                "  J = n₂ + 3·V[1,0] = 11"]
