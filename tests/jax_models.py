r"""Random models written the way users write them, built twice: in symopt and in JAX (float64).

A :class:`ModelSpec` is drawn from a seeded NumPy generator (:func:`random_spec`); the model code
(:func:`model`) is written ONCE against a small builder interface and run with two builders:

* :class:`SymoptBuilder` builds the SymPy cost with symopt's public API (``Variable``,
  ``Placeholder``, ``@``, ``.T``, ``ops.bias_add``, ``ops.*`` activations and reductions,
  ``ops.softmax_cross_entropy``, ``ops.l2_penalty``, SymPy functions of scalars, ...);
* :class:`JaxBuilder` computes the same model with ``jax.numpy`` in float64 from the same values.

Scalar programs (random SymPy expressions of scalar Variables, which compile to the ``math``
backend) are built the same way from one tree (:func:`random_scalar_program`, :func:`scalar_program`).
The checks that compare the two are in ``tests/jax_oracle.py``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import numpy as np
import sympy

import symopt
from symopt import ops
from symopt.nodes import power



def load_jax():
    """JAX with float64 enabled (imported on first use: comparing against stored references needs no JAX)."""
    import jax

    jax.config.update("jax_enable_x64", True)
    return jax

#: Features that hit a known bug (issue 8); random models leave them out unless asked for.
KNOWN_BUGS = {
    "prelu": "a scalar Variable inside an elementwise body gets gradient 0 (ops.leaky_relu(X @ W, a))",
    "applyfunc": "a scalar Variable inside an elementwise body gets gradient 0 ((X @ W).applyfunc(exp(a*x)))",
    "power_var": "elementwise power with a Variable exponent: d/dp is 0",
    "axis_-2": "ops.softmax / ops.log_softmax with axis=-2",
    "matpow": "S @ S becomes MatPow, which has no rule",
    "builtin_name": "a parameter named like a builtin (range, abs, max, min, float) breaks the generated code",
}

ACTIVATIONS = ("identity", "sigmoid", "tanh", "relu", "leaky_relu", "softplus", "exp", "abs", "square")
LAYERS = ("dense", "dense", "dense", "dense_T", "gate", "residual", "scale", "positive", "softmax", "log_softmax",
          "center")
BUG_LAYERS = ("prelu", "applyfunc", "power_var", "matpow")
HEADS = ("mse", "sse", "l1", "softmax_xent", "manual_xent", "sigmoid_xent", "softmax_mse", "axis_sum")
EXTRAS = ("l2", "l2_fed", "uncertainty", "shift", "log1p", "sqrt", "tanh", "square", "softplus_s", "sigmoid_s")
BUILTIN_NAMES = ("range", "abs", "max", "min", "float")
#: Batch sizes and widths: batch 1 and odd sizes; few of them, because JAX compiles every primitive
#: once per shape (about 10-30 ms each), so a small shape set keeps the fast profile fast.
BATCH_SIZES = (1, 2, 3, 5)
WIDTHS = (1, 2, 3)

@dataclass(frozen=True)
class ModelSpec:
    """One random model: batch size ``m``, input width, layout (``rows``: data is (m, d);
    ``cols``: (d, m)), hidden ``layers`` (tuples), the ``head`` (a scalar cost of the output),
    ``extras`` (terms and functions applied to that cost) and ``names``: a builtin name given to the
    output weight (a known bug), or none."""

    seed: int
    m: int
    d_in: int
    layout: str
    layers: tuple
    out: int
    head: tuple
    extras: tuple
    names: tuple = ()

    def features(self) -> set:
        """Known-bug features this model contains (keys of :data:`KNOWN_BUGS`)."""
        found = {layer[0] for layer in self.layers if layer[0] in BUG_LAYERS}
        if self.names:
            found.add("builtin_name")
        axes = [layer[-1] for layer in self.layers if layer[0] in ("softmax", "log_softmax")] + \
            [self.head[-1] for _ in [0] if self.head[0] in ("softmax_xent", "manual_xent", "softmax_mse")]
        if -2 in axes:
            found.add("axis_-2")
        return found


def _class_axis(rng, layout: str, bugs) -> int:
    """The class axis of softmax-like ops: 1 or -1 with examples in rows, 0 (or -2, a known bug) in columns."""
    if layout == "rows":
        return int(rng.choice([1, -1]))
    return int(rng.choice([0, -2])) if "axis_-2" in bugs else 0


def random_spec(seed: int, bugs=frozenset(), force: str | None = None) -> ModelSpec:
    """A random model from ``seed``; ``bugs`` are known-bug features allowed, ``force`` one that must appear."""
    bugs = set(bugs) | ({force} if force else set())
    rng = np.random.default_rng(seed)
    m = int(rng.choice(BATCH_SIZES))
    d_in = int(rng.choice(WIDTHS))
    layout = str(rng.choice(["rows", "cols"]))
    width, layers = d_in, []
    kinds = LAYERS + tuple(k for k in BUG_LAYERS if k in bugs)
    for _ in range(int(rng.integers(0, 4))):
        layer = _random_layer(rng, str(rng.choice(kinds)), width, layout, bugs)
        layers.append(layer)
        width = _width_after(layer, width)
    if force in BUG_LAYERS and not any(layer[0] == force for layer in layers):
        layers.append(_random_layer(rng, force, width, layout, bugs))
    head_kind = str(rng.choice(HEADS))
    out = int(rng.choice(WIDTHS if head_kind not in ("softmax_xent", "manual_xent", "softmax_mse") else WIDTHS[1:]))
    head = (head_kind, _class_axis(rng, layout, bugs))
    if force == "axis_-2" and layout == "rows":
        layout = "cols"  # re-layout: the class axis -2 means the rows of a (classes, m) matrix
        layers = [_relayout(layer) for layer in layers]
    if force == "axis_-2":
        head = (str(rng.choice(["softmax_xent", "manual_xent", "softmax_mse"])), -2)
        out = max(out, 2)
    extras = tuple(str(e) for e in rng.choice(EXTRAS, size=int(rng.integers(0, 3)), replace=False))
    names = ()
    if force == "builtin_name":  # a weight named abs in a model whose generated code calls abs
        names, head = ("abs",), ("l1", head[1])
    elif "builtin_name" in bugs and rng.random() < 0.2:
        names = (str(rng.choice(BUILTIN_NAMES)),)
    return ModelSpec(seed, m, d_in, layout, tuple(layers), out, head, extras, names)


def _relayout(layer: tuple) -> tuple:
    if layer[0] in ("softmax", "log_softmax"):
        return layer[:-1] + (0,)
    return layer


def _random_layer(rng, kind: str, width: int, layout: str, bugs) -> tuple:
    out = int(rng.choice(WIDTHS))
    act = str(rng.choice(ACTIVATIONS))
    if kind == "dense":
        bias = str(rng.choice(["none", "broadcast", "rank1"] if layout == "cols" else ["none", "broadcast"]))
        return ("dense", out, act, bias)
    if kind == "dense_T":
        return ("dense_T", out, act)
    if kind == "gate":
        return ("gate", out, act, str(rng.choice(ACTIVATIONS)))
    if kind == "residual":
        return ("residual", act)
    if kind == "scale":
        return ("scale", act)
    if kind == "positive":
        return ("positive", str(rng.choice(["log_softplus", "sqrt_exp", "log_sigmoid", "sqrt_softplus"])))
    if kind in ("softmax", "log_softmax"):
        return (kind, out, _class_axis(rng, layout, bugs))
    if kind == "center":
        return ("center",)
    if kind == "prelu":
        return ("prelu", out)
    if kind == "applyfunc":
        return ("applyfunc", out)
    if kind == "power_var":
        return ("power_var", out)
    if kind == "matpow":
        return ("matpow",)
    raise AssertionError(kind)


def _width_after(layer: tuple, width: int) -> int:
    return layer[1] if layer[0] in ("dense", "dense_T", "gate", "softmax", "log_softmax", "prelu", "applyfunc",
                                    "power_var") else width


# ---------------------------------------------------------------- the model, written once

def model(spec: ModelSpec, b) -> tuple:
    """The model's cost and its output matrix, built with builder ``b`` (symopt or JAX).

    Activations are (m, width) with ``layout == "rows"`` and (width, m) with ``"cols"``."""
    rows = spec.layout == "rows"
    h = b.data("X", (None, spec.d_in) if rows else (spec.d_in, None))
    width = spec.d_in
    for index, layer in enumerate(spec.layers):
        h = _layer(b, spec, f"{index}", layer, h, width)
        width = _width_after(layer, width)
    z = _dense(b, spec, "out", h, width, spec.out, "broadcast")
    cost = _head(b, spec, z)
    for index, extra in enumerate(spec.extras):
        cost = _extra(b, spec, f"{index}", extra, cost)
    return cost, z


def _name(spec: ModelSpec, name: str) -> str:
    """The first weight takes the builtin name a known-bug model asks for."""
    return spec.names[0] if spec.names and name == "W_out" else name


def _weight(b, spec, name, width, out, transposed=False):
    rows = (spec.layout == "rows") != transposed
    return b.variable(_name(spec, name), (width, out) if rows else (out, width), 1 / np.sqrt(width))


def _linear(b, spec, name, h, width, out):
    w = _weight(b, spec, name, width, out)
    return b.matmul(h, w) if spec.layout == "rows" else b.matmul(w, h)


def _dense(b, spec, name, h, width, out, bias):
    z = _linear(b, spec, f"W_{name}", h, width, out)
    if bias == "none":
        return z
    if bias == "rank1":
        return b.bias_add(z, b.variable(f"b_{name}", (out,), 0.3))
    shape = (1, out) if spec.layout == "rows" else (out, 1)
    return b.bias_add(z, b.variable(f"b_{name}", shape, 0.3))


def _layer(b, spec, name, layer, h, width):
    kind, rows = layer[0], spec.layout == "rows"
    class_axis = 1 if rows else 0
    if kind == "dense":
        return b.act(layer[2], _dense(b, spec, name, h, width, layer[1], layer[3]))
    if kind == "dense_T":  # PyTorch's convention: X @ W.T with W of shape (out, in)
        w = _weight(b, spec, f"W_{name}", width, layer[1], transposed=True)
        return b.act(layer[2], b.matmul(h, b.T(w)) if rows else b.matmul(b.T(w), h))
    if kind == "gate":
        return b.hadamard(b.act(layer[2], _dense(b, spec, f"{name}a", h, width, layer[1], "broadcast")),
                          b.act(layer[3], _linear(b, spec, f"W_{name}b", h, width, layer[1])))
    if kind == "residual":
        return b.add(h, b.act(layer[1], _dense(b, spec, name, h, width, width, "broadcast")))
    if kind == "scale":
        return b.times(b.variable(f"s_{name}", (), 0.5), b.act(layer[1], h))
    if kind == "positive":
        inner, outer = {"log_softplus": ("softplus", "log"), "sqrt_exp": ("exp", "sqrt"),
                        "log_sigmoid": ("sigmoid", "log"), "sqrt_softplus": ("softplus", "sqrt")}[layer[1]]
        return b.act(outer, b.act(inner, h))
    if kind in ("softmax", "log_softmax"):
        return b.softmax(kind, _dense(b, spec, name, h, width, layer[1], "broadcast"), layer[2])
    if kind == "center":  # subtract the batch mean (batch normalization's first half)
        return b.bias_add(h, b.negate(b.mean(h, 0 if rows else 1)))
    if kind == "prelu":
        return b.prelu(_dense(b, spec, name, h, width, layer[1], "broadcast"), b.variable(f"a_{name}", (), 0.1, 0.2))
    if kind == "applyfunc":
        return b.exp_scaled(_linear(b, spec, f"W_{name}", h, width, layer[1]), b.variable(f"a_{name}", (), 0.3))
    if kind == "power_var":
        positive = b.act("sigmoid", _linear(b, spec, f"W_{name}", h, width, layer[1]))
        return b.power(positive, b.variable(f"p_{name}", (), 0.3, 1.5))
    if kind == "matpow":
        s = b.variable(f"S_{name}", (width, width), 1 / np.sqrt(width))
        return b.matmul(b.matmul(h, s), s) if rows else b.matmul(s, b.matmul(s, h))
    raise AssertionError(kind)


def _head(b, spec, z):
    kind, axis = spec.head
    rows = spec.layout == "rows"
    class_axis = 1 if rows else 0
    shape = (None, spec.out) if rows else (spec.out, None)
    if kind in ("softmax_xent", "manual_xent", "softmax_mse"):
        y = b.data("Y", shape, "onehot", class_axis)
        if kind == "softmax_xent":
            return b.softmax_xent(z, y, axis)
        if kind == "manual_xent":
            return b.negate(b.mean(b.sum(b.hadamard(y, b.softmax("log_softmax", z, axis)), class_axis)))
        return b.mean(b.act("square", b.sub(b.softmax("softmax", z, axis), y)))
    if kind == "sigmoid_xent":
        return b.sigmoid_xent(z, b.data("Y", shape, "binary"))
    y = b.data("Y", shape)
    if kind == "mse":
        return b.mean(b.act("square", b.sub(z, y)))
    if kind == "sse":
        return b.half(b.sum(b.act("square", b.sub(z, y))))
    if kind == "l1":
        return b.mean(b.act("abs", b.sub(z, y)))
    # a per-example sum, squared and averaged
    return b.mean(b.act("square", b.sum(b.sub(z, y), class_axis)))


def _extra(b, spec, name, extra, cost):
    weights = b.weights()
    if extra == "l2":
        return b.add(cost, b.times_constant(sympy.Rational(1, 100), b.l2(weights)))
    if extra == "l2_fed":
        return b.add(cost, b.times(b.data(f"lam_{name}", ()), b.l2(weights)))
    if extra in ("uncertainty", "shift", "softplus_s", "sigmoid_s"):
        return b.scalar_with_variable(extra, cost, b.variable(f"s{name}", (), 0.5))
    return b.scalar_function(extra, cost)


# ---------------------------------------------------------------- the two builders

class _Values:
    """Random values shared by both builders: parameters, data and labels, drawn in order of first use."""

    def __init__(self, spec: ModelSpec):
        self.spec = spec
        self.rng = np.random.default_rng([spec.seed, 1])
        self.arrays: dict = {}

    def shape(self, shape) -> tuple:
        return tuple(self.spec.m if d is None else d for d in shape)

    def draw(self, name, shape, kind="normal", scale=1.0, shift=0.0, class_axis=1):
        if name not in self.arrays:
            shape = self.shape(shape)
            if kind == "onehot":
                classes = shape[class_axis]
                picks = self.rng.integers(0, classes, size=shape[1 - class_axis])
                eye = np.eye(classes)[picks]
                value = eye if class_axis == 1 else eye.T
            elif kind == "binary":
                value = self.rng.uniform(0.0, 1.0, size=shape)
            elif shape == ():
                value = float(shift + scale * self.rng.normal())
            else:
                value = shift + scale * self.rng.normal(size=shape)
            if name.startswith("lam"):
                value = float(self.rng.uniform(0.001, 0.1))
            self.arrays[name] = value
        return self.arrays[name]


class _Operators:
    """What both builders write the same way: Python's operators (SymPy and JAX overload them alike)."""

    def matmul(self, a, w):
        return a @ w

    def T(self, a):
        return a.T

    def add(self, a, c):
        return a + c

    def sub(self, a, c):
        return a - c

    def negate(self, a):
        return -a

    def times(self, s, x):
        return s * x

    def half(self, x):
        return x / 2


