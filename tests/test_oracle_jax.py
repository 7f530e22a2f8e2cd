"""symopt against JAX (float64) on random models written the way users write them (issue 8).

The models and the checks are in ``tests/jax_models.py`` and ``tests/jax_oracle.py`` (tolerance and
its justification there; docs/oracle.md).  Fast profile (default): 240 gradient models, 80 of them
through ``symopt.evaluate``, 60 optimizer runs, 200 scalar programs on the ``math`` backend, compared
with JAX references stored in ``tests/data/jax_oracle_fast.json.gz`` (fingerprinted; a few recomputed
live with JAX when it is installed).  ``pytest --oracle-long`` checks 10 000 fresh models and 2 000
scalar programs with live JAX.  Every failure names its case and a replay command.

Known bugs of issue 8 have their own random models (three per bug), fixed now and kept as regression
tests.  The defects this oracle found come last, each as a minimal reproducer (fixed too), with
46 SymPy constructs that must be exact or refused with a SymoptError.
"""

from __future__ import annotations

import sys

import numpy as np
import pytest
import sympy

import symopt

from jax_models import KNOWN_BUGS, program_nodes, random_scalar_program
from jax_oracle import (BUG_SEEDS, FAST, LONG, close, compare, load_references, model_spec, reference, replay,
                        source_hash, stored_reference)


@pytest.fixture(scope="module")
def stored():
    return load_references()


def _check_all(kind: str, oracle_long: bool, counts, stored) -> list:
    """Compare every case of ``kind`` in the profile; returns the ``compare`` results of the checked cases."""
    seeds = (LONG if oracle_long else FAST)[kind]
    failures, results, rejected = [], [], 0
    for index, seed in enumerate(seeds):
        if oracle_long and index % 500 == 0:
            print(f"jax oracle {kind}: {index} of {len(seeds)}, {len(failures)} disagreeing", file=sys.stderr, flush=True)
        if kind != "scalar":
            assert not model_spec(kind, seed).features(), "random models leave the known bugs out"
        ref = reference("gradient" if kind == "evaluate" else kind, seed) if oracle_long else \
            stored_reference(stored, kind, seed)
        if "rejected" in ref:
            rejected += 1
            continue
        try:
            results.append(compare(kind, seed, ref))
        except AssertionError as error:
            failures.append(str(error))
        except Exception as error:  # a crash is a disagreement too
            failures.append(f"{type(error).__name__}: {error}\n{replay(kind, seed)}")
    checked = len(results) + len(failures)
    counts[f"jax oracle: {kind} cases checked"] += checked
    counts[f"jax oracle: {kind} cases rejected (magnitude or overflow)"] += rejected
    counts[f"jax oracle: {kind} cases disagreeing"] += len(failures)
    assert rejected <= len(seeds) // 10, f"{rejected} of {len(seeds)} {kind} cases rejected: the oracle judges too few"
    assert not failures, (f"{len(failures)} of {checked} {kind} cases disagree with JAX; the first:\n\n"
                          + "\n\n".join(failures[:3]))
    return results


def test_gradients_match_jax(oracle_long, oracle_counts, stored):
    _check_all("gradient", oracle_long, oracle_counts, stored)


def test_evaluate_matches_jax_forward_pass(oracle_long, oracle_counts, stored):
    _check_all("evaluate", oracle_long, oracle_counts, stored)


def test_optimizer_steps_match_tf1_rules_on_jax_gradients(oracle_long, oracle_counts, stored):
    _check_all("optimizer", oracle_long, oracle_counts, stored)


def test_scalar_programs_on_the_math_backend_match_jax(oracle_long, oracle_counts, stored):
    modules = set(_check_all("scalar", oracle_long, oracle_counts, stored)) - {None}
    assert modules == {"math"}, f"scalar float64 programs compiled for {modules}; expected the math backend"


def test_random_models_cover_what_users_write():
    """The fast profile's models use every layer, activation, head and extra of the generator."""
    specs = [model_spec("gradient", seed) for seed in FAST["gradient"]]
    layers = {layer[0] for spec in specs for layer in spec.layers}
    activations = {a for spec in specs for layer in spec.layers for a in layer[2:]
                   if layer[0] in ("dense", "dense_T", "gate", "residual") and isinstance(a, str)}
    activations |= {layer[1] for spec in specs for layer in spec.layers if layer[0] in ("residual", "scale")}
    assert layers == {"dense", "dense_T", "gate", "residual", "scale", "positive", "softmax", "log_softmax", "center"}
    assert activations >= {"identity", "sigmoid", "tanh", "relu", "leaky_relu", "softplus", "exp", "abs", "square"}
    assert {spec.head[0] for spec in specs} == {"mse", "sse", "l1", "softmax_xent", "manual_xent", "sigmoid_xent",
                                                "softmax_mse", "axis_sum"}
    assert {spec.head[1] for spec in specs} == {-1, 0, 1}
    assert {e for spec in specs for e in spec.extras} >= {"l2", "l2_fed", "uncertainty", "shift", "log1p", "sqrt",
                                                          "tanh", "square", "softplus_s", "sigmoid_s"}
    assert {spec.layout for spec in specs} == {"rows", "cols"}
    assert {spec.m for spec in specs} == {1, 2, 3, 5}
    assert sum(len(spec.layers) == 3 for spec in specs) >= 30
    functions = {node[1] for seed in FAST["scalar"] for node in program_nodes(random_scalar_program(seed))
                 if node[0] == "fn"}
    assert len(functions) == 15


