"""probe68 P68-9: on an ASCII console the product sign × is written ``*``, never the letter ``x``, which the
course's logistic regression also uses as its input (``u: x <- w, x`` read as "u is x")."""

import sympy

from symopt.ascii_output import transliterated
from symopt.display import graph


def test_the_ops_drawing_of_w_times_x_in_ascii():
    w, x, b = sympy.symbols("w x b")
    lines = str(graph(w * x + b).with_style("ops")).splitlines()
    assert "u: ×  ← w, x" in lines
    assert transliterated("u: ×  ← w, x") == "u: *  <- w, x"


def test_a_shape_in_ascii():
    assert transliterated("dZ (3×m)") == "dZ (3*m)"
