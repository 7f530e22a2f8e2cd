"""probe75 P75-5: ``derive(network, notation="code")`` in a notebook showed the fraction notation (its LaTeX), not the
NumPy code ``print`` gives; now the notebook gets the code as a Python Markdown block and no LaTeX.  Oracle: the
block, run after a hand-written NumPy forward pass, gives the gradients that central finite differences of the
hand-written NumPy cost give."""

import numpy as np

import symopt
from symopt import ops
from symopt.display import derive

RNG = np.random.default_rng(3)
XS, YS = RNG.normal(size=(2, 4)), np.array([[1.0, 0.0, 1.0, 1.0]])
START = {"W1": RNG.normal(size=(3, 2)), "b1": RNG.normal(size=(3, 1)), "W2": RNG.normal(size=(1, 3)),
         "b2": RNG.normal(size=(1, 1))}


def _cost(p):
    Z1 = p["W1"] @ XS + p["b1"]
    Z2 = p["W2"] @ np.maximum(Z1, 0) + p["b2"]
    return float(np.mean(np.logaddexp(0, Z2) - YS * Z2))  # the mean of sigmoid cross-entropies


def _derivation(notation="code"):
    X, Y = symopt.Placeholder("X", (2, None)), symopt.Placeholder("Y", (1, None))
    W1, b1 = symopt.Variable("W1", 0.0, shape=(3, 2)), symopt.Variable("b1", 0.0, shape=(3, 1))
    W2, b2 = symopt.Variable("W2", 0.0, shape=(1, 3)), symopt.Variable("b2", 0.0, shape=(1, 1))
    J = ops.sigmoid_cross_entropy(ops.bias_add(W2 @ ops.relu(ops.bias_add(W1 @ X, b1)), b2), Y)
    return derive(J, [W1, b1, W2, b2], notation=notation)


def test_the_notebook_shows_the_code_that_print_gives():
    derivation = _derivation()
    assert derivation._repr_latex_() is None
    assert derivation._repr_markdown_() == derivation.markdown() == f"```python\n{derivation}\n```\n"
    assert str(derivation).startswith("dZ2 = A2 - Y  # (1×m)\n")


def test_latex_is_the_fraction_derivation_the_docs_name():
    """45c-6: docs/display.md says the code has no LaTeX form and latex() gives the fraction notation."""
    code, fractions = _derivation(), _derivation(notation="fraction")
    assert code.latex() == fractions.latex() and r"\frac{" in code.latex()


def test_the_code_block_computes_the_gradient():
    block = _derivation()._repr_markdown_().removeprefix("```python\n").removesuffix("```\n")
    names = dict(START, X=XS, Y=YS, m=XS.shape[1], np=np)
    names["Z1"] = START["W1"] @ XS + START["b1"]
    names["A1"] = np.maximum(names["Z1"], 0)
    names["A2"] = 1 / (1 + np.exp(-(START["W2"] @ names["A1"] + START["b2"])))
    exec(block, names)
    h = 1e-6
    for name, value in START.items():
        slope = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            up, down = dict(START), dict(START)
            up[name], down[name] = value.copy(), value.copy()
            up[name][index] += h
            down[name][index] -= h
            slope[index] = (_cost(up) - _cost(down)) / (2 * h)
        assert np.allclose(names[f"d{name}"], slope, atol=1e-6)
