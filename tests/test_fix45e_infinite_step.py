"""probe75 P75-9: ``explain(w*log(w), w, at={w: 0})`` said only "dw is not finite here": the line ``dw = u + 1``
reads the forward step ``u = log(w)``, whose value is the infinite one, and explain named no value.  Oracle:
sympy's log(0) is -∞ (``zoo`` for a complex log: its real limit from the right, by sympy.limit, is -∞), and the
slope d(w·log w)/dw = log(w) + 1 (sympy.diff) reads it."""

import sympy

import symopt

w = sympy.Symbol("w")


def test_the_infinite_forward_step_a_line_reads_is_named():
    cost = w * sympy.log(w)
    assert sympy.diff(cost, w) == sympy.log(w) + 1  # oracle: the slope reads log(w)
    assert sympy.limit(sympy.log(w), w, 0, "+") == -sympy.oo  # oracle: log(w) = -∞ at w = 0
    finding = symopt.explain(cost, w, at={w: 0}).finding("w")
    assert finding.causes == (("not finite", "dw is not finite here: u = log(w) = -∞ at w = 0"),)


def test_the_infinity_is_traced_to_the_step_where_it_starts():
    cost = 3 * w * sympy.log(w) + w  # dJ/dw = 3 log(w) + 4 (sympy.diff): ∞ from log(w) alone
    assert sympy.diff(cost, w) == 3 * sympy.log(w) + 4
    message = dict(symopt.explain(cost, w, at={w: 0}).finding("w").causes)["not finite"]
    assert message.endswith(": u = log(w) = -∞ at w = 0")
