r"""The JAX oracle: symopt against JAX (float64) on the random models of ``tests/jax_models.py``.

Four kinds of case, each identified by a seed:

* ``gradient``: ``symopt.compile(cost, parameters)`` against ``jax.value_and_grad``;
* ``evaluate``: ``symopt.evaluate`` of the model's output and of its cost (Variables at their
  initial values) against the JAX forward pass;
* ``optimizer``: ``symopt.minimize(..., steps=k)`` with one of seven TF1 optimizers against a
  hand-written loop of TF1's update rules (DESIGN.md) fed by ``jax.grad``;
* ``scalar``: a random scalar program (compiled to the ``math`` backend) against JAX, value,
  gradient and ``symopt.evaluate``.

A *reference* is what JAX computes for a case (:func:`reference`); :func:`compare` checks symopt
against it.  References of the fast profile are stored in ``tests/data/jax_oracle_fast.json.gz``
(regenerate: ``python tests/jax_oracle.py regenerate``), each with a fingerprint of the model and
its values, so a changed generator is caught; the long profile computes them live.
Replay one case: ``python tests/jax_oracle.py gradient 1234`` (``--force prelu`` for a known-bug model).

Tolerance: ``|symopt - jax| <= 1e-9 (1 + |jax|)`` entrywise (:func:`close`): relative 1e-9 above 1,
absolute 1e-9 below.  Both sides compute the same real number in float64 in different orders, so
they differ by rounding, of order ``n eps S`` (``eps = 2.2e-16``, ``n`` the operations on a path, a
few hundred here, ``S`` the magnitude of the intermediates, kept small: inputs N(0, 1), weights
N(0, 1/fan_in), and points whose cost, outputs or gradients exceed :data:`MAX_MAGNITUDE` = 10³ are
rejected) — about 1e-11 at the worst, well under 1e-9; a wrong rule, axis, sign or a missing term
moves the result by the size of a term (1e-3 and more at these random points).  Adam is not
compared where a gradient entry is within 1e-6 of zero but not zero: its first step is
``lr g / (|g| + 1e-8)``, which turns the rounding of such a ``g`` into a change of order ``lr``.
"""

from __future__ import annotations

import gzip
import hashlib
import inspect
import json
import sys
from pathlib import Path

import numpy as np
import sympy

import symopt
from jax_models import (KNOWN_BUGS, Built, ModelSpec, build, jax_functions, load_jax, random_scalar_program,
                        random_spec, scalar_parameters, scalar_point, scalar_program, sympy_functions)

REFERENCES = Path(__file__).parent / "data" / "jax_oracle_fast.json.gz"
MAX_MAGNITUDE = 1e3
TOLERANCE = 1e-9

#: The fast profile: seeds of each kind (references stored).  Known-bug models: three per bug.
FAST = {"gradient": range(0, 240), "evaluate": range(0, 240, 3), "optimizer": range(5000, 5060),
        "scalar": range(0, 200)}
BUG_SEEDS = range(9000, 9003)
#: The long profile: fresh seeds, references computed live (10 000 models, plus 2 000 scalar programs).
LONG = {"gradient": range(10 ** 6, 10 ** 6 + 7000), "evaluate": range(3 * 10 ** 6, 3 * 10 ** 6 + 1000),
        "optimizer": range(2 * 10 ** 6, 2 * 10 ** 6 + 2000), "scalar": range(4 * 10 ** 6, 4 * 10 ** 6 + 2000)}

OPTIMIZERS = {
    "gd": lambda: symopt.GradientDescent(0.1),
    "momentum": lambda: symopt.Momentum(0.05, momentum=0.9),
    "nesterov": lambda: symopt.Momentum(0.05, momentum=0.9, nesterov=True),
    "adagrad": lambda: symopt.Adagrad(0.1),
    "rmsprop": lambda: symopt.RMSProp(0.01),
    "rmsprop_centered": lambda: symopt.RMSProp(0.01, momentum=0.5, centered=True),
    "adam": lambda: symopt.Adam(0.01),
}


_STALE = "the stored JAX reference is for another model or program: run python tests/jax_oracle.py regenerate"


class Rejected(Exception):
    """The random point is outside what the oracle judges (non-finite, or over MAX_MAGNITUDE)."""


def close(actual, expected, tolerance: float = TOLERANCE) -> bool:
    """``|actual - expected| <= tolerance * (1 + |expected|)`` entrywise, with equal shapes."""
    actual, expected = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    return actual.shape == expected.shape and bool(
        np.all(np.abs(actual - expected) <= tolerance * (1.0 + np.abs(expected))))


def _judgeable(*arrays) -> None:
    for array in arrays:
        array = np.asarray(array, dtype=float)
        if not np.all(np.isfinite(array)) or (array.size and np.max(np.abs(array)) > MAX_MAGNITUDE):
            raise Rejected("non-finite, or a magnitude over MAX_MAGNITUDE")