def test_stored_references_are_current(stored):
    """The stored references come from today's model code, and exist for every case (each case's
    fingerprint is checked where it is compared); the known-bug models contain their bug."""
    assert stored["source"] == source_hash(), "the model code changed: run python tests/jax_oracle.py regenerate"
    for kind, seeds in FAST.items():
        for seed in seeds:
            assert "fingerprint" in stored_reference(stored, kind, seed)
    for bug in KNOWN_BUGS:
        for seed in BUG_SEEDS:
            assert bug in model_spec("gradient", seed, bug).features()
            assert "fingerprint" in stored_reference(stored, "gradient", seed, bug)


def test_stored_references_match_live_jax(stored):
    """A sample of the stored references, recomputed with JAX now."""
    pytest.importorskip("jax")
    for kind, seed in [("gradient", 3), ("scalar", 0), ("scalar", 1)]:
        live, kept = reference(kind, seed), stored_reference(stored, kind, seed)
        assert live.keys() == kept.keys()
        for key in set(live) - {"fingerprint", "rejected"}:
            values = live[key].items() if isinstance(live[key], dict) else [(key, live[key])]
            for name, value in values:
                expected = kept[key][name] if isinstance(kept[key], dict) else kept[key]
                assert close(value, expected, 1e-12), (kind, seed, key, name, value, expected)


@pytest.mark.parametrize("bug", list(KNOWN_BUGS))
def test_known_bug_models_match_jax(bug, stored):
    checked = 0
    for seed in BUG_SEEDS:
        ref = stored["bugs"][f"{bug}/{seed}"]
        if "rejected" not in ref:
            compare("gradient", seed, ref, bug)
            checked += 1
    assert checked >= 2


def test_known_bug_builtin_named_parameter_in_minimize():
    w = symopt.Variable("range", 0.0)
    result = symopt.minimize((w - 3) ** 2, {w: 0.0}, optimizer=symopt.GradientDescent(0.25), steps=2)
    lr = float(np.float32(0.25))
    expected = 0.0
    for _ in range(2):
        expected -= lr * 2 * (expected - 3)
    assert result[w] == pytest.approx(expected, rel=1e-12)


# ---------------------------------------------------------------- defects the oracle found: minimal reproducers

def test_scalar_programs_with_leaky_relu_of_a_sum_are_in_the_main_check():
    """They were set aside while leaky_relu printed max(u + v, a*u + v); now the main check compares them."""
    from jax_oracle import scalar_cost
    from symopt.functions import leaky_relu
    from symopt.traversal import unique_nodes

    def has_leaky_relu_of_a_sum(seed: int) -> bool:
        cost = sympy.sympify(scalar_cost(seed)[0])
        return any(isinstance(node, leaky_relu) and node.args[0].is_Add for node in unique_nodes([cost]))
    assert sum(map(has_leaky_relu_of_a_sum, FAST["scalar"])) >= 2


def test_leaky_relu_of_a_sum_evaluates_to_its_value():
    a, x = symopt.Variable("a", -0.5), symopt.Placeholder("x")
    assert symopt.evaluate(symopt.leaky_relu(a + x, 0.1), {x: -1.0}) == pytest.approx(0.1 * (-1.5), rel=1e-12)


def test_leaky_relu_of_a_sum_compiles_to_its_value_and_gradient():
    a, c, x = symopt.Variable("a", -0.5), symopt.Variable("c", 2.0), symopt.Placeholder("x")
    value, (gradient,) = symopt.compile(c * symopt.leaky_relu(a + x, 0.1), [c])(c=2.0, a=-0.5, x=-1.0)
    assert (value, gradient) == (pytest.approx(-0.3, rel=1e-12), pytest.approx(-0.15, rel=1e-12))


def test_compat_leaky_relu_of_a_sum_runs_to_its_value():
    import symopt.compat.v1 as tf

    tf.reset_default_graph()
    x, w = tf.placeholder(tf.float64, shape=()), tf.Variable(-0.5, dtype=tf.float64)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        value = session.run(tf.nn.leaky_relu(w + x, alpha=0.1), feed_dict={x: -1.0})
    assert value == pytest.approx(float(np.float32(0.1)) * (-1.5), rel=1e-12)  # TF1 rounds alpha to float32


def test_leaky_relu_with_a_variable_slope_compiles():
    w, a = symopt.Variable("w", -1.0), symopt.Variable("a", 0.2)
    value, (d_w, d_a) = symopt.compile(symopt.leaky_relu(w, a), [w, a])(w=-1.0, a=0.2)
    assert (value, d_w, d_a) == (pytest.approx(-0.2), pytest.approx(0.2), pytest.approx(-1.0))


