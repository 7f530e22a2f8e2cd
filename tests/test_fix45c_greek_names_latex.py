"""probe75 P75-10: in LaTeX a name of several letters written with Greek letters (``Symbol("Δw")`` as ``\\Delta w``,
``Symbol("αβ")`` as ``\\alpha\\beta``, ``lambda_`` as ``\\lambda\\_``) is joined to its neighbours by ``\\cdot``, as
the text form joins it with ``·``, never juxtaposed into the run "Δwαβ" (read Δ·w·α·β); and such a name raised to
a power is in parentheses, ``\\left(\\Delta w\\right)^{2}``, not ``\\Delta w^{2}`` (Δ·w²).  Oracle: the text form's
factors (the same products, separated by ``·``) and the expression itself: each LaTeX line's factors, read back
by name, multiply to the SymPy product."""

import sympy

from symopt.display import derive
from symopt.display.latex_notation import latex
from symopt.display.notation import text

dw, ab, lam, wb, eta, th = (sympy.Symbol(name) for name in ("Δw", "αβ", "lambda_", "w_bar", "eta", "theta"))
BY_LATEX = {r"\Delta w": dw, r"\alpha\beta": ab, r"\lambda\_": lam, "w_{bar}": wb, r"\eta": eta, r"\theta": th}


def read_back(printed: str):
    """The product a LaTeX line shows: its ``\\cdot``-joined factors, each a run of one-letter names and numbers."""
    factors = []
    for factor in printed.split(r" \cdot "):
        pieces = [factor] if factor in BY_LATEX else factor.split(" ")
        factors += [BY_LATEX[piece] if piece in BY_LATEX else sympy.Integer(piece) for piece in pieces]
    return sympy.Mul(*factors)


def test_each_product_is_joined_as_the_text_joins_it():
    for product in (dw * ab, lam * wb, 2 * eta * th * dw):
        printed = latex(product)
        assert len(printed.split(r" \cdot ")) == len(text(product).split("·"))
        assert read_back(printed) == product, printed
    assert latex(dw * ab) == r"\Delta w \cdot \alpha\beta" and latex(lam * wb) == r"\lambda\_ \cdot w_{bar}"


def test_a_power_of_a_name_of_several_letters_is_grouped():
    assert latex(dw**2) == r"\left(\Delta w\right)^{2}" and latex(ab**3) == r"\left(\alpha\beta\right)^{3}"
    assert latex(eta**2) == r"\eta^{2}" and latex(th**2 * eta) == r"\eta \theta^{2}"  # one letter: as before
    shown = derive(dw * ab + lam * wb + eta * th * dw**2, [dw, th],
                   at={dw: 3, ab: 2, lam: 1, wb: 1, eta: 0.5, th: 2}).latex()
    assert r"u &= \left(\Delta w\right)^{2} = 9" in shown and r"q &= \Delta w \cdot \alpha\beta = 6" in shown
    assert r"= 2 \eta \theta \cdot \Delta w + \alpha\beta = 8" in shown
