"""probe68 P68-9: on an ASCII console the product sign × is written ``*`` (a shape's ``3×m`` is ``3xm``), never the letter ``x``, which the
course's logistic regression also uses as its input (``u: x <- w, x`` read as "u is x")."""

import sympy

from symopt.ascii_output import HANDLER, transliterated
from symopt.display import graph


def test_the_ops_drawing_of_w_times_x_in_ascii():
    w, x, b = sympy.symbols("w x b")
    lines = str(graph(w * x + b).with_style("ops")).splitlines()
    assert "u: ×  ← w, x" in lines
    assert transliterated("u: ×  ← w, x") == "u: *  <- w, x"


def test_a_shape_in_ascii():
    """final43d F43d-8: the sign between two dimensions is ``x`` (a shape), never ``*``, which reads ``(3*m)`` as a
    factor of the product beside it; the console's handler sees the characters around the unencodable ``×``."""
    assert transliterated("dZ (3×m)") == "dZ (3xm)"
    line = "dW (2×3) = (1/m) dZ (3×m) · Xᵀ (m×2)"
    assert line.encode("ascii", HANDLER) == b"dW (2x3) = (1/m) dZ (3xm) * X^T (mx2)"
