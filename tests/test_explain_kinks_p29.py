"""probe29 P29-7, P29-8, P29-1: ``explain`` at a kink and at 0^0.

P29-7: at the kink of |w| (an L1 penalty at w = 0), ``sign(w)*w``, ``sqrt(w^2)``, explain died with a bare TypeError
(the curvature of a stationary point was SymPy's ``diff``: ``2*DiracDelta(0) > 0``), and ``floor(w)*w`` on [0, 1)
with a ValueError (an unevaluated ``Derivative(floor(w), w)``).  P29-8: at the kink of ``max(0, w)^2`` it printed
``d²J/dw² = 1``, SymPy's ``2·Heaviside(0)``, a second derivative that does not exist there.  P29-1: ``x**w`` at
x = w = 0 and ``0**w`` at w = 0 died with a bare TypeError (the slope's number was an unevaluated
``log_where_nonzero(0, 0)``)."""

from __future__ import annotations

import math

import pytest
import sympy

import symopt
from symopt.cli import main

w, x, y, lam = sympy.symbols("w x y lambda", real=True)


def _gradient(cost, point: float) -> float:
    return float(symopt.compile(cost, [w])(w=point)[1][0])


def _one_sided_curvatures(cost, point: float, h: float = 1e-4) -> tuple:
    """Finite differences of the generated gradient on each side of ``point`` (the oracle for a kink)."""
    at = _gradient(cost, point)
    return (at - _gradient(cost, point - h)) / h, (_gradient(cost, point + h) - at) / h


KINK = ("where {node} is not differentiable ({why}): d²J/dw² does not exist here, so it does not decide between a "
        "minimum, a maximum and neither along w")


@pytest.mark.parametrize("cost, point, slope, node, why, line", [
    (sympy.Abs(w), 0, "sign(w)", "sign(w)", "w = 0", "dw = sign(w)"),
    (sympy.sign(w) * w, 0, "sign(w)", "sign(w)", "w = 0", "dw = u"),
    (sympy.sqrt(w ** 2), 0, "sign(w)", "sign(w)", "w = 0", "dw = sign(w)"),
    (sympy.Abs(w - 1), 1, "sign(w - 1)", "sign(w - 1)", "w - 1 = 0", "dw = sign(u)"),
    (sympy.Max(0, w) ** 2, 0, "2[w ≥ 0]·max(0, w)", "max(0, w)", "0 = w", "dw = 2u[w ≥ 0]"),
    (sympy.Min(w, 0) ** 2, 0, "2[w ≤ 0]·min(0, w)", "min(0, w)", "0 = w", "dw = 2u[w ≤ 0]"),
])
def test_a_zero_slope_at_a_kink_names_the_kink_and_no_second_derivative(cost, point, slope, node, why, line):
    assert _gradient(cost, float(point)) == 0.0  # the oracle: the generated code's slope at the kink
    (left, right), (_, finer) = _one_sided_curvatures(cost, float(point)), _one_sided_curvatures(cost, point, 1e-6)
    # no second derivative: the one-sided ones differ (max(0, w)²: 0 and 2), or grow as h shrinks (a jump of sign)
    assert not (math.isclose(left, right, abs_tol=1e-3) and math.isclose(right, finer, rel_tol=1e-3))
    finding = symopt.explain(cost, w, at={w: point}).finding(w)
    assert finding.status == "zero"
    assert finding.causes == (("kink", f"dJ/dw = {slope} is 0 at w = {point}, " + KINK.format(node=node, why=why)),)
    assert finding.line == line
    assert "d²J/dw² = 1" not in symopt.explain(cost, w, at={w: point}).text()  # P29-8: SymPy's 2·Heaviside(0)