# ---------------------------------------------------------------- cases

def model_spec(kind: str, seed: int, force: str | None = None) -> ModelSpec:
    """The model of a case; ``force`` a known bug the model must contain (and the only one allowed)."""
    return random_spec(seed, bugs={force} if force else frozenset(), force=force)


def optimizer_case(seed: int) -> tuple[str, int]:
    """The optimizer and step count of an ``optimizer`` case."""
    rng = np.random.default_rng([seed, 3])
    return str(rng.choice(sorted(OPTIMIZERS))), int(rng.integers(1, 4))


def fingerprint(kind: str, seed: int, force: str | None = None, built: Built | None = None) -> str:
    """A hash of what a case's reference depends on: the model (``built``, else built here) or program, and its values."""
    if kind == "scalar":
        text = repr((random_scalar_program(seed), scalar_point(seed)))
    else:
        built = built or build(model_spec(kind, seed, force))
        arrays = "".join(f"{k}:{np.asarray(v, dtype=float).tobytes().hex()}" for k, v in sorted(built.values.items()))
        text = repr(built.spec) + arrays + (repr(optimizer_case(seed)) if kind == "optimizer" else "")
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# ---------------------------------------------------------------- references (JAX)

def _listed(value):
    return np.asarray(value, dtype=float).tolist()


def reference(kind: str, seed: int, force: str | None = None) -> dict:
    """What JAX computes for a case, JSON-ready; ``{"rejected": why}`` for a point the oracle does not judge."""
    try:
        result = _scalar_reference(seed) if kind == "scalar" else _model_reference(kind, seed, force)
    except Rejected as why:
        result = {"rejected": str(why)}
    return {"fingerprint": fingerprint("gradient" if kind == "evaluate" else kind, seed, force), **result}


def _model_reference(kind: str, seed: int, force: str | None) -> dict:
    jax = load_jax()
    built = build(model_spec(kind, seed, force))
    params = built.jax_params()
    with np.errstate(all="ignore"):
        value, grads = jax.value_and_grad(built.jax_cost)(params)
        output = built.jax_output(params)
    _judgeable(value, output, *grads.values())
    if kind != "optimizer":
        return {"value": float(value), "grads": {n: _listed(g) for n, g in grads.items()}, "output": _listed(output)}
    name, steps = optimizer_case(seed)
    if name == "adam" and any(np.any((np.abs(g) < 1e-6) & (g != 0)) for g in map(np.asarray, grads.values())):
        raise Rejected("Adam with a gradient entry within 1e-6 of zero")

    def gradient(theta):
        return jax.grad(built.jax_cost)({k: jax.numpy.asarray(v) for k, v in theta.items()})

    final = tf1_loop(name, gradient, {n: built.values[n] for n in built.parameters}, steps)
    _judgeable(*final.values())
    return {"params": {n: _listed(v) for n, v in final.items()}}


def _scalar_reference(seed: int) -> dict:
    jax = load_jax()
    node, point = random_scalar_program(seed), scalar_point(seed)
    used = scalar_parameters(node)
    if not used:
        raise Rejected("no parameter in the program")

    def cost(params):
        return scalar_program(node, {**point, **params}, jax_functions())

    value, grads = jax.value_and_grad(cost)({k: jax.numpy.asarray(point[k]) for k in used})
    _judgeable(value, *grads.values())
    return {"value": float(value), "grads": {k: float(g) for k, g in grads.items()}}


def _f32(value) -> float:
    """A Python float hyperparameter as TF1 uses it in float64: rounded to float32 first."""
    return float(np.float32(value))


