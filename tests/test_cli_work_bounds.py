"""The CLI's derive and graph do work linear in the size of what they are given (issue 14): counted, not timed.

Before: every line of a derivation scanned every step (``Derivation.matrix``, the gradient's backward step,
the abbreviation tables) and SymPy's ``as_ordered_terms`` wrote each term of an n-term sum as a monomial
over all n symbols, so a 300-term sum took ~19 s and an 800-term one grew with n².  The parser's limits
(:mod:`symopt.parse`: 10 000 characters, nesting, power towers) bound n itself."""

from __future__ import annotations

import contextlib
import io

import pytest
import sympy

from symopt.display import command, derivation, ordering
from symopt.errors import ParseError
from symopt.parse import MAX_NONLINEAR_DEPTH


def _wide_orderings(monkeypatch) -> list:
    """The widths of the sums SymPy is asked to order term by term."""
    widths = []
    original = sympy.Expr.as_ordered_terms

    def recorded(self, *args, **kwargs):
        widths.append(len(self.args))
        return original(self, *args, **kwargs)
    monkeypatch.setattr(sympy.Expr, "as_ordered_terms", recorded)
    return widths


def _quiet(function, *args):
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        assert function(*args) == 0
    return printed.getvalue()


@pytest.mark.parametrize("terms", [60, 240])
def test_derive_of_a_long_sum_asks_each_question_once_per_line(monkeypatch, terms):
    matrix_checks = []
    original = derivation.is_matrix
    monkeypatch.setattr(derivation, "is_matrix", lambda expr: matrix_checks.append(1) or original(expr))
    widths = _wide_orderings(monkeypatch)
    expression = " + ".join(f"w{i}**2" for i in range(terms))
    printed = _quiet(command.derive_command, expression, ",".join(f"w{i}" for i in range(terms)),
                     ",".join(f"w{i}={i % 5 + 1}" for i in range(terms)))
    assert printed.count("\n") > 3 * terms  # forward, backward and gradient lines for every term
    assert len(matrix_checks) <= 4 * terms + 10  # was one scan of all steps per line: ~(2n)² checks
    assert max(widths, default=0) <= ordering.ORDER_WIDTH


def test_graph_of_a_long_sum_with_values_orders_no_wide_sum(monkeypatch, tmp_path):
    widths = _wide_orderings(monkeypatch)
    terms = 400
    command.graph_command(" + ".join(f"x{i}**2" for i in range(terms)), "values",
                          ",".join(f"x{i}={i % 7 + 1}" for i in range(terms)), str(tmp_path / "g.svg"))
    assert (tmp_path / "g.svg").read_text().count("<text") > terms
    assert max(widths, default=0) <= ordering.ORDER_WIDTH


def test_a_power_tower_beyond_the_limit_is_refused_before_any_work():
    tower = "**".join(["w"] * (MAX_NONLINEAR_DEPTH + 2))  # one more power than allowed
    with pytest.raises(ParseError, match="power tower"):
        command.derive_command(tower, "w")
