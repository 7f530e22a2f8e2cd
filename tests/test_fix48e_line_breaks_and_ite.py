"""P92-6: a broken text line whose side is an Iverson bracket (``= [...]``, taken for an array's numbers) continued
at column 0; SymPy's ``ITE`` (a comparison of a Piecewise folds into it) was printed as ``ITE(...)``, which the
display's notation does not define: now the Piecewise it is, ``{a if c; b otherwise}``.

Oracles: sympy.diff of the branch taken at the point, and SymPy's own truth of each mask at the point."""

import sympy

from symopt.display import derive

w, x, b = sympy.symbols("w x b")
HALF = sympy.Rational(1, 2)


def test_a_continuation_after_an_iverson_bracket_is_indented_to_the_first_lines_equals():
    inner = sympy.Piecewise((x ** 2, w > 1), (w ** 2 * x ** 2, True))
    cost = w + sympy.Min(1, (inner + 1) ** (b / 3))
    point = {w: HALF, x: 1, b: -1}
    lines = str(derive(cost, [w, b], at=point)).splitlines()
    start = lines.index("  dJ/ds = dJ/dt · dt/ds")
    assert lines[start + 1:start + 3] == [
        "        = [{(u + 1)^(b/3) ≤ 1 if w > 1; (p + 1)^(b/3) ≤ 1 otherwise}]",
        "        = 1"]
    assert not any(line.startswith("=") for line in lines)
    taken = w + (w ** 2 * x ** 2 + 1) ** (b / 3)  # w ≤ 1 and (w²x² + 1)^(-1/3) < 1 at the point: min takes it
    slope = sympy.diff(taken, w).subs(point)
    assert lines[lines.index("gradient") + 2] == f"        = {float(slope):.6g}"


def test_an_ite_in_a_max_mask_reads_as_its_cases():
    cost = sympy.Max(0, sympy.Piecewise((x, w > 1), (w * x, True)) - 1)
    point = {w: HALF, x: 3}
    derivation = derive(cost, w, at=point)
    lines = str(derivation).splitlines()
    assert lines[6:8] == ["  dJ/dp = [{x ≥ 1 if w > 1; u ≥ 1 otherwise}] = 1",
                          "  dJ/dv = dJ/dp · dp/dv = [{x ≥ 1 if w > 1; u ≥ 1 otherwise}] = 1"]
    assert "ITE" not in str(derivation) and "ITE" not in derivation.latex()
    assert r"\left[\begin{cases} x \geq 1 & \text{for}\: w > 1 \\u \geq 1 & \text{otherwise} \end{cases}\right]" \
        in derivation.latex()
    # the mask means p = v - 1 ≥ 0: at the point and either side of w = 1
    for values in (point, {w: 2, x: 3}, {w: 2, x: HALF}, {w: HALF, x: 1}):
        shown = sympy.Piecewise((x >= 1, w > 1), (w * x >= 1, True)).subs(values)
        assert bool(shown) == bool(sympy.Piecewise((x, w > 1), (w * x, True)).subs(values) - 1 >= 0)
    assert sympy.diff(w * x - 1, w).subs(point) == 3 and lines[-1].endswith("= 3")