class SymoptBuilder(_Operators):
    """Builds the model with symopt's public API, as a user would."""

    def __init__(self, values: _Values):
        self.values = values
        self.parameters: dict = {}
        self.placeholders: dict = {}

    def variable(self, name, shape, scale, shift=0.0):
        if name not in self.parameters:
            value = self.values.draw(name, shape, scale=scale, shift=shift)
            self.parameters[name] = symopt.Variable(name, value, shape=shape) if shape else \
                symopt.Variable(name, value)
        return self.parameters[name]

    def data(self, name, shape, kind="normal", class_axis=1):
        if name not in self.placeholders:
            self.values.draw(name, shape, kind, class_axis=class_axis)
            self.placeholders[name] = symopt.Placeholder(name, shape)
        return self.placeholders[name]

    def weights(self):
        return [p for name, p in self.parameters.items() if name.startswith("W") or name in BUILTIN_NAMES]


    def bias_add(self, z, bias):
        return ops.bias_add(z, bias)

    def act(self, name, x):
        if name == "identity":
            return x
        if name == "leaky_relu":
            return ops.leaky_relu(x, sympy.Rational(1, 5))
        return getattr(ops, name)(x)

    def hadamard(self, a, c):
        return ops.hadamard(a, c)

    def times_constant(self, c, x):
        return c * x

    def softmax(self, kind, z, axis):
        return getattr(ops, kind)(z, axis=axis)

    def mean(self, x, axis=None):
        return ops.mean(x, axis=axis)

    def sum(self, x, axis=None):
        return ops.sum(x, axis=axis)

    def softmax_xent(self, z, y, axis):
        return ops.softmax_cross_entropy(z, y, axis=axis)

    def sigmoid_xent(self, z, y):
        return ops.sigmoid_cross_entropy(z, y)

    def l2(self, weights):
        return ops.l2_penalty(*weights)

    def prelu(self, z, a):
        return ops.leaky_relu(z, a)

    def exp_scaled(self, z, a):
        return z.applyfunc(lambda x: sympy.exp(a * x))

    def power(self, x, p):
        return power(x, p)

    def scalar_with_variable(self, kind, cost, s):
        if kind == "uncertainty":  # learned loss scale: J e^{-s} + s
            return cost * sympy.exp(-s) + s
        if kind == "shift":
            return cost + (s - 1) ** 2 / 4
        if kind == "softplus_s":
            return cost * symopt.softplus(s)
        return symopt.sigmoid(s) * cost + sympy.tanh(s) ** 2

    def scalar_function(self, kind, cost):
        return {"log1p": lambda c: sympy.log(c + 1), "sqrt": lambda c: sympy.sqrt(c + 1),
                "tanh": sympy.tanh, "square": lambda c: c ** 2}[kind](cost)


