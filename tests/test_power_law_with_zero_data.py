"""A learnable exponent of data with a 0 in it (probe21 P21-10): the power law y = k x^p of a dose-response or
size fit.  ∂/∂p of x^p is x^p log x, which printed as written is 0 · log 0 = NaN at x = 0, where the derivative is
0 (0^p = 0 for every p > 0): the gradient came back NaN and minimize blamed the start.  The term is 0 where the
power is, and elsewhere the same bits."""

import warnings

import numpy as np
import pytest

import symopt
from symopt import ops

X, Y = symopt.Placeholder("x", (None, 1)), symopt.Placeholder("y", (None, 1))
P, K = symopt.Variable("p", 1.0), symopt.Variable("k", 1.0)
COST = ops.mean(ops.square(K * ops.power(X, P) - Y))
XD = np.array([[0.0], [1.0], [2.0], [3.0], [4.0]])
YD = 2.0 * XD ** 1.5


def _cost(p, k, x=XD):
    return np.mean((k * x ** p - YD[:len(x)]) ** 2)


@pytest.mark.parametrize("p, k", [(1.0, 1.0), (0.5, 2.0), (2.5, 0.3)])
def test_the_gradient_at_data_with_a_zero_is_the_finite_differences(p, k):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no log(0) evaluated where the power is 0
        value, (d_p, d_k) = symopt.compile(COST, [P, K])(x=XD, y=YD, p=p, k=k)
    h = 1e-6
    assert value == pytest.approx(_cost(p, k), rel=1e-15)
    assert d_p == pytest.approx((_cost(p + h, k) - _cost(p - h, k)) / (2 * h), rel=1e-7)
    assert d_k == pytest.approx((_cost(p, k + h) - _cost(p, k - h)) / (2 * h), rel=1e-7)


def test_away_from_zero_the_bits_are_those_of_the_rule_as_written():
    x = XD[1:]
    _, (d_p, _) = symopt.compile(COST, [P, K])(x=x, y=YD[1:], p=1.3, k=0.7)
    residual = 0.7 * x ** 1.3 - YD[1:]
    by_hand = ((2 / len(x) * 0.7) * residual * x ** 1.3 * np.log(x)).sum()
    assert d_p == pytest.approx(by_hand, rel=1e-14)


def test_a_power_law_fit_on_data_with_a_zero_trains():
    result = symopt.minimize(COST, [P, K], data={X: XD, Y: YD}, optimizer=symopt.Adam(0.05), steps=3000)
    assert result.success and result[P] == pytest.approx(1.5, abs=1e-6) and result[K] == pytest.approx(2.0, abs=1e-6)


def test_the_derivation_shows_the_textbook_rule():
    """The guard is in the code only: derive still shows dp = sum(du∘x∘^p∘log(x))."""
    lines = str(symopt.derive(COST, [P, K])).splitlines()
    assert "  dp = sum(du∘x∘^p∘log(x))" in lines


def test_the_second_derivative_in_the_exponent_at_a_zero_entry():
    """d²/dp² Σ W^p = Σ W^p (log W)²: 0 for an entry W = 0 (p > 0), where 0·(log 0)² was NaN."""
    from symopt.hessian import evaluate_hessian
    W = symopt.Variable("W", np.array([[0.0], [2.0]]), shape=(2, 1))
    curvature = evaluate_hessian(ops.sum(ops.power(W, P)), [P], {P: 1.5, W: np.array([[0.0], [2.0]])})
    assert curvature[0, 0] == pytest.approx(2 ** 1.5 * np.log(2) ** 2, rel=1e-14)


def test_every_spelling_of_the_power_law_gets_the_guard():
    """review11 R11-3: the same power law per entry (applyfunc) or on scalars is differentiated by the scalar rules,
    which still wrote 0·log 0 = NaN at x = 0."""
    per_entry = ops.mean(ops.square(K * X.applyfunc(lambda s: s ** P) - Y))
    _, (d_p, _) = symopt.compile(per_entry, [P, K])(x=XD, y=YD, p=1.3, k=0.7)
    _, (expected, _) = symopt.compile(COST, [P, K])(x=XD, y=YD, p=1.3, k=0.7)
    assert d_p == pytest.approx(expected, rel=1e-14) and np.isfinite(d_p)
    xs, ys = symopt.Placeholder("xs", ()), symopt.Placeholder("ys", ())
    scalar = symopt.compile((K * xs ** P - ys) ** 2, [P, K])
    assert scalar(xs=0.0, ys=0.0, p=1.3, k=0.7) == (0.0, [0.0, 0.0])
    _, (d_p, _) = scalar(xs=2.0, ys=1.0, p=1.3, k=0.7)
    assert d_p == pytest.approx((0.7 * 2 ** 1.3 - 1) * 2 * 0.7 * 2 ** 1.3 * np.log(2), rel=1e-14)


