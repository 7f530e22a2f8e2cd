"""probe16 Z14: SciPy's and Keras' keywords given to minimize (``constraints=``, ``options={"maxiter": ...}``,
``maxiter=``, ``x0=``, ``jac=``, ``lr=``, ``learning_rate=``) died with Python's bare TypeError.  They are a
ConfigurationError naming symopt's spelling, raised before anything runs; the spelling it names works."""

from __future__ import annotations

import inspect

import pytest

import symopt
from symopt.errors import ConfigurationError

w = symopt.Variable("w", 0.0)
COST = (w - 1) ** 2


@pytest.mark.parametrize("given, advised, equivalent", [
    (dict(maxiter=7), "steps=7", dict(steps=7)),
    (dict(options={"maxiter": 7}), "steps=7", dict(steps=7)),
    (dict(lr=0.25), r"optimizer=symopt.GradientDescent\(0.25\)", dict(optimizer=symopt.GradientDescent(0.25))),
    (dict(learning_rate=0.25), r"symopt.Adam\(0.25\)", dict(optimizer=symopt.Adam(0.25))),
    (dict(x0=3.0), r"wrt=\{w: 3.0\}", dict(wrt={w: 3.0})),
    (dict(method="lbfgs", gtol=1e-9), "tol=1e-09", dict(method="lbfgs", tol=1e-09)),
])
def test_another_librarys_keyword_names_symopts_and_that_works(given, advised, equivalent, tmp_path):
    with pytest.raises(ConfigurationError, match=f"minimize\\(\\) takes no .*{advised}"):
        symopt.minimize(COST, w, checkpoint=tmp_path / "never.npz", **given)
    assert not (tmp_path / "never.npz").exists()  # refused before anything ran
    arguments = {"wrt": w, **equivalent}
    result = symopt.minimize(COST, arguments.pop("wrt"), **arguments)
    assert result.steps >= 1


@pytest.mark.parametrize("name, said", [
    ("constraints", "box bounds, the only constraints symopt supports"),
    ("jac", "differentiates the cost itself"),
    ("stpes", "did you mean steps="),
])
def test_unsupported_or_misspelt_keywords_say_what_to_do(name, said):
    with pytest.raises(ConfigurationError, match=said):
        symopt.minimize(COST, w, method="lbfgs", **{name: []})


def test_the_signature_is_kept_for_help_and_the_reference():
    assert "steps" in inspect.signature(symopt.minimize).parameters
    assert symopt.minimize.__doc__.startswith("Minimize a scalar cost")


@pytest.mark.parametrize("call, said", [
    (lambda: symopt.compile(COST, w, backend="jax", devices=2), r"compile\(\) takes no devices=: devices= is minimize's"),
    (lambda: symopt.evaluate(COST, {w: 1.0}, backend="jax"), r"evaluate\(\) takes no backend=: it runs on NumPy; use "
                                                              r"symopt.compile\(cost, wrt, backend='jax'\)"),
    (lambda: symopt.evaluate_in_batches(COST, {w: 1.0}, device="gpu"), r"evaluate_in_batches\(\) takes no device="),
    (lambda: symopt.hvp(COST, w, backend="jax"), r"hvp\(\) takes no backend=: it runs on NumPy"),
    (lambda: symopt.grad(COST, w, backend="jax"), r"grad\(\) takes no backend=: it returns SymPy expressions"),
    (lambda: symopt.hessian(COST, w, devices=2), r"hessian\(\) takes no devices=: it returns a SymPy matrix, or a "
                                                   r"HessianVectorProduct that runs on NumPy"),
    (lambda: symopt.hessian(COST, w, dtype="float32"), r"hessian\(\) takes no dtype=: .* symopt.hvp\(cost, wrt, "
                                                         r"dtype='float32'\)$"),
    (lambda: symopt.grad(COST, w, dtype="float32"), r"grad\(\) takes no dtype=: .* symopt.compile\(cost, wrt, "
                                                      r"dtype='float32'\)$"),
    (lambda: symopt.compile(COST, w, dtyp="float32"), r"unexpected keyword dtyp=; did you mean dtype=\? It takes cost, "
                                                       r"wrt, inputs, dtype, backend, cache_dir$"),
])
def test_the_functions_that_compute_values_say_where_a_device_keyword_goes(call, said):
    """probe21 P21-16: compile(devices=), evaluate(backend=) and their kin were Python's bare TypeError."""
    with pytest.raises(ConfigurationError, match=said):
        call()
    assert "cache_dir" in inspect.signature(symopt.compile).parameters