def _jax_act(jax, name, x):
    jnp = jax.numpy
    return {"identity": lambda v: v, "sigmoid": jax.nn.sigmoid, "tanh": jnp.tanh, "relu": lambda v: jnp.maximum(v, 0),
            "leaky_relu": lambda v: jnp.where(v > 0, v, 0.2 * v), "softplus": lambda v: jnp.logaddexp(v, 0.0),
            "exp": jnp.exp, "abs": jnp.abs, "square": jnp.square, "log": jnp.log, "sqrt": jnp.sqrt}[name](x)


class JaxBuilder(_Operators):
    """Computes the same model with ``jax.numpy`` from ``params`` (a dict by name, differentiated)."""

    def __init__(self, values: _Values, params: dict):
        self.values = values
        self.params = params
        self.names: list = []
        self.jax = load_jax()
        self.jnp = self.jax.numpy

    def variable(self, name, shape, scale, shift=0.0):
        self.values.draw(name, shape, scale=scale, shift=shift)
        if name not in self.names:
            self.names.append(name)
        value = self.params[name]
        return value.reshape(-1, 1) if len(shape) == 1 else value

    def data(self, name, shape, kind="normal", class_axis=1):
        return self.jnp.asarray(self.values.draw(name, shape, kind, class_axis=class_axis))

    def weights(self):
        return [self.params[n] for n in self.names if n.startswith("W") or n in BUILTIN_NAMES]


    def bias_add(self, z, bias):
        return z + bias

    def act(self, name, x):
        return _jax_act(self.jax, name, x)

    def hadamard(self, a, c):
        return a * c

    def times_constant(self, c, x):
        return float(c) * x

    def softmax(self, kind, z, axis):
        return getattr(self.jax.nn, kind)(z, axis=axis)

    def mean(self, x, axis=None):
        return self.jnp.mean(x) if axis is None else self.jnp.mean(x, axis=axis, keepdims=True)

    def sum(self, x, axis=None):
        return self.jnp.sum(x) if axis is None else self.jnp.sum(x, axis=axis, keepdims=True)

    def softmax_xent(self, z, y, axis):
        examples = z.shape[1 - axis % 2]
        return -self.jnp.sum(y * self.jax.nn.log_softmax(z, axis=axis)) / examples

    def sigmoid_xent(self, z, y):
        return self.jnp.mean(self.jnp.logaddexp(z, 0.0) - y * z)

    def l2(self, weights):
        return sum(self.jnp.sum(w ** 2) for w in weights) / 2

    def prelu(self, z, a):
        return self.jnp.maximum(z, a * z)

    def exp_scaled(self, z, a):
        return self.jnp.exp(a * z)

    def power(self, x, p):
        return x ** p

    def scalar_with_variable(self, kind, cost, s):
        if kind == "uncertainty":
            return cost * self.jnp.exp(-s) + s
        if kind == "shift":
            return cost + (s - 1) ** 2 / 4
        if kind == "softplus_s":
            return cost * self.jnp.logaddexp(s, 0.0)
        return self.jax.nn.sigmoid(s) * cost + self.jnp.tanh(s) ** 2

    def scalar_function(self, kind, cost):
        return {"log1p": lambda c: self.jnp.log(c + 1), "sqrt": lambda c: self.jnp.sqrt(c + 1),
                "tanh": self.jnp.tanh, "square": lambda c: c ** 2}[kind](cost)