def test_the_lasso_at_zero_is_explained_on_the_command_line(capsys):
    assert main(["explain", "(w*x - y)^2 + lambda*abs(w)", "--wrt", "w", "--at", "w=0,x=1,y=0,lambda=0.1"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1:] == [
        "  w: zero: dJ/dw = 0",
        "    kink: dJ/dw = λ·sign(w) + x(2wx - 2y) is 0 at w = 0, " + KINK.format(node="sign(w)", why="w = 0"),
        "    at dw = 2qx + λ·sign(w)"]


@pytest.mark.parametrize("cost, point", [(sympy.floor(w) * w, 0.5), (sympy.ceiling(w) * w, -0.5)])
def test_floor_times_w_where_the_floor_is_0_is_a_flat_stretch_with_curvature_0(cost, point):
    assert symopt.compile(cost, [w])(w=point)[0] == 0.0 and _gradient(cost, point) == 0.0
    assert _one_sided_curvatures(cost, point) == (0.0, 0.0)  # J = 0 on the whole interval
    finding = symopt.explain(cost, w, at={w: point}).finding(w)
    name = "floor" if cost.has(sympy.floor) else "ceiling"
    assert finding.causes == (("stationary point", f"dJ/dw = {name}(w) is 0 at w = {point}: J is flat along w here; "
                               "d²J/dw² = 0: it does not decide between a minimum, a maximum and neither along w"),)


def test_a_smooth_stationary_point_keeps_its_curvature():
    finding = symopt.explain(w ** 2 - 10 * w + 25, w, at={w: 5}).finding(w)
    assert finding.causes[0][1].endswith("d²J/dw² = 2 > 0: a minimum along w")
    assert float(sympy.diff(w ** 2 - 10 * w + 25, w, 2)) == 2.0


@pytest.mark.parametrize("cost, point, line, cause", [
    (x ** w, {w: 0, x: 0}, "dw = x^w·log(x)", "dw is not finite here: log(x) = -∞ at w = 0, x = 0"),
    (0 ** w, {w: 0}, None, "dw is not finite here: {0 if w > 0; -∞ otherwise} = -∞ at w = 0"),  # probe60 P60-10
])
def test_a_power_of_0_at_exponent_0_is_not_finite_not_a_type_error(cost, point, line, cause):
    _, (gradient,) = symopt.compile(cost, [w])(**{str(k): float(v) for k, v in point.items()})
    assert gradient == -math.inf  # the oracle: the generated code, x^w·log(x) at x = 0
    finding = symopt.explain(cost, w, at=point).finding(w)
    assert finding.status == "not finite"
    assert finding.causes == (("not finite", cause),)
    if line is not None:
        assert finding.line == line


def test_0_to_the_w_on_the_command_line(capsys):
    assert main(["explain", "0**w + w^2", "--wrt", "w", "--at", "w=0"]) == 0
    assert "w: not finite: dJ/dw = -∞" in capsys.readouterr().out


def test_derive_shows_the_codes_minus_infinity_for_the_slope_of_0_to_the_0():
    _, (gradient,) = symopt.compile(x ** w, [w])(w=0.0, x=0.0)
    assert gradient == -math.inf  # the oracle: x^w·log(x) = 1·log(0) in the generated code
    lines = str(symopt.derive(x ** w, w, at={w: 0, x: 0})).splitlines()
    assert lines[-1] == "  dJ/dw = x^w·log(x) = -∞"  # was "undefined" (SymPy left log_where_nonzero(0, 0) as it was)
    assert str(symopt.graph(x ** w, at={w: 0, x: 0})).splitlines()[0] == "w = 0, dJ/dw = -∞"
    assert str(symopt.derive(x ** w, w, at={w: 1, x: 0})).splitlines()[-1] == "  dJ/dw = x^w·log(x) = 0"
    assert symopt.compile(x ** w, [w])(w=1.0, x=0.0)[1][0] == 0.0  # 0 where the power is 0: the guard


def test_a_kink_smoothed_away_keeps_its_second_derivative():
    cost = sympy.Abs(w) ** 3  # J'' = 6|w| exists at 0 and is 0, though the slope reads sign(w)
    left, right = _one_sided_curvatures(cost, 0.0)
    assert abs(left) < 1e-3 and abs(right) < 1e-3
    assert sympy.limit(sympy.diff(w ** 3, w, 2), w, 0, "+") == 0 == sympy.limit(sympy.diff(-w ** 3, w, 2), w, 0, "-")
    finding = symopt.explain(cost, w, at={w: 0}).finding(w)
    assert finding.causes == (("stationary point", "dJ/dw = w²·sign(w) + 2w·|w| is 0 at w = 0: J is flat along w "
                               "here; d²J/dw² = 0: it does not decide between a minimum, a maximum and neither along w"),)


@pytest.mark.parametrize("cost, slope", [(sympy.Abs(w) * w, "|w| + w·sign(w)"), (sympy.sign(w) ** 2 * w, "sign(w)²")])
def test_a_slope_that_jumps_or_bends_at_the_point_is_a_kink(cost, slope):
    left, right = _one_sided_curvatures(cost, 0.0)
    assert not math.isclose(left, right, abs_tol=1e-3)  # |w|·w: -2 and 2; sign(w)²·w: slope 1, 0, 1
    finding = symopt.explain(cost, w, at={w: 0}).finding(w)
    assert finding.causes == (("kink", f"dJ/dw = {slope} is 0 at w = 0, "
                               + KINK.format(node="sign(w)", why="w = 0")),)
