"""probe45 P45-5: SciPy's spellings of symopt's methods, SciPy's constrained methods, a first-order optimizer's name
given as method=, and maximize=/sense= got a bare "unknown method" / "unexpected keyword": each now says what to
write."""

import pytest

import symopt
from symopt.errors import ConfigurationError

EXPECTED = "expected one of ['bfgs', 'lbfgs', 'newton', 'newton-cg', 'trust-ncg'] (or no method= for the first-order " \
           "optimizers); "


def _refusal(**options) -> str:
    w = symopt.Variable("w", 0.5)
    with pytest.raises(ConfigurationError) as caught:
        symopt.minimize((w - 3) ** 2, w, **options)
    return str(caught.value)


@pytest.mark.parametrize("given, written", [("L-BFGS-B", "method='lbfgs' (SciPy's L-BFGS-B, the method that takes "
                                                         "bounds=)"),
                                            ("BFGS", "method='bfgs' (SciPy's BFGS)"),
                                            ("Newton-CG", "method='newton-cg' (SciPy's Newton-CG)")])
def test_scipys_spelling_of_a_method_names_symopts(given, written):
    assert _refusal(method=given) == f"unknown method {given!r}; {EXPECTED}write {written}"


@pytest.mark.parametrize("given", ["SLSQP", "trust-constr", "COBYLA"])
def test_a_constrained_scipy_method_points_to_bounds_and_to_scipy_with_compile(given):
    assert _refusal(method=given) == (
        f"unknown method {given!r}; {EXPECTED}symopt's methods take no constraints but box bounds: bounds={{w: (low, "
        f"high)}} with method='lbfgs'. For {given}'s general constraints run scipy.optimize.minimize(lambda p: f(*p), "
        f"x0, method={given!r}, jac=True, constraints=...) with f = symopt.compile(cost, [x, y]) for scalar Variables "
        "x, y: SciPy passes one array p = [x, y], f takes them one by one and returns the cost and its gradient. With "
        "data name the Placeholders, f = symopt.compile(cost, [x, y], inputs=[X, t]), and pass lambda p: f(*p, "
        "X_values, t_values). For one Variable W of any shape (a (3, 1) column too) pass lambda p: (lambda v, g: (v, "
        "np.ravel(g)))(*f(p.reshape(W0.shape), X_values, t_values)) with f = symopt.compile(cost, W, inputs=[X, t]), "
        "W0 the start you gave W and x0 = np.ravel(W0)")  # probe66 P66-5, final43c F43c-7


def test_an_optimizers_name_as_method_points_to_optimizer():
    assert _refusal(method="adam") == (
        f"unknown method 'adam'; {EXPECTED}write optimizer='adam' (method= names the second-order and quasi-Newton "
        "methods; a first-order optimizer is optimizer=, by name or as symopt.Adam(lr))")


@pytest.mark.parametrize("keyword, value", [("maximize", True), ("sense", "max")])
def test_maximize_points_to_minimizing_the_negated_cost(keyword, value):
    assert _refusal(**{keyword: value}) == (
        f"minimize() takes no {keyword}= (another library's keyword). In symopt: symopt minimizes; to maximize U "
        "minimize its negation, symopt.minimize(-U, ...) (result.value is then -max U), as with "
        "scipy.optimize.minimize")


@pytest.mark.parametrize("make", [lambda: symopt.GradientDescent(-0.1), lambda: symopt.Adam(-0.01),
                                  lambda: symopt.Momentum(-0.1, 0.9)])
def test_a_negative_rate_says_to_minimize_the_negated_cost(make):
    """Gradient ascent as TF1 writes it (a negative rate) is refused, and the message says how to maximize."""
    with pytest.raises(ConfigurationError, match=r"lr: expected a positive finite number; given -0\.\d+\. A negative "
                                                 r"rate climbs the cost: to maximize U, minimize -U"):
        make()


@pytest.mark.parametrize("given, advice", [
    ("LBFGS", "write method='lbfgs' (lower case)"), ("Newton", "write method='newton' (lower case)"),
    ("sgd", "is optimizer='gd'"), ("CG", "for SciPy's CG run scipy.optimize.minimize(lambda p: f(*p), x0, method='CG'"),
    ("Nelder-Mead", "method='Nelder-Mead', jac=True) with f = symopt.compile(cost, [x, y])")])  # probe66 P66-5
def test_other_spellings_and_scipys_other_methods_get_advice(given, advice):
    """final39a F39a-8: symopt's own names in another case, 'sgd', and SciPy methods symopt does not run."""
    assert advice in _refusal(method=given)
