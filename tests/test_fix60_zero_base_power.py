"""probe60 P60-10: the slope of 0**w is 0 where w > 0, never SymPy's ``0**w*zoo``.

Oracles: 0**w is identically 0 for w > 0, so its slope there is 0 (mpmath.diff(lambda w: 0**w, 2) = 0.0; TF1's
Pow gradient takes log(x) as 0 at x = 0, so ``tf.gradients(tf.pow(0., w), w)`` is 0 too).  At w = 0 the power
jumps from 0^0 = 1: the slope from the right is -inf, which the generated code computes.
"""

import sympy

import symopt


def test_grad_of_a_power_of_zero_has_no_complex_infinity():
    w = symopt.Variable("w", 1.0)
    slope = symopt.grad(3 * sympy.Integer(0) ** w + w, w)
    assert not slope.has(sympy.zoo)
    assert slope.subs(w, 2) == 1  # 3*0 + 1
    assert slope.subs(w, 0) == -sympy.oo


def test_derive_shows_the_cases_and_the_compiled_numbers():
    w = symopt.Variable("w", 1.0)
    text = str(symopt.derive(sympy.Integer(0) ** w, w, at={w: 2.0}))
    assert "zoo" not in text and "dJ/dw = {0 if w > 0; -∞ otherwise} = 0" in text
    compiled = symopt.compile(sympy.Integer(0) ** w, w)
    assert compiled(w=2.0) == (0.0, 0.0)
    assert compiled(w=0.0) == (1.0, float("-inf"))