def tf1_loop(name: str, gradient, theta: dict, steps: int) -> dict:
    """``steps`` updates of TF1's rule ``name`` (DESIGN.md) in float64; ``gradient(theta) -> dict``."""
    theta = {k: np.array(v, dtype=np.float64) for k, v in theta.items()}
    first = {k: np.full_like(v, {"adagrad": 0.1, "rmsprop": 1.0, "rmsprop_centered": 1.0}.get(name, 0.0))
             for k, v in theta.items()}
    second = {k: np.zeros_like(v) for k, v in theta.items()}
    third = {k: np.zeros_like(v) for k, v in theta.items()}
    beta1_power, beta2_power = np.float32(0.9), np.float32(0.999)
    for _ in range(steps):
        g = {k: np.asarray(v, dtype=np.float64) for k, v in gradient(theta).items()}
        for k in theta:
            if name == "gd":
                theta[k] = theta[k] - g[k] * _f32(0.1)
            elif name in ("momentum", "nesterov"):
                lr, mu = _f32(0.05), _f32(0.9)
                first[k] = first[k] * mu + g[k]
                theta[k] = theta[k] - (g[k] * lr + first[k] * mu * lr if name == "nesterov" else first[k] * lr)
            elif name == "adagrad":
                first[k] = first[k] + g[k] * g[k]
                theta[k] = theta[k] - g[k] * _f32(0.1) * (1 / np.sqrt(first[k]))
            elif name.startswith("rmsprop"):
                rho, eps, lr = _f32(0.9), _f32(1e-10), _f32(0.01)
                first[k] = first[k] + (g[k] * g[k] - first[k]) * (1 - rho)
                if name == "rmsprop_centered":
                    third[k] = third[k] + (g[k] - third[k]) * (1 - rho)
                    denominator = first[k] - third[k] * third[k] + eps
                else:
                    denominator = first[k] + eps
                second[k] = second[k] * (_f32(0.5) if name == "rmsprop_centered" else 0.0) + \
                    g[k] * lr / np.sqrt(denominator)
                theta[k] = theta[k] - second[k]
            else:  # adam, epsilon outside the bias correction; the beta powers are float32
                lr, b1, b2, eps = _f32(0.01), _f32(0.9), _f32(0.999), _f32(1e-8)
                alpha = lr * np.sqrt(1 - float(beta2_power)) / (1 - float(beta1_power))
                first[k] = first[k] + (g[k] - first[k]) * (1 - b1)
                second[k] = second[k] + (g[k] * g[k] - second[k]) * (1 - b2)
                theta[k] = theta[k] - (first[k] * alpha) / (np.sqrt(second[k]) + eps)
        beta1_power, beta2_power = beta1_power * np.float32(0.9), beta2_power * np.float32(0.999)
    return theta


# ---------------------------------------------------------------- comparing symopt with a reference

def replay(kind: str, seed: int, force: str | None = None) -> str:
    return f"replay: python tests/jax_oracle.py {kind} {seed}" + (f" --force {force}" if force else "")


class Context:
    """The lines a failure message shows about a case, printed only when a check fails (printing SymPy is slow);
    a tuple is one line of several parts."""

    def __init__(self, *lines):
        self.lines = lines

    def __str__(self) -> str:
        return "\n".join("".join(map(str, line)) if isinstance(line, tuple) else str(line) for line in self.lines)


def compare(kind: str, seed: int, ref: dict, force: str | None = None) -> None:
    """Check symopt against the reference ``ref`` of a case; raises AssertionError with a replay line."""
    if kind == "scalar":
        assert ref["fingerprint"] == fingerprint(kind, seed), _STALE
        return _compare_scalar(seed, ref)
    built = build(model_spec(kind, seed, force))
    assert ref["fingerprint"] == fingerprint("gradient" if kind == "evaluate" else kind, seed, force, built), _STALE
    context = Context(built.spec, ("cost = ", built.cost), replay(kind, seed, force))
    if kind == "gradient":
        return _compare_gradient(built, ref, context)
    if kind == "evaluate":
        return _compare_evaluate(built, ref, context)
    return _compare_optimizer(built, ref, seed, context)


def _compare_gradient(built: Built, ref: dict, context: Context) -> None:
    names = list(built.parameters)
    function = symopt.compile(built.cost, [built.parameters[n] for n in names])
    value, grads = function(built.feed())
    assert close(value, ref["value"]), f"value: symopt {value} vs jax {ref['value']}\n{context}"
    for name, got in zip(names, grads):
        expected = np.asarray(ref["grads"][name])
        assert close(got, expected), f"d cost / d {name}: symopt\n{np.asarray(got)}\nvs jax\n{expected}\n{context}"


def _compare_evaluate(built: Built, ref: dict, context: Context) -> None:
    output = symopt.evaluate(built.output, _reads(built.output, built.feed()))
    expected = np.asarray(ref["output"])
    assert close(output, expected), f"output: symopt\n{output}\nvs jax\n{expected}\n{context}"
    data = {p: built.values[n] for n, p in built.placeholders.items()}  # Variables at their initial values
    value = symopt.evaluate(built.cost, _reads(built.cost, data))
    assert close(value, ref["value"]), f"cost: symopt {value} vs jax {ref['value']}\n{context}"


def _reads(expr, feed: dict) -> dict:
    """The entries of ``feed`` that ``expr`` reads (``evaluate`` refuses inputs an expression does not read)."""
    free = sympy.sympify(expr).free_symbols
    return {s: v for s, v in feed.items() if s in free}


def _compare_optimizer(built: Built, ref: dict, seed: int, context: Context) -> None:
    name, steps = optimizer_case(seed)
    data = {p: built.values[n] for n, p in built.placeholders.items()}
    result = symopt.minimize(built.cost, {p: built.values[n] for n, p in built.parameters.items()}, data=data,
                             optimizer=OPTIMIZERS[name](), steps=steps, dtype="float64")
    for n, p in built.parameters.items():
        expected = np.asarray(ref["params"][n])
        assert close(result[p], expected), \
            f"{n} after {steps} {name} steps: symopt\n{result[p]}\nvs TF1 rule on jax.grad\n{expected}\n{context}"


