"""Issues 10 and 14 leftovers: the TF1 layer's cheap import, tf.erf, update-rule display, linear derive of
long sums, derive's tie rule for Max/Min, ..."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import numpy as np
import pytest
import sympy

import symopt


def modules_after(statement: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``statement``."""
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_importing_the_tf1_layer_loads_no_sympy_and_no_numpy():
    loaded = modules_after("import symopt.compat.v1 as tf")
    assert not {"sympy", "numpy", "scipy"} & loaded
    assert sorted(m for m in loaded if m.startswith("symopt")) == ["symopt", "symopt.compat", "symopt.compat.v1",
                                                                  "symopt.lazy"]


def test_a_tf1_name_loads_only_its_module_chain():
    loaded = modules_after("import symopt.compat.v1 as tf\ntf.float32")
    assert "symopt.compat.v1.dtypes" in loaded and "sympy" not in loaded


def test_lazy_exports_are_the_functions_not_same_named_submodules():
    import symopt.compat.v1 as tf
    import symopt.compat.v1.variable_scope  # noqa: F401  (the import system records the submodule)
    assert tf.variable_scope.__module__ == "symopt.compat.v1.variable_scope"
    assert isinstance(tf.variable_scope, type)
    assert tf.compat.v1 is tf
    assert set(tf.__all__) <= set(dir(tf))
    for name in tf.__all__:
        assert getattr(tf, name) is not None or name == "newaxis"  # TF1's tf.newaxis is None, as numpy.newaxis
    assert "newaxis" in dir(tf) and tf.newaxis is None


def test_star_import_of_the_tf1_layer_binds_every_public_name():
    namespace: dict = {}
    exec("from symopt.compat.v1 import *", namespace)  # noqa: S102  (a fixed statement, no user input)
    import symopt.compat.v1 as tf
    assert namespace["Session"] is tf.Session and namespace["erf"] is tf.erf


def test_unknown_tf1_name_is_refused_by_name():
    import symopt.compat.v1 as tf
    from symopt.compat.v1.errors import UnsupportedNameError
    with pytest.raises(UnsupportedNameError, match=r"tf\.foo is not supported"):
        tf.foo  # noqa: B018
    assert not hasattr(tf, "_private")


def test_tf_erf_and_erfc_elementwise_with_gradient():
    import symopt.compat.v1 as tf
    tf.reset_default_graph()
    xs = np.array([0.25, -0.5, 2.0], dtype=np.float32)
    ws = np.array([0.3, -0.2, 1.5], dtype=np.float32)
    x = tf.constant(xs)
    w = tf.Variable(ws)
    cost = tf.reduce_sum(tf.erf(x * w)) + tf.reduce_sum(tf.erfc(w))
    (gradient,) = tf.gradients(cost, [w])
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        erf_values, cost_value, gradient_value = session.run([tf.erf(x), cost, gradient])
    assert erf_values.dtype == np.float32 and gradient_value.dtype == np.float32
    np.testing.assert_allclose(erf_values, [math.erf(v) for v in xs], rtol=1e-6)
    expected_cost = sum(math.erf(a * b) for a, b in zip(xs.astype(float), ws.astype(float))) + \
        sum(math.erfc(b) for b in ws.astype(float))
    assert cost_value == pytest.approx(expected_cost, rel=1e-6)
    two_over_root_pi = 2 / math.sqrt(math.pi)
    expected = [two_over_root_pi * (math.exp(-(a * b) ** 2) * a - math.exp(-b * b))
                for a, b in zip(xs.astype(float), ws.astype(float))]
    np.testing.assert_allclose(gradient_value, expected, rtol=1e-5)


# ---- update rules print as a textbook writes them (g², 1/√x, no + 0)

def test_update_rules_write_squares_reciprocal_roots_and_no_added_zero():
    ftrl = symopt.update_rule(symopt.Ftrl(0.1))
    assert str(ftrl).splitlines()[1:] == ["  z ← z + g - ((√(a + g²) - √a)/η)θ",
                                          "  θ ← {(λ₁·sign(z) - z)/(√(a + g²)/η + 2λ₂) if λ₁ < |z|; 0 otherwise}",
                                          "  a ← a + g²"]
    assert ftrl.latex().splitlines()[2] == (r"z &\leftarrow z + g - \frac{\sqrt{a + g^{2}} - \sqrt{a}}{\eta} \theta \\")
    adadelta = symopt.update_rule(symopt.Adadelta())
    assert str(adadelta).splitlines()[2] == "  θ ← θ - (√(E[Δθ²] + ε)/√(E[g²] + ε))gη"
    assert adadelta.latex().splitlines()[3] == (r"\theta &\leftarrow \theta - \frac{\sqrt{E[\Delta\theta^2] + "
                                                r"\epsilon}}{\sqrt{E[g^2] + \epsilon}} g \eta \\")
    proximal = symopt.update_rule(symopt.ProximalAdagrad(0.1))
    assert str(proximal).splitlines()[2:] == ["  θ ← θ - g(η/√a)", "  θ ← θ/(1 + λ₂(η/√a))"]
    pytorch = symopt.update_rule(symopt.PyTorchAdam(0.1))
    assert str(pytorch).splitlines()[2] == "  v ← vβ₂ + (1 - β₂)g²"
    assert pytorch.latex().splitlines()[3] == r"v &\leftarrow v \beta_2 + \left(1 - \beta_2\right) g^{2} \\"