# ---------------------------------------------------------------- building

@dataclass
class Built:
    """A model built both ways: the symopt cost and output, the parameters and data (by name),
    the JAX cost as a function of the parameter dict, and the values."""

    spec: ModelSpec
    cost: object
    output: object
    parameters: dict
    placeholders: dict
    values: dict
    jax_cost: object = field(repr=False)
    jax_output: object = field(repr=False)

    def feed(self, params: dict | None = None) -> dict:
        params = self.values if params is None else params
        return {**{p: params[n] for n, p in self.parameters.items()},
                **{p: self.values[n] for n, p in self.placeholders.items()}}

    def jax_params(self) -> dict:
        return {n: load_jax().numpy.asarray(self.values[n]) for n in self.parameters}


def build(spec: ModelSpec) -> Built:
    values = _Values(spec)
    s = SymoptBuilder(values)
    cost, output = model(spec, s)

    def jax_cost(params):
        return model(spec, JaxBuilder(values, params))[0]

    def jax_output(params):
        return model(spec, JaxBuilder(values, params))[1]

    return Built(spec, cost, output, s.parameters, s.placeholders, values.arrays, jax_cost, jax_output)


# ---------------------------------------------------------------- scalar programs (the math backend)

SCALAR_FUNCTIONS = ("exp", "tanh", "sin", "cos", "atan", "sigmoid", "softplus", "relu", "leaky_relu", "abs",
                    "log_pos", "sqrt_pos", "square", "cube", "reciprocal_pos")


