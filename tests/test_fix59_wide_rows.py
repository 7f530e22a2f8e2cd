"""P59-3: a matrix of numbers with more columns than fit beside its formula in a notebook (a bias gradient of 32
entries typeset 2436 px wide in a 668 px output area) is summarised by its shape and range, as a large one is.

Oracle: NumPy's min and max of the entries, and the entries themselves for a row that fits.
"""
import numpy as np

from symopt.display.glyphs import format_array


def test_a_row_of_32_numbers_is_shown_by_its_shape_and_range():
    row = np.linspace(-0.5, 0.25, 32).reshape(1, 32)
    text, latex = format_array(row)
    assert text == f"(1×32 matrix, entries from {row.min():g} to {row.max():g})"
    assert "bmatrix" not in latex


def test_a_row_of_eight_numbers_is_shown_entry_by_entry():
    text, latex = format_array(np.arange(8.0).reshape(1, 8))
    assert text == "[[0, 1, 2, 3, 4, 5, 6, 7]]"
    assert latex == r"\begin{bmatrix} 0 & 1 & 2 & 3 & 4 & 5 & 6 & 7 \end{bmatrix}"


def test_a_long_remark_is_cut_between_words_never_inside_its_math():
    from symopt.display.line_breaks import wrapped_words

    remark = r"$Y$ is one-hot (each example's labels sum to 1), so softmax and log cancel to $A_{2} - Y$"
    assert wrapped_words(remark, 40) == ["$Y$ is one-hot (each example's labels sum", "to 1), so softmax and log cancel to",
                                         "$A_{2} - Y$"]
    assert wrapped_words(r"a \$5 fee", 40) == [r"a \$5 fee"]  # an escaped dollar is a word, not math
