"""P85-4 / P85-5: derivations and graphs of costs of a (1, 1) matrix Variable show the gradient's numbers: SymPy's
``I`` (the 1 x 1 identity, also its ``𝟙``) was shown ``[[undefined]]`` at a point, an entry of the fed matrix
crashed ``derive(at=)`` with a bare AttributeError, and the graph showed ``dJ/ds = undefined``.  Oracles: the
derivatives by hand (d sum(W)/dW = 1; d(sW₀₀)/dW = s, d(sW₀₀)/ds = W₀₀; d(sW₀₀)²/dW = 2s²W₀₀), in NumPy."""

import numpy as np

import symopt
from symopt import ops

S, W00 = -0.84, -1.4643


def _model():
    return symopt.Variable("W", np.array([[W00]])), symopt.Variable("s", S)


def test_gradient_of_a_sum_of_a_one_by_one_matrix_is_one():
    W = symopt.Variable("W", np.full((1, 1), 0.5))
    derivation = symopt.derive(ops.sum(W), [W], at={W: np.full((1, 1), 0.5)})
    assert str(derivation).splitlines()[-1] == "  dJ/dW = I = [[1]]"
    assert r"\frac{dJ}{dW} &= \mathbb{I} = [[1]]" in derivation.latex()
    assert "undefined" not in str(derivation) + derivation.latex()


def test_entry_of_a_scaled_one_by_one_matrix_derives_at_a_point():
    W, s = _model()
    at = {W: np.array([[W00]]), s: S}
    text = str(symopt.derive((s * W)[0, 0], [W, s], at=at))
    assert text.splitlines()[-2:] == [f"  dJ/dW = sI = [[{S}]]", f"  dJ/ds = W[0,0] = {W00}"]
    markdown = symopt.derive((s * W)[0, 0], [W, s], at=at).markdown()
    assert f"s \\mathbb{{I}} = [[{S}]]" in markdown and "undefined" not in markdown


def test_square_of_the_entry_derives_to_hand_numbers():
    W, s = _model()
    text = str(symopt.derive((s * W)[0, 0] ** 2, [W, s], at={W: np.array([[W00]]), s: S}))
    expected = 2 * S * S * W00  # -2.06642016
    assert f"[[{float(f'{expected:.6g}')}]]" in text.splitlines()[-2], text
    assert "undefined" not in text


def test_graph_values_of_the_entry_show_both_gradients():
    W, s = _model()
    lines = str(symopt.graph((s * W)[0, 0], style="values", at={W: np.array([[W00]]), s: S})).splitlines()
    assert lines[:2] == [f"s = {S}, dJ/ds = {W00}", f"W = [[{W00}]], dJ/dW = [[{S}]]"]