def random_scalar_program(seed: int) -> tuple:
    """A random scalar expression over Variables ``a, b, c`` and a Placeholder ``x``, as nested tuples."""
    rng = np.random.default_rng(seed)

    def tree(depth):
        if depth == 0 or rng.random() < 0.2:
            return ("leaf", str(rng.choice(["a", "b", "c", "x", "const"])), round(float(rng.normal()), 2))
        kind = str(rng.choice(["add", "mul", "sub", "fn", "fn", "scale"]))
        if kind == "fn":
            return ("fn", str(rng.choice(SCALAR_FUNCTIONS)), tree(depth - 1))
        if kind == "scale":
            return ("scale", round(float(rng.normal()), 2), tree(depth - 1))
        return (kind, tree(depth - 1), tree(depth - 1))

    node = tree(int(rng.integers(1, 5)))
    return node if scalar_parameters(node) else ("mul", ("leaf", "a", 0.0), node)


def program_nodes(node: tuple):
    """Every node of a scalar program, the root first."""
    yield node
    for kid in node[1:]:
        if isinstance(kid, tuple):
            yield from program_nodes(kid)


def scalar_parameters(node: tuple) -> list:
    """The Variables (``a``, ``b``, ``c``) a scalar program reads."""
    return sorted({n[1] for n in program_nodes(node) if n[0] == "leaf"} & set("abc"))


