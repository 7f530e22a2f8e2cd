"""probe47: what a learner's notebook shows (LaTeX MathJax can typeset, names, reprs, plot errors, unmet tol)."""

from __future__ import annotations

import re

import pytest
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
    assert unmet.message == ("stopped after 1001 steps: the tol test (every |gradient| <= tol) passed at none of the "
                             "steps it ran, each before its update")
    assert "<tr><td>success</td><td>False</td></tr>" in result_html(unmet)
    assert "<td>success</td>" not in result_html(plain)
    met = symopt.minimize(cost, w, optimizer=symopt.GradientDescent(0.01), steps=5000, tol=1e-6)
    assert met.success and met.message.startswith("converged: every |gradient| <= 1e-06 after ")
    batches = symopt.minimize(cost, w, optimizer=symopt.GradientDescent(0.01), steps=3, tol=1e-12)
    assert batches.message == ("stopped after 3 steps: the tol test (every |gradient| <= tol) passed at none of the "
                               "steps it ran, each before its update")


def test_braces_of_a_script_group_it_as_in_tex():
    """P47-2: ``x^{(i)}`` (the course's i-th example) printed ``x^{\\{(i)\\}}`` in LaTeX and ``x^({(i)})`` in text;
    oracle: sympy.latex(Symbol("x^{(i)}")) is ``x^{(i)}``, and the name typed without braces, ``x^(i)``."""
    from symopt.display.notation import latex, text

    x_i, theta = sympy.symbols("x^{(i)} theta")
    assert sympy.latex(x_i) == "x^{(i)}"
    assert latex(x_i) == "x^{(i)}" and text(x_i) == "x⁽ⁱ⁾" == text(sympy.Symbol("x^(i)"))
    w_ij = sympy.Symbol("w_{ij}")
    assert latex(w_ij) == "w_{ij}" and text(w_ij) == "wᵢⱼ"
    assert latex(sympy.Symbol("beta^{(2)}")) == r"\beta^{(2)}"
    derivation = symopt.derive((theta * x_i - 1) ** 2, theta, at={theta: 1, x_i: 3})
    assert derivation.latex().splitlines()[-2] == r"\frac{dJ}{d\theta} &= x^{(i)} \left(2 \theta x^{(i)} - 2\right) = 12"
    assert str(derivation).splitlines()[-1] == "  dJ/dθ = x⁽ⁱ⁾(2θx⁽ⁱ⁾ - 2) = 12"  # sympy.diff: x(2θx - 2) = 12 at 1, 3
    assert sympy.diff((theta * x_i - 1) ** 2, theta).subs({theta: 1, x_i: 3}) == 12
    graph_text = str(symopt.graph((theta * x_i - 1) ** 2, at={theta: 1, x_i: 3}))
    assert "x⁽ⁱ⁾ = 3, dJ/dx⁽ⁱ⁾ = 4" in graph_text and "{" not in graph_text
    # braces that do not group a script stay escaped, as typed
    assert latex(sympy.Symbol("a{b")) == r"a\{b"


def test_names_of_several_letters_are_joined_by_cdot_in_latex_as_by_a_dot_in_text():
    """P47-3: LaTeX juxtaposed ``inp weight`` (typeset as the italic run "inpweight"), ``2 v 输入``, ``x_{1} dz``,
    where the text form writes ``inp·weight``, ``2v·输入``, ``x₁·dz``; one-letter factors stay juxtaposed."""
    from symopt.display.notation import latex, text

    weight, bias, inp = sympy.symbols("weight bias inp")
    derivation = symopt.derive((weight * inp + bias - 1) ** 2, [weight, bias])
    lines = derivation.latex().splitlines()
    assert r"u &= inp \cdot weight \\" in lines and "  u = inp·weight" in str(derivation).splitlines()
    assert r"\frac{dJ}{dweight} &= \frac{dJ}{du} \cdot \frac{du}{dweight} = 2 \cdot inp \cdot v \\" in lines
    assert lines[-3] == r"\frac{dJ}{dweight} &= inp \cdot \left(2 \cdot inp \cdot weight + 2 \cdot bias - 2\right) \\"
    assert str(derivation).splitlines()[-2] == "  dJ/dweight = inp·(2·inp·weight + 2·bias - 2)"
    a, x = sympy.symbols("权重 输入")
    v = sympy.Symbol("v")
    assert latex(2 * v * x) == r"2 v \cdot \text{输入}" and text(2 * v * x) == "2v·输入"
    assert latex(2 * a * x) == r"2 \cdot \text{权重} \cdot \text{输入}" and text(2 * a * x) == "2·权重·输入"
    b, c, w = sympy.symbols("b c w")
    assert latex(3 * b * c) == "3 b c" and latex(w * sympy.Symbol("x_1")) == "w x_{1}"
    assert latex(inp / (2 * weight)) == r"\frac{inp}{2 \cdot weight}"


def test_repr_names_the_cost_as_typed_and_ipython_text_is_the_derivation():
    """P47-5: a terminal IPython showed ``<Derivation of J = u - 10w + 25 w.r.t. w>`` (a step u it never defines)
    and, for explain, the dataclass's fields (``as_typed=frozenset()``)."""
    w = symopt.Variable("w", 0.0)
    cost = w ** 2 - 10 * w + 25
    derivation = symopt.derive(cost, w, at={w: 0})
    explanation = symopt.explain(cost, w, at={w: 5})
    assert repr(derivation) == "<Derivation of J = w² - 10w + 25 w.r.t. w>"
    assert repr(explanation) == "<Explanation of w at w = 5>"
    xs = sympy.symbols("x0:50")
    long = repr(symopt.derive(sum((w - x) ** 2 for x in xs), w))
    assert long.startswith("<Derivation of J = (w - x₀)² + (w - x₁)² + ") and long.endswith("… w.r.t. w>")
    assert len(long) == len("<Derivation of ") + 72 + len(" w.r.t. w>")
    pretty = pytest.importorskip("IPython.lib.pretty").pretty
    assert pretty(derivation) == str(derivation) and str(derivation).startswith("forward (w = 0)\n  u = w² = 0\n")
    assert pretty(explanation) == str(explanation) and str(explanation).startswith("explain (w = 5)\n  w: zero: dJ/dw = 0")


def test_the_repr_of_a_derivation_too_deep_to_print_whole_never_raises():
    """final39b F39b-5: ``repr(derive(...))`` of a 300-deep nest raised DepthLimitError (derive and str work); it
    falls back to the last step's line."""
    w = symopt.Variable("w", 0.5)
    nest = w
    for _ in range(300):
        nest = sympy.sin(nest)
    text = repr(symopt.derive(nest, w))
    assert text.startswith("<Derivation of J = sin(u") and text.endswith(" w.r.t. w>")


def test_a_newton_run_without_tol_names_its_own_tolerance():
    """final39b F39b-7: Newton without ``tol=`` said its tol test failed, naming no tol the user gave."""
    w = symopt.Variable("w", 3.0)
    result = symopt.minimize(w ** 4, w, method="newton", steps=3)
    assert not result.success
    assert result.message.startswith("stopped after 3 steps (Newton's own tol = 1e-10): the tol test")
