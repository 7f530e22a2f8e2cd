"""48e-5: a backward line whose chain-rule terms are each an exact 0 adjoint times a finite local derivative is 0 in
derive and graph(at=) alike, though its formula evaluated whole meets 0·∞ (min(1, q^t, v)² at q^t past float64).
Oracle: J is 1 for all nearby x and b (mpmath at 50 digits), so each adjoint of p, q, r, s is exactly 0."""

import mpmath
import sympy

import symopt

w, x, b = sympy.symbols("w x b")
J = sympy.Min(1, (x**4 + 1)**(b/(3*(x**2 + 1))), sympy.Max(w, sympy.Abs(w)))**2
AT = {b: sympy.Float("1e170"), w: sympy.Float("1e170"), x: -40}


def test_the_cost_is_flat_in_x_and_b_here():
    mpmath.mp.dps = 50
    f = sympy.lambdify((w, b, x), J, "mpmath")
    for dx, db in [(1e-6, 0), (-1e-6, 0), (0, 1e150), (0, -1e150)]:
        assert f(mpmath.mpf("1e170"), mpmath.mpf("1e170") + db, mpmath.mpf(-40) + dx) == 1


def test_derive_lines_are_zero_not_undefined():
    text = str(symopt.derive(J, [w, b, x], at=AT))
    for line in ["  dJ/ds = dJ/dt · dt/ds = -2bu₁u₂[u₁ ≤ 1][u₁ < v]·log(q)/(3s²) = 0\n",
                 "  dJ/dr = dJ/ds · ds/dr = -2bu₁u₂[u₁ ≤ 1][u₁ < v]·log(q)/(3s²) = 0\n",
                 "  dJ/dq = dJ/du₁ · du₁/dq = 2b·q^(t - 1)·u₂[u₁ ≤ 1][u₁ < v]/(3s) = 0\n",
                 "  dJ/dp = dJ/dq · dq/dp = 2b·q^(t - 1)·u₂[u₁ ≤ 1][u₁ < v]/(3s) = 0\n"]:
        assert line in text


def test_graph_draws_the_same_zeros():
    text = str(symopt.graph(J, at=AT))
    for line in ["p = x⁴ = 2560000, dJ/dp = 0  ← x", "q = p + 1 = 2560001, dJ/dq = 0  ← p",
                 "r = x² = 1600, dJ/dr = 0  ← x", "s = r + 1 = 1601, dJ/ds = 0  ← r"]:
        assert line in text


def test_a_zero_times_a_pole_keeps_the_formula():
    """0 times an infinite local derivative (du/dv = 1/(2√v) at v = 0) is no exact 0: the line keeps its formula's
    value, as the compiled NaN."""
    v = sympy.Symbol("v", real=True)
    cost = sympy.Min(1, 2 + sympy.sqrt(v))**2
    assert str(symopt.compile(cost, [v])(v=0.0)[1][0]) == "nan"
    assert "  dJ/dv = dJ/du · du/dv = p[w ≤ 1]/√v = undefined\n" in str(symopt.derive(cost, [v], at={v: 0}))