def scalar_point(seed: int) -> dict:
    """The point ``a, b, c, x`` a scalar program is checked at."""
    rng = np.random.default_rng([seed, 2])
    return {k: float(rng.normal()) for k in "abcx"}


def sympy_functions() -> dict:
    """The scalar functions as a user writes them with SymPy and symopt."""
    return {"exp": sympy.exp, "tanh": sympy.tanh, "sin": sympy.sin, "cos": sympy.cos, "atan": sympy.atan,
            "sigmoid": symopt.sigmoid, "softplus": symopt.softplus, "relu": symopt.relu,
            "leaky_relu": lambda v: symopt.leaky_relu(v, sympy.Rational(1, 10)), "abs": sympy.Abs,
            "log_pos": lambda v: sympy.log(v ** 2 + 1), "sqrt_pos": lambda v: sympy.sqrt(symopt.softplus(v) + 1),
            "square": lambda v: v ** 2, "cube": lambda v: v ** 3, "reciprocal_pos": lambda v: 1 / (v ** 2 + 1),
            "constant": sympy.Float}


def jax_functions() -> dict:
    """The same functions in ``jax.numpy``."""
    jax = load_jax()
    jnp = jax.numpy
    return {"exp": jnp.exp, "tanh": jnp.tanh, "sin": jnp.sin, "cos": jnp.cos, "atan": jnp.arctan,
            "sigmoid": jax.nn.sigmoid, "softplus": lambda v: jnp.logaddexp(v, 0.0),
            "relu": lambda v: jnp.maximum(v, 0.0), "leaky_relu": lambda v: jnp.where(v > 0, v, 0.1 * v),
            "abs": jnp.abs, "log_pos": lambda v: jnp.log(v ** 2 + 1),
            "sqrt_pos": lambda v: jnp.sqrt(jnp.logaddexp(v, 0.0) + 1), "square": lambda v: v ** 2,
            "cube": lambda v: v ** 3, "reciprocal_pos": lambda v: 1 / (v ** 2 + 1), "constant": float}


def scalar_program(node: tuple, leaves: dict, functions: dict):
    """Builds ``node`` from ``leaves`` (by name) with ``functions`` (:func:`sympy_functions` or :func:`jax_functions`)."""
    kind = node[0]
    if kind == "leaf":
        return functions["constant"](node[2]) if node[1] == "const" else leaves[node[1]]
    if kind == "scale":
        return functions["constant"](node[1]) * scalar_program(node[2], leaves, functions)
    if kind == "fn":
        return functions[node[1]](scalar_program(node[2], leaves, functions))
    a, c = scalar_program(node[1], leaves, functions), scalar_program(node[2], leaves, functions)
    return a + c if kind == "add" else a * c if kind == "mul" else a - c
