"""P59-3, F42c-1: a matrix of numbers keeps every number up to 40 entries, whatever its shape (a 10-class
softmax's probabilities, its 1×10 bias gradient); in LaTeX, a row wider than 5 columns (32 entries typeset
2436 px wide in a 668 px output area) continues below itself in blocks of 5 columns.

Oracle: the entries themselves, written by hand; NumPy's min and max for a summary.
"""
import re

import numpy as np

from symopt.display.glyphs import format_array


def typeset_rows(latex: str) -> list:
    """The rows of numbers of each block, as lists of entries."""
    blocks = re.findall(r"\\begin\{b?matrix\} (.*?) \\end\{b?matrix\}", latex)
    return [[row.split(" & ") for row in block.split(r" \\ ")] for block in blocks]


def test_a_row_of_ten_numbers_is_shown_entry_by_entry_as_its_column_is():
    row = np.arange(10.0).reshape(1, 10)
    assert format_array(row)[0] == "[[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]"
    assert format_array(row.T)[0] == "[[0], [1], [2], [3], [4], [5], [6], [7], [8], [9]]"


def test_a_wide_row_is_typeset_in_blocks_of_five_columns_keeping_every_number():
    row = np.arange(32.0).reshape(1, 32)
    blocks = typeset_rows(format_array(row)[1])
    assert [len(block[0]) for block in blocks] == [5, 5, 5, 5, 5, 5, 2]
    assert [entry for block in blocks for entry in block[0]] == [str(n) for n in range(32)]


def test_the_blocks_of_a_wide_matrix_keep_its_rows():
    matrix = np.arange(40.0).reshape(4, 10)  # a dW of 4 inputs and 10 classes: 40 entries
    latex = format_array(matrix)[1]
    assert typeset_rows(latex) == [[[str(10 * i + j) for j in range(5)] for i in range(4)],
                                   [[str(10 * i + j) for j in range(5, 10)] for i in range(4)]]
    assert latex.count(r"\left[") == 1 and latex.count(r"\right]") == 1


def test_a_row_of_five_numbers_is_one_bmatrix():
    text, latex = format_array(np.arange(5.0).reshape(1, 5))
    assert text == "[[0, 1, 2, 3, 4]]"
    assert latex == r"\begin{bmatrix} 0 & 1 & 2 & 3 & 4 \end{bmatrix}"


def test_more_than_forty_numbers_are_shown_by_shape_and_range():
    matrix = np.linspace(-0.5, 0.25, 41).reshape(1, 41)
    assert format_array(matrix)[0] == f"(1×41 matrix, entries from {matrix.min():g} to {matrix.max():g})"


def test_each_block_of_a_wide_matrix_names_its_columns():
    """review final42g F42g-3: unmarked, the blocks of a 2x10 matrix read as a 4x5 one (rows 0, 10, 5, 15)."""
    latex = format_array(np.arange(20.0).reshape(2, 10))[1]
    assert re.findall(r"columns (\d+)–(\d+)", latex) == [("1", "5"), ("6", "10")]
    assert typeset_rows(latex) == [[["0", "1", "2", "3", "4"], ["10", "11", "12", "13", "14"]],
                                   [["5", "6", "7", "8", "9"], ["15", "16", "17", "18", "19"]]]