def test_grad_of_a_sympy_cost_still_equals_sympy_diff():
    """review11 R11-9: the guard is generated code's (symopt.code_rules.code_gradients); symopt.grad returns SymPy's
    own expression, which a teacher compares with sympy.diff."""
    import sympy
    x, y, p, k = sympy.symbols("x y p k", real=True)
    cost = (k * x ** p - y) ** 2
    assert sympy.simplify(symopt.grad(cost, [p, k])[0] - sympy.diff(cost, p)) == 0


def test_derive_and_explain_show_the_compiled_numbers_at_a_zero_entry():
    """review11 R11-13: the displays differentiated with grad's rule (0·log 0 = NaN) and then refused, finding their
    line for dp off the compiled gradient; they differentiate as generated code does and show log(x)."""
    per_entry = ops.mean(ops.square(K * X.applyfunc(lambda s: s ** P) - Y))
    point = {P: 1.3, K: 1.0}
    _, (expected, _) = symopt.compile(per_entry, [P, K])(x=XD, y=YD, p=1.3, k=1.0)
    text = str(symopt.derive(per_entry, [P, K], at={**point, X: XD, Y: YD}))
    assert f"dp = sum(du∘(x^p·log(x))) = {expected:.6g}" in text
    assert "p: fine" in str(symopt.explain(per_entry, [P, K], at=point, data={X: XD, Y: YD}))


def test_the_compiled_hessian_and_newton_at_data_with_a_zero():
    """final32 #2: the scalar Hessian that evaluate_hessian, Newton's method and the divergence advice compile was
    differentiated with SymPy's rule: NaN at x = 0, and method="newton" refused an 'indefinite' Hessian of NaNs."""
    import sympy
    from symopt.hessian import evaluate_hessian
    x0, x1, x2, p, k = sympy.symbols("x0 x1 x2 p k")
    data = {x0: 0.0, x1: 1.0, x2: 2.0}
    cost = sum((k * x ** p - 2.0 * v ** 1.5) ** 2 for x, v in data.items())
    curvature = evaluate_hessian(cost, [p, k], {p: 1.2, k: 1.5, **data})
    gradient = symopt.compile(cost, [p, k])
    h = 1e-6
    for row, (dp, dk) in enumerate(((h, 0.0), (0.0, h))):
        up = np.array(gradient(p=1.2 + dp, k=1.5 + dk, **{str(s): v for s, v in data.items()})[1])
        down = np.array(gradient(p=1.2 - dp, k=1.5 - dk, **{str(s): v for s, v in data.items()})[1])
        np.testing.assert_allclose(curvature[row], (up - down) / (2 * h), rtol=1e-6)
    result = symopt.minimize(cost, {p: 1.2, k: 1.5}, data=data, method="newton")
    assert result.success and result[p] == pytest.approx(1.5, abs=1e-9) and result[k] == pytest.approx(2.0, abs=1e-9)


def test_evaluate_hessian_of_parameters_of_different_shapes():
    """final32 #5: hvp takes and gives a list for a list wrt (6ab698d); evaluate_hessian wrapped that list as one
    product and raised NumPy's bare ValueError for W (3, 2) beside v (2, 1)."""
    from symopt.hessian import evaluate_hessian
    rng = np.random.default_rng(0)
    X3 = symopt.Placeholder("X3", (None, 3))
    W = symopt.Variable("W", np.zeros((3, 2)), shape=(3, 2))
    v = symopt.Variable("v", np.zeros((2, 1)), shape=(2, 1))
    cost = ops.mean(ops.square(ops.tanh(X3 @ W) @ v - Y))
    point = {X3: rng.normal(size=(5, 3)), Y: rng.normal(size=(5, 1)), W: rng.normal(size=(3, 2)),
             v: rng.normal(size=(2, 1))}
    curvature = evaluate_hessian(cost, [W, v], point)
    f = symopt.compile(cost, [W, v])

    def gradient(shift):
        values = f(X3=point[X3], y=point[Y], W=point[W] + shift[:6].reshape(3, 2), v=point[v] + shift[6:].reshape(2, 1))
        return np.concatenate([g.ravel() for g in values[1]])
    steps = np.eye(8) * 1e-6
    numeric = np.array([(gradient(step) - gradient(-step)) / 2e-6 for step in steps])
    np.testing.assert_allclose(curvature, numeric, atol=1e-8)


