"""P59-1: the course-form (network) LaTeX joins names of several letters with ``\\cdot`` in matrix products, as
docs/display.md "Notation" promises; juxtaposed, ``inp weight`` typesets as the one italic run "inpweight".

Oracle: the lines written by hand from the network Z = inp·weight, L = 3Z², J = (1/3) Σ L.
"""
import symopt
from symopt import ops
from symopt.display import derive


def test_a_matrix_product_of_words_is_joined_by_cdot_in_the_course_latex():
    inp = symopt.Placeholder("inp", (3, 2))
    weight = symopt.Variable("weight", 0.0, shape=(2, 1))
    lines = derive(ops.sum(ops.square(inp @ weight)), weight, shapes=False).latex().splitlines()
    assert r"Z &= inp \cdot weight \\" in lines
    assert r"dweight &= \frac{1}{3} inp^{T} \cdot dZ" in lines
