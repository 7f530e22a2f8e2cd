"""Two symbols of one name that differ only by their assumptions (``Symbol('w', real=True)`` beside the plain ``w``
that ``parse_expr`` makes) are described apart, with that cause and its fix (probe82 P82-1): the message listed
``symbol w (scalar), symbol w (scalar)`` and blamed a Variable made again by re-running a notebook cell.  Oracle:
SymPy, for which the two are different symbols of one name."""

from __future__ import annotations

import re

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


def test_wrt_by_symbol_beside_parse_expr_s_w_names_the_assumptions_not_a_rerun_cell():
    """final46c 46c-6: ``wrt`` a ``Symbol('w', real=True)``, the cost from ``parse_expr``: SymPy's two w differ by
    their assumptions (``==`` is False), not by the time they were made."""
    cost, w = parse_expr("(w - 3)**2"), sympy.Symbol("w", real=True)
    assert w != sympy.Symbol("w") and w not in cost.free_symbols  # SymPy's own verdict
    for call in (lambda: symopt.grad(cost, [w]), lambda: symopt.compile(cost, wrt=[w])):
        with pytest.raises(symopt.errors.NoGradientError) as caught:
            call()
        message = str(caught.value)
        assert "w has real=True, the cost's no assumptions: they differ by their assumptions" in message
        assert "parse_expr(text, local_dict={'w': w})" in message and "run again" not in message


def test_neither_symbol_plain_asks_for_the_same_assumptions_only():
    """final46c 46c-2: ``real=True`` beside ``positive=True``: no parse_expr is involved."""
    real, positive = sympy.Symbol("w", real=True), sympy.Symbol("w", positive=True)
    with pytest.raises(FeedError) as caught:
        symopt.compile(real ** 2 + positive, wrt=[real])(w=1.0)
    message = str(caught.value)
    assert "they differ by their assumptions, and SymPy keeps such symbols apart; give both the same assumptions" \
        in message and "parse_expr" not in message


def test_a_matrix_beside_a_scalar_of_its_name_is_not_told_about_assumptions():
    """final46c 46c-2: ``MatrixSymbol('W', 1, 1)`` beside ``Symbol('W', real=True)`` differ by kind."""
    W, w, x = sympy.MatrixSymbol("W", 1, 1), sympy.Symbol("W", real=True), sympy.Symbol("x")
    with pytest.raises(FeedError) as caught:
        symopt.compile((W[0, 0] - 3) ** 2 + w * x, wrt=[x])({"W": [[1.0]], "x": 1.0})
    message = str(caught.value)
    assert "symbol W (shape (1, 1)), symbol W (scalar)" in message and "assumptions" not in message


def test_a_keyword_name_gets_python_that_parses():
    """final46c 46c-2: ``lambda`` is a keyword: the suggested ``local_dict`` must compile (Python's own parser)."""
    lam = sympy.Symbol("lambda", positive=True)
    with pytest.raises(FeedError) as caught:
        symopt.compile((lam - 3) ** 2 + sympy.Symbol("lambda") * sympy.Symbol("x"), wrt=[sympy.Symbol("x")])(
            {"lambda": 1.0, "x": 2.0})
    suggested = re.search(r"parse_expr\(text, local_dict=\{[^}]*\}\)", str(caught.value)).group(0)
    compile(suggested, "<message>", "eval")