def test_derive_and_graph_at_a_pole_show_the_code_numbers_of_the_guarded_rule():
    """final32 #3: with a pole on the way (sqrt(w) at w = 0) the displays take the code's gradient, computed lazily
    in .text(), after derive's own rules context was gone: dJ/dp showed 'undefined' where the code gives 0."""
    import sympy
    x, p, k, w = sympy.symbols("x p k w")
    cost = k * x ** p + sympy.sqrt(w) * k
    point = {x: 0.0, k: 2.0, p: 1.5, w: 0.0}
    assert "  dJ/dp = k·x^p·log(x) = 0" in symopt.derive(cost, [k, p, w], at=point).text().splitlines()
    assert "p = 1.5, dJ/dp = 0" in symopt.graph(cost, at=point).text().splitlines()


def test_a_hessian_vector_product_shows_the_guarded_reciprocal_as_one_over_the_base():
    """review11 R11-8: the derivative of the guarded log in its base printed as SymPy's
    ``Piecewise((0, Eq(w, 0) & (p > 0)), (1/w, True))`` in a Hessian-vector product's formulas; it shows as 1/w, and
    its code keeps the guard: 0 where w = 0 < p, the finite differences of the gradient elsewhere."""
    import sympy
    w, p = symopt.Variable("w", 2.0), symopt.Variable("p", 1.5)
    product = symopt.hvp(w ** p, [w, p])
    shown = str(product.expressions[0])
    assert "Piecewise" not in shown and "(1/w)" in shown
    latex = sympy.latex(product.expressions[0])
    assert "Piecewise" not in latex and r"\frac{1}{w}" in latex
    assert "numpy.where" in product.source
    exact = sympy.hessian(sympy.Symbol("w") ** sympy.Symbol("p"), sympy.symbols("w p"))
    point, direction = {"w": 1.7, "p": 0.8}, np.array([0.3, -1.1])
    expected = np.array(exact.subs({sympy.Symbol(n): v for n, v in point.items()}), dtype=float) @ direction
    np.testing.assert_allclose(np.array(product.function(point["p"], point["w"], *direction), dtype=float),
                               expected, rtol=1e-12)


def test_the_guarded_reciprocal_differentiates_as_minus_its_square():
    from symopt.functions import reciprocal_where_nonzero
    a, p = symopt.Variable("a", 1.0), symopt.Variable("p", 1.0)
    derivative = symopt.grad(reciprocal_where_nonzero(a, p), [a])[0]
    value = symopt.compile(derivative, [a])
    assert float(value(a=0.5, p=2.0)[0]) == -4.0 and float(value(a=0.0, p=2.0)[0]) == 0.0


def test_the_guards_with_numbers_substituted_are_their_values_and_pretty_print_as_math():
    """review33 R33-9: a Hessian formula with w = 0, p = 2 substituted printed (1/0) and zoo where the guard gives
    0; sympy.pretty showed the functions' raw names."""
    import sympy
    from symopt.functions import log_where_nonzero, reciprocal_where_nonzero
    x, p = sympy.symbols("x p")
    assert reciprocal_where_nonzero(x, p).subs({x: 0, p: 2}) == 0 and log_where_nonzero(0, 2) == 0
    assert log_where_nonzero(2, 3) == log_where_nonzero(2, 3) and str(log_where_nonzero(2, 3)) == "log(2)"
    shown = sympy.pretty(reciprocal_where_nonzero(x, p) * log_where_nonzero(x, p), use_unicode=False)
    assert "where" not in shown and "log(x)" in shown


def test_the_guards_of_a_nan_exponent_are_nan():
    """review33 R33-16: the substituted-number rule compared ``p > 0``, a bare TypeError for a NaN exponent; the
    guards then stayed unevaluated, and since probe29 P29-13 symopt's functions of NaN are NaN (``x**nan`` is NaN
    whatever the guard gives)."""
    import sympy
    from symopt.functions import log_where_nonzero, reciprocal_where_nonzero
    assert reciprocal_where_nonzero(0, sympy.nan) is sympy.nan
    assert log_where_nonzero(0, sympy.nan) is sympy.nan