@pytest.mark.parametrize("name", ["GradientDescent", "Momentum", "Adagrad", "RMSProp", "Adam", "Adadelta", "Ftrl",
                                  "ProximalGradientDescent", "ProximalAdagrad", "PyTorchAdam", "KerasAdam", "AdamW",
                                  "Nadam"])
def test_no_update_rule_shows_internal_spellings(name):
    optimizer = symopt.Momentum(0.1, 0.9) if name == "Momentum" else getattr(symopt, name)(0.1)
    rule = symopt.update_rule(optimizer)
    for shown in (str(rule), rule.latex()):
        for internal in ("rsqrt", "g g", "+ 0", "+ 0.0", "_power", "float32", "lr"):
            assert internal not in shown, (internal, shown)


def test_update_rule_display_keeps_the_rules_value():
    from symopt.display.rules import as_written
    from symopt.unevaluated import rsqrt
    from symopt.optimizers import to_dtype
    for optimizer in (symopt.Ftrl(0.1), symopt.Adadelta(), symopt.ProximalAdagrad(0.1), symopt.PyTorchAdam(0.1)):
        for _, value in optimizer.rule():
            reference = value.replace(rsqrt, lambda x: 1 / sympy.sqrt(x)).replace(to_dtype, lambda x: x)
            shown = as_written(value).replace(to_dtype, lambda x: x)
            assert not shown.has(rsqrt)
            symbols = sorted(value.free_symbols, key=str)
            point = {s: 0.3 + 0.1 * i for i, s in enumerate(symbols)}
            assert float(shown.subs(point)) == pytest.approx(float(reference.subs(point)), rel=1e-12)


# ---- derive of a long sum: each term differentiated once, no factoring in many symbols

def derivative_work(monkeypatch, n: int) -> tuple[int, int]:
    """(terms handed to ``sympy.diff``, most symbols handed to ``sympy.factor``) while deriving an n-term sum."""
    work = {"terms": 0, "symbols": 0}
    diff, factor = sympy.diff, sympy.factor

    def counting_diff(expr, *args, **kwargs):
        work["terms"] += len(expr.args) if expr.is_Add else 1
        return diff(expr, *args, **kwargs)

    def counting_factor(expr, *args, **kwargs):
        work["symbols"] = max(work["symbols"], len(sympy.sympify(expr).free_symbols))
        return factor(expr, *args, **kwargs)

    monkeypatch.setattr(sympy, "diff", counting_diff)
    monkeypatch.setattr(sympy, "factor", counting_factor)
    w, b = sympy.symbols("w b", real=True)
    cost = sum((w * (i + 1) + b - i) ** 2 for i in range(n))
    shown = str(symopt.derive(cost, [w, b]))
    assert shown.count("\n") > 4 * n  # every term has its forward and backward lines
    monkeypatch.undo()
    return work["terms"], work["symbols"]


def test_derive_of_a_long_sum_differentiates_each_term_once(monkeypatch):
    from symopt.display.tidy import TIDY_SYMBOLS
    small_terms, small_symbols = derivative_work(monkeypatch, 15)
    large_terms, large_symbols = derivative_work(monkeypatch, 45)
    assert large_terms <= 3 * small_terms + 10  # linear in n (it was n² + O(n): each term's sum read n times)
    assert large_terms <= 8 * 45
    assert max(small_symbols, large_symbols) <= TIDY_SYMBOLS


# ---- derive of Max/Min at a tie: the gradient's rule (TF1's _MaximumMinimumGrad), printed as Iverson brackets

def test_derive_of_max_shows_the_gradients_tie_rule():
    w, q = sympy.symbols("w q", real=True)
    shown = symopt.derive(sympy.Max(w, q) * w, [w, q])
    assert str(shown).splitlines()[-2:] == ["  dJ/dw = max(q, w) + w[q < w]", "  dJ/dq = w[q ≥ w]"]
    assert shown.latex().splitlines()[-3:-1] == [r"\frac{dJ}{dw} &= \max\left(q, w\right) + w \left[q < w\right] \\",
                                                 r"\frac{dJ}{dq} &= w \left[q \geq w\right]"]
    assert "Heaviside" not in str(shown) + shown.latex() + shown.markdown()
    squared = symopt.derive(sympy.Max(w, 0) ** 2, w)
    assert str(squared).splitlines()[5] == "  dJ/dw = dJ/du · du/dw = 2u[w ≥ 0]"
    assert str(symopt.derive(sympy.Max(w, q, 0), [w, q])).splitlines()[-2:] == [
        "  dJ/dw = [w ≥ 0][q < w]", "  dJ/dq = [q ≥ 0][q ≥ w]"]