#: SymPy a user writes in a scalar cost, at a = 0.7, b = -0.4 (inside every domain, off every kink).
NATURAL_SYMPY = {
    "sinh": lambda a, b: sympy.sinh(a + b), "cosh": lambda a, b: sympy.cosh(a * b),
    "asinh": lambda a, b: sympy.asinh(a), "acosh": lambda a, b: sympy.acosh(a + 2),
    "atanh": lambda a, b: sympy.atanh(a / 2), "tan": lambda a, b: sympy.tan(a), "cot": lambda a, b: sympy.cot(a),
    "sec": lambda a, b: sympy.sec(a), "csc": lambda a, b: sympy.csc(a), "asin": lambda a, b: sympy.asin(b),
    "acos": lambda a, b: sympy.acos(a / 2), "acot": lambda a, b: sympy.acot(a), "asec": lambda a, b: sympy.asec(a + 2),
    "acsc": lambda a, b: sympy.acsc(a + 2), "coth": lambda a, b: sympy.coth(a), "sech": lambda a, b: sympy.sech(a),
    "csch": lambda a, b: sympy.csch(a), "acoth": lambda a, b: sympy.acoth(a + 2), "asech": lambda a, b: sympy.asech(a),
    "atan2": lambda a, b: sympy.atan2(a, b), "log2": lambda a, b: sympy.log(a, 2),
    "log_base": lambda a, b: sympy.log(a ** 2 + 1, 3), "cbrt": lambda a, b: sympy.cbrt(a ** 2 + 1),
    "root5": lambda a, b: sympy.root(a ** 2 + 1, 5), "rational_pow": lambda a, b: (a ** 2 + 1) ** sympy.Rational(2, 3),
    "exp2": lambda a, b: 2 ** a, "variable_exponent": lambda a, b: (a ** 2 + 1) ** b,
    "erf": lambda a, b: sympy.erf(a * b), "erfc": lambda a, b: sympy.erfc(a), "sinc": lambda a, b: sympy.sinc(a),
    "Abs": lambda a, b: sympy.Abs(a * b), "lowergamma": lambda a, b: sympy.lowergamma(2, a + 1),
    "re": lambda a, b: sympy.re(a) * b, "conjugate": lambda a, b: sympy.conjugate(a) * b,
    "Max": lambda a, b: sympy.Max(a, b) ** 2, "Min": lambda a, b: sympy.Min(a, b) * a,
    "sign": lambda a, b: sympy.sign(b) * a ** 2, "Heaviside": lambda a, b: sympy.Heaviside(a) * b,
    "floor": lambda a, b: sympy.floor(3 * a) * b, "ceiling": lambda a, b: sympy.ceiling(a) * b ** 2,
    "gamma": lambda a, b: sympy.gamma(a + 1), "Mod": lambda a, b: sympy.Mod(a * 5, 2) * b,
    "LambertW": lambda a, b: sympy.LambertW(a),
    "Piecewise": lambda a, b: sympy.Piecewise((a ** 2, a > 0), (b, True)),
    "loggamma": lambda a, b: sympy.loggamma(a + 2), "erf2": lambda a, b: sympy.erf2(a, 2 * a),
}


@pytest.mark.parametrize("name", list(NATURAL_SYMPY))
def test_natural_sympy_is_exact_or_refused_with_a_symopt_error(name):
    """Value, gradient (``compile``, the ``math`` backend) and ``evaluate`` equal SymPy's at 30 digits
    to 1e-9, or compile raises a SymoptError: never a wrong number, never a raw exception."""
    a, b = symopt.Variable("a", 0.7), symopt.Variable("b", -0.4)
    cost = NATURAL_SYMPY[name](a, b)
    wrt = sorted(cost.free_symbols, key=str)
    try:
        function = symopt.compile(cost, wrt)
    except symopt.errors.SymoptError:
        return
    at = {a: 0.7, b: -0.4}
    value, gradients = function({s: at[s] for s in wrt})
    assert function.module == "math"
    exact = float(cost.subs(at).rewrite(sympy.erf).evalf(30))  # SymPy evaluates erf2 only through erf
    assert close(value, exact)
    assert close(symopt.evaluate(cost), exact)
    for symbol, gradient in zip(wrt, gradients):
        assert close(gradient, _exact_derivative(cost, symbol, at)), symbol


def _exact_derivative(cost, symbol, at: dict) -> float:
    """SymPy's derivative at 30 digits; where SymPy has none (floor, ceiling, Mod: piecewise smooth),
    a central difference at 30 digits with step 1e-12, exact to ~1e-12 away from the jumps."""
    derivative = sympy.diff(cost, symbol)
    if not derivative.has(sympy.Derivative, sympy.Subs):
        return float(derivative.subs(at).evalf(30))
    h = sympy.Float("1e-12", 30)
    up, down = ({**at, symbol: sympy.Float(at[symbol], 30) + sign * h} for sign in (1, -1))
    return float(((cost.subs(up) - cost.subs(down)) / (2 * h)).evalf(30))
