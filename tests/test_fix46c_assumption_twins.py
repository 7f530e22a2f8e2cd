"""Two symbols of one name that differ only by their assumptions (``Symbol('w', real=True)`` beside the plain ``w``
that ``parse_expr`` makes) are described apart, with that cause and its fix (probe82 P82-1): the message listed
``symbol w (scalar), symbol w (scalar)`` and blamed a Variable made again by re-running a notebook cell.  Oracle:
SymPy, for which the two are different symbols of one name."""

from __future__ import annotations

import pytest
import sympy
from sympy.parsing.sympy_parser import parse_expr

import symopt
from symopt.errors import FeedError


def test_an_ambiguous_input_name_names_the_assumptions():
    w = sympy.Symbol("w", real=True)
    cost = parse_expr("(w - 3)**2") + w ** 2
    assert len(cost.free_symbols) == 2 and {str(s) for s in cost.free_symbols} == {"w"}  # SymPy: two w
    with pytest.raises(FeedError) as caught:
        symopt.compile(cost, w)(w=1.0)
    message = str(caught.value)
    assert "symbol w (scalar, real=True)" in message and "symbol w (scalar, no assumptions)" in message
    assert "they differ by their assumptions" in message and "parse_expr(text, local_dict={'w': w})" in message


def test_a_variable_beside_parse_expr_s_w_is_not_called_a_rerun_cell():
    v = symopt.Variable("w", 0.0)
    cost = parse_expr("(w - 3)**2") + v ** 2
    with pytest.raises(FeedError) as caught:
        symopt.minimize(cost, v, steps=2)
    message = str(caught.value)
    assert "(real=True; no assumptions): they differ by their assumptions" in message
    assert "parse_expr(text, local_dict={'w': w})" in message and "notebook cell" not in message


def test_two_variables_of_one_name_keep_the_rerun_cause():
    first, again = symopt.Variable("w", 0.0), symopt.Variable("w", 0.0)
    with pytest.raises(FeedError, match="re-running a notebook cell"):
        symopt.minimize((first - 3) ** 2 + again ** 2, again, steps=2)
