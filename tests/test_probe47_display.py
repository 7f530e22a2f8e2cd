"""probe47: what a learner's notebook shows (LaTeX MathJax can typeset, names, reprs, plot errors, unmet tol)."""

from __future__ import annotations

import re

import sympy

import symopt

#: Macros MathJax 3 (TeX input, base and AMS) expands by string substitution, checking the rest of the formula
#: against its 5 KB buffer at each expansion: ``\ `` among them (``\text{ }``).  symopt's LaTeX uses none.
MATHJAX_SUBSTITUTED = re.compile(r"(?<!\\)(?:\\\\)*\\(?: |(?:boxed|stackrel|stackbin|iff|bmod|pmod|mod|pod|pmb"
                                 r"|mathstrut|skew|TeX|LaTeX)(?![A-Za-z]))")


def test_long_derivation_at_a_point_uses_no_mathjax_substitution_macro():
    """P47-1: a 50-term sum with at= printed its point as ``w = 1,\\ x_{0} = 0, ...``: over MathJax's buffer."""
    w = sympy.Symbol("w")
    xs = sympy.symbols("x0:50")
    derivation = symopt.derive(sum((w - x) ** 2 for x in xs), w, at={w: 1, **{x: k for k, x in enumerate(xs)}})
    latex = derivation._repr_latex_()
    assert r"&\text{forward} \quad w = 1,\; x_{0} = 0,\; x_{1} = 1,\; x_{2} = 2" in latex
    assert MATHJAX_SUBSTITUTED.search(latex) is None
    assert MATHJAX_SUBSTITUTED.search(derivation.markdown()) is None


def test_update_rule_and_matrix_point_use_no_mathjax_substitution_macro():
    rule = symopt.update_rule(symopt.Adam(0.1))
    assert r"\eta = 0.1,\; \beta_1 = 0.9,\; \beta_2 = 0.999,\; \epsilon = 10^{-8}" in rule.latex()
    assert MATHJAX_SUBSTITUTED.search(rule.latex()) is None
    name = sympy.Symbol("a\tb")
    assert MATHJAX_SUBSTITUTED.search(symopt.derive(name ** 2, name).latex()) is None


def test_unmet_tolerance_is_told_in_the_message_and_the_table():
    """P47-7: a run whose tol was not met read exactly as a run without tol: "stopped after 1001 steps", same table."""
    from symopt.display.result import result_html

    w = symopt.Variable("w", 0.0)
    cost = w ** 2 - 10 * w + 25
    plain = symopt.minimize(cost, w, optimizer=symopt.GradientDescent(0.01), steps=1001)
    unmet = symopt.minimize(cost, w, optimizer=symopt.GradientDescent(0.01), steps=1001, tol=1e-12)
    # hand NumPy: w_k = 5 - 5 (1 - 0.02)^k; |gradient| = 2 |w - 5| = 10 * 0.98^1001 > 1e-12
    assert 10 * 0.98 ** 1001 > 1e-12 and unmet[w] == plain[w]
    assert plain.success and plain.message == "stopped after 1001 steps"
    assert not unmet.success
    assert unmet.message == "stopped after 1001 steps: the tolerance was not met (some |gradient| > tol)"
    assert "<tr><td>success</td><td>False</td></tr>" in result_html(unmet)
    assert "<td>success</td>" not in result_html(plain)
    met = symopt.minimize(cost, w, optimizer=symopt.GradientDescent(0.01), steps=5000, tol=1e-6)
    assert met.success and met.message.startswith("converged: every |gradient| <= 1e-06 after ")
    batches = symopt.minimize(cost, w, optimizer=symopt.GradientDescent(0.01), steps=3, tol=1e-12)
    assert batches.message == "stopped after 3 steps: the tolerance was not met (some |gradient| > tol)"
