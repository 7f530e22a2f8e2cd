r"""probe52 P52-7: the preamble a ``.tex`` sheet needs was undocumented, and ``\mathbb{1}`` (the broadcast ones) has
no glyph in AMS's blackboard font.  docs/display.md now names it (amsmath, amssymb, bbold); this test reads the
commands of derivations and update rules and checks that each is plain LaTeX or one the documented packages give,
and that ``\mathbb`` is only ever the ones (which ``bbold`` draws)."""

from __future__ import annotations

import pathlib
import re

import numpy as np
import sympy

import symopt
from symopt import ops

DOC = (pathlib.Path(__file__).resolve().parents[1] / "docs" / "display.md").read_text(encoding="utf-8")
#: LaTeX2e's own math commands among those symopt writes (Greek letters are checked apart).
PLAIN = {"begin", "end", "frac", "sqrt", "sum", "left", "right", "cdot", "circ", "ast", "leftarrow", "geq", "leq",
         "times", "quad", "partial", "max", "min", "textstyle", "log", "exp", "tanh", "sin", "cos", "infty", "neq",
         "lt", "gt", "qquad"}
#: What amsmath gives (aligned, bmatrix, \operatorname, \underset, \text) and amssymb (\mathbb).
PACKAGED = {"operatorname": "amsmath", "underset": "amsmath", "text": "amsmath", "mathbb": "amssymb"}


def _sheets() -> str:
    a, b, c, w = sympy.symbols("a b c w")
    texts = [symopt.derive(3 * (a + b * c), [a, b, c], at={a: 5, b: 3, c: 2}).latex(),
             symopt.derive(sympy.Abs(w) + sympy.Max(w, 0) ** 2 + symopt.relu(w) + symopt.sigmoid(w), w,
                           at={w: 0.5}).latex()]
    X, Y = symopt.Placeholder("X", (2, None)), symopt.Placeholder("Y", (1, None))
    W1, b1 = symopt.Variable("W1", 0.0, shape=(3, 2)), symopt.Variable("b1", 0.0, shape=(3, 1))
    W2, b2 = symopt.Variable("W2", 0.0, shape=(1, 3)), symopt.Variable("b2", 0.0, shape=(1, 1))
    cost = ops.sigmoid_cross_entropy(ops.bias_add(W2 @ ops.relu(ops.bias_add(W1 @ X, b1)), b2), Y)
    rng = np.random.default_rng(0)
    texts.append(symopt.derive(cost, [W1, b1, W2, b2], at={X: rng.normal(size=(2, 3)), Y: np.ones((1, 3))}).latex())
    x, m = symopt.Placeholder("x", (None, 1)), symopt.Variable("m", 0.5)
    texts.append(symopt.derive(ops.mean(ops.square(x * m - x)), m, at={x: np.ones((3, 1))}).latex())
    texts += [symopt.update_rule(o).latex() for o in (symopt.Adam(0.1), symopt.RMSProp(0.1), symopt.Adagrad(0.1))]
    return "\n".join(texts)


def test_the_preamble_is_documented_and_covers_every_command():
    preamble = re.search(r"```latex\n(.*?)```", DOC, re.S)
    assert preamble is not None, "docs/display.md names no preamble"
    packages = set(re.findall(r"\\usepackage\{(\w+)\}", preamble.group(1)))
    assert {"amsmath", "amssymb", "bbold"} <= packages
    sheets = _sheets()
    greek = {name for name in re.findall(r"\\([A-Za-z]+)", sympy.latex(sympy.symbols(
        "alpha beta gamma delta epsilon eta theta lambda mu rho sigma pi tau phi omega Sigma")))}
    commands = set(re.findall(r"\\([A-Za-z]+)", sheets))
    assert commands - PLAIN - set(PACKAGED) - greek == set()
    assert {"aligned", "bmatrix"} >= set(re.findall(r"\\begin\{(\w+)\}", sheets)) - {"matrix"}
    assert set(re.findall(r"\\mathbb\{([^}]*)\}", sheets)) == {"1"}  # bbold draws it; nothing else uses \mathbb