def scalar_cost(seed: int) -> tuple:
    """The SymPy cost of a scalar program, its symbols by name, and the point."""
    node, point = random_scalar_program(seed), scalar_point(seed)
    symbols = {k: symopt.Variable(k, point[k]) for k in "abc"}
    symbols["x"] = symopt.Placeholder("x")
    return scalar_program(node, symbols, sympy_functions()), symbols, point


def _compare_scalar(seed: int, ref: dict) -> str | None:
    """Value, gradient and ``evaluate`` of a scalar program; returns the backend it compiled for (None when
    every parameter cancelled out of the SymPy cost, ``a - a`` or ``0.0*f``: symopt refuses a ``wrt``
    symbol the cost does not contain (issue 8), so only ``evaluate`` is compared)."""
    node = random_scalar_program(seed)
    cost, symbols, point = scalar_cost(seed)
    free = sympy.sympify(cost).free_symbols
    used = [k for k in scalar_parameters(node) if symbols[k] in free]
    context = Context(("program ", node), ("cost = ", cost), ("at ", point), replay("scalar", seed))
    data = {symbols["x"]: point["x"]} if symbols["x"] in free else {}
    module = None
    if used:
        function = symopt.compile(cost, [symbols[k] for k in used])
        value, grads = function({**data, **{symbols[k]: point[k] for k in used}})
        assert close(value, ref["value"]), f"value: symopt {value} vs jax {ref['value']}\n{context}"
        for k, got in zip(used, grads):
            assert close(got, ref["grads"][k]), f"d cost / d {k}: symopt {got} vs jax {ref['grads'][k]}\n{context}"
        module = function.module
    evaluated = symopt.evaluate(cost, data)
    assert close(evaluated, ref["value"]), f"evaluate: symopt {evaluated} vs jax {ref['value']}\n{context}"
    return module


# ---------------------------------------------------------------- stored references

def bug_key(bug: str, seed: int) -> str:
    return f"{bug}/{seed}"


def regenerate(path: Path = REFERENCES) -> dict:
    """Compute every fast-profile reference with JAX and store them (gzip JSON)."""
    stored = {kind: {str(seed): reference("gradient" if kind == "evaluate" else kind, seed) for seed in seeds}
              for kind, seeds in FAST.items() if kind != "evaluate"}
    stored["bugs"] = {bug_key(bug, seed): reference("gradient", seed, bug) for bug in KNOWN_BUGS for seed in BUG_SEEDS}
    stored["jax"] = load_jax().__version__
    stored["source"] = source_hash()
    path.parent.mkdir(exist_ok=True)
    with gzip.open(path, "wt") as file:
        json.dump(stored, file, separators=(",", ":"))
    return stored


def load_references(path: Path = REFERENCES) -> dict:
    with gzip.open(path, "rt") as file:
        return json.load(file)


def stored_reference(stored: dict, kind: str, seed: int, force: str | None = None) -> dict:
    """The stored reference of a fast-profile case (``compare`` checks its fingerprint)."""
    if force:
        return stored["bugs"][bug_key(force, seed)]
    return stored["gradient" if kind == "evaluate" else kind][str(seed)]


def source_hash() -> str:
    """A hash of the code the references come from: the models, both builders, the TF1 loop."""
    text = (Path(__file__).parent / "jax_models.py").read_text(encoding="utf-8") + "".join(
        inspect.getsource(f) for f in (_model_reference, _scalar_reference, tf1_loop, optimizer_case))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def main(argv: list[str]) -> None:
    """``regenerate`` | ``KIND SEED [--force BUG]``: replay one case with live JAX and print it."""
    if argv[0] == "regenerate":
        stored = regenerate()
        print(f"stored {sum(len(v) for v in stored.values() if isinstance(v, dict))} references in {REFERENCES}")
        return
    kind, seed = argv[0], int(argv[1])
    force = argv[argv.index("--force") + 1] if "--force" in argv else None
    if kind != "scalar":
        spec = model_spec(kind, seed, force)
        print(spec, "\ncost =", build(spec).cost)
        if kind == "optimizer":
            print("optimizer, steps:", optimizer_case(seed))
    else:
        print(random_scalar_program(seed), scalar_point(seed))
    ref = reference("gradient" if kind == "evaluate" else kind, seed, force)
    if "rejected" in ref:
        print("rejected:", ref["rejected"])
        return
    compare(kind, seed, ref, force)
    print("symopt agrees with JAX")


if __name__ == "__main__":
    main(sys.argv[1:])