@pytest.mark.parametrize("build", [lambda w, q: sympy.Max(w, q) * w, lambda w, q: sympy.Min(w, 2) * w + q,
                                   lambda w, q: sympy.Max(w, 0) ** 2 + q, lambda w, q: sympy.Max(w, q, 0) * w])
def test_derive_agrees_with_grad_at_ties(build):
    w, q = sympy.symbols("w q", real=True)
    cost = build(w, q)
    for point in ({w: 2.0, q: 2.0}, {w: 0.0, q: 0.0}, {w: -1.0, q: 3.0}):
        shown = str(symopt.derive(cost, [w, q], at=point))
        gradient = symopt.grad(cost, [w, q])
        for name, entry in zip("wq", gradient):
            line = next(ln for ln in reversed(shown.splitlines()) if ln.startswith(f"  dJ/d{name} ="))
            assert float(line.rsplit("=", 1)[1]) == pytest.approx(float(entry.subs(point)))



# ---- the refusal of a parameter's assumptions quotes a simplification of that assumption

@pytest.mark.parametrize("assumption, example", [("nonnegative", "with nonnegative=True, Max(wa, 0) and Abs(wa) become wa"),
                                                 ("positive", "with positive=True, sqrt(wa**2) and Abs(wa) become wa"),
                                                 ("integer", "with integer=True, sin(pi*wa) becomes 0"),
                                                 ("negative", "with negative=True, Abs(wa) becomes -wa")])
def test_assumption_refusal_names_what_that_assumption_does(assumption, example):
    from symopt.errors import ConfigurationError
    wa = sympy.Symbol("wa", **{assumption: True})
    with pytest.raises(ConfigurationError) as caught:
        symopt.compile(wa**2 + wa, wa)
    message = str(caught.value)
    assert f"declared with {assumption}=True" in message and f"({example})" in message
    if assumption != "positive":
        assert "positive=True" not in message


def test_assumption_refusal_without_a_quoted_example_is_still_a_sentence():
    from symopt.errors import ConfigurationError
    wa = sympy.Symbol("wa", prime=True)
    with pytest.raises(ConfigurationError, match=r"declared with prime=True: SymPy simplifies with that promise, but "):
        symopt.compile(wa**2 + wa, wa)


# ---- CLI: a run that leaves the cost's real domain exits 2 naming the point; a real divergence stays exit 1

def run_cli(*args: str) -> tuple[int, str]:
    import contextlib
    import io
    from symopt.cli import main
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue() + err.getvalue()


def test_cli_log_of_a_negative_parameter_exits_2_naming_log():
    code, text = run_cli("minimize", "log(w) + w", "--wrt", "w=0.5", "--steps", "50", "--lr", "3")
    assert code == 2
    assert text.startswith("symopt: after step 1 the parameters reached w = -8.5, where log(w) has no real value "
                           "(the cost was -0.193147 one step before).")


def test_cli_domain_message_names_the_innermost_subexpression_with_data():
    code, text = run_cli("minimize", "sqrt(w - c) + exp(w)", "--wrt", "w=2", "--data", "c=1.5", "--steps", "20",
                         "--lr", "2")
    assert code == 2, text
    assert "reached w = -14.1923, where sqrt(-c + w) has no real value" in text


def test_cli_a_cost_growing_to_infinity_still_exits_1_as_a_divergence():
    code, text = run_cli("minimize", "exp(w*w)", "--wrt", "w=3", "--steps", "50", "--lr", "1")
    assert code == 1
    assert "diverged" in text and "became inf" in text


# ---- a constant gradient comes back as a float of the run's dtype, never the int 1

@pytest.mark.parametrize("dtype, expected", [(None, float), ("float64", float), ("float32", np.float32)])
def test_constant_gradient_is_a_float_of_the_runs_dtype(dtype, expected):
    w = symopt.Variable("w", 1.0)
    b = symopt.Variable("b", 0.0)
    function = symopt.compile(w**2 + 3 * b, [w, b], dtype=dtype)
    value, (dw, db) = function(w=2.0, b=1.0)
    assert db == 3.0 and dw == 4.0
    assert type(db) is type(dw) is expected, (type(db), type(dw))
    assert not isinstance(db, int)
