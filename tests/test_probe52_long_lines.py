r"""probe52 P52-3: long derivation lines were never broken (a 12-point least squares: a 354-character text line, an
832-character LaTeX row).  Chains and the point line now break at :data:`symopt.display.line_breaks.WIDTH`
characters of text: before an ``=`` or a ``+``/``-`` between terms, continued with indentation in text and on
``&= ...`` / ``&\quad + ...`` rows of the ``aligned`` environment in LaTeX.  And the steps follow the inputs' natural
order (``x₂`` before ``x₁₀``)."""

from __future__ import annotations

import numpy as np
import sympy

import symopt
from symopt.display.line_breaks import WIDTH

w = sympy.Symbol("w")
XS, YS = sympy.symbols("x1:13"), sympy.symbols("y1:13")
J = sum((w * x - y) ** 2 for x, y in zip(XS, YS)) / 12
AT = {w: 0.5, **{x: k for k, x in enumerate(XS, 1)}, **{y: 2 * k for k, y in enumerate(YS, 1)}}


def _unbroken(derivation) -> tuple[str, str]:
    """Every chain on one line / one row, as before the breaks (the oracle for what the broken lines hold)."""
    sections = derivation.sections()
    text = [" = ".join(side.text for side in equation) for section in sections for equation in section.equations]
    latex = [f"{eq[0].latex} &= " + " = ".join(side.latex for side in eq[1:]) for section in sections
             for eq in section.equations]
    return " ".join(" ".join(text).split()), " ".join(" ".join(latex).split())


def test_text_lines_fit_the_width_and_hold_the_same_chains():
    derivation = symopt.derive(J, w, at=AT)
    text = str(derivation)
    assert max(len(line) for line in text.splitlines()) <= WIDTH
    assert text.splitlines()[:4] == [  # WIDTH = 72 (probe59 P59-3: rows cut at 100 were wider than a notebook)
        "forward (w = 0.5, x₁ = 1, x₂ = 2, x₃ = 3, x₄ = 4, x₅ = 5, x₆ = 6,",
        "         x₇ = 7, x₈ = 8, x₉ = 9, x₁₀ = 10, x₁₁ = 11, x₁₂ = 12, y₁ = 2,",
        "         y₂ = 4, y₃ = 6, y₄ = 8, y₅ = 10, y₆ = 12, y₇ = 14, y₈ = 16,",
        "         y₉ = 18, y₁₀ = 20, y₁₁ = 22, y₁₂ = 24)"]
    chains = [line for line in text.splitlines()[4:] if line.startswith("  ") and not line.startswith("   ")]
    body = " ".join("\n".join(text.splitlines()[4:]).replace("backward", "").replace("gradient", "").split())
    assert body == _unbroken(derivation)[0] and len(chains) < len(text.splitlines()) - 4
    gradient = text.split("\ngradient\n")[1]
    assert gradient.splitlines()[1].startswith("        + ")  # continued under the =
    # the number: (1/6) Σ (0.5k - 2k) k = -0.25 Σ k², by hand, and the compiled gradient
    assert gradient.endswith(f"= {-0.25 * sum(k * k for k in range(1, 13)):g}")
    assert symopt.grad(J, [w])[0].subs(AT) == -162.5


def test_latex_continues_on_rows_of_the_aligned_environment():
    derivation = symopt.derive(J, w, at=AT)
    rows = derivation.latex().split(" \\\\\n")
    assert rows[1].startswith(r"&\quad x_{7} = 7,\; ") and rows[0].endswith(r"x_{6} = 6,")
    continued = [row for row in rows if row.startswith(r"&\quad + ") or row.startswith("&= ")]
    assert continued and max(len(row) for row in rows) < 300  # was one 832-character row
    joined = derivation.latex().replace(" \\\\\n&\\quad + ", " + ").replace(" \\\\\n&= ", " = ")
    body = joined.split("\n", 1)[1].rsplit("\n", 1)[0].split(" \\\\\n")
    equations = [row for row in body if not row.startswith("&")]
    assert " ".join(" ".join(equations).split()) == _unbroken(derivation)[1]


def test_steps_follow_the_inputs_natural_order():
    forward = str(symopt.derive(J, w)).splitlines()[1:8]
    assert forward == ["  u = wx₁", "  v = u - y₁", "  p = v²", "  q = wx₂", "  r = q - y₂", "  s = r²", "  t = wx₃"]


def test_a_short_chain_and_an_array_stay_on_one_line():
    a, b, c = sympy.symbols("a b c")
    assert str(symopt.derive(3 * (a + b * c), [a, b, c], at={a: 5, b: 3, c: 2})).splitlines()[0] == \
        "forward (a = 5, b = 3, c = 2)"
    X = symopt.Placeholder("X", (None, 4))
    W = symopt.Variable("W", np.zeros((4, 6)), shape=(4, 6))
    shown = str(symopt.derive(symopt.ops.sum(symopt.ops.tanh(X @ W)), [W], at={X: np.ones((3, 4)) / 3}))
    assert all(not line.lstrip().startswith("= [") for line in shown.splitlines())  # beside its formula
