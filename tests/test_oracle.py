r"""Gradient oracle: random expression trees, each checked against independent references.

Hypothesis draws a small abstract tree (:class:`Node`) over every supported operation; the
same tree is turned into

* a SymPy cost, built with symopt's public constructors (``@``, ``+``, ``.T``,
  :func:`symopt.nodes.hadamard`, :mod:`symopt.ops`, :func:`symopt.sigmoid`, ...), and
* an independent NumPy evaluation written here (:class:`Evaluator`), which also measures
  how far the point lies from kinks and domain boundaries and how large the
  intermediate values get.

Checks (all in float64 unless stated):

* scalar trees: compiled value vs ``cost.subs(...).evalf(30)``; compiled gradient vs
  ``sympy.diff`` evaluated at 30 digits; compiled gradient vs central differences;
* matrix trees (a ``Placeholder`` with a ``None`` dimension bound to a random
  :math:`m \in 1..7`): compiled value vs the NumPy evaluation; gradient vs central
  differences; gradient shapes;
* optimizers: ``minimize(..., steps=k)`` with every TF1 optimizer vs a reference loop of
  the TF1 rule (DESIGN.md) fed with the compiled gradient, float32 and float64, bit for bit.

Tolerances (honest, not tuned per case): a compiled value or gradient may differ from an
exact reference by float64 rounding of the computation, bounded by
``r * (|reference| + 1 + S)`` with ``r = 1e-9`` for values and ``1e-8`` for gradients, where
``S`` is the largest intermediate magnitude.
Central differences use the step :math:`h_i = 10^{-6}\max(1, |x_i|)` and pass when
``|g - d(h)| <= 1e-5 |d(h)| + 1e-7 + 4 |d(h) - d(2h)|``: the last term is the observed
disagreement between two step sizes, an estimate of the difference quotient's own
truncation and rounding error (it is small wherever the difference quotient is reliable,
so it cannot hide a wrong gradient there).  Points within ``1e-4`` of a kink (abs, relu,
leaky_relu at 0) or within ``1e-3`` of a domain boundary (log, sqrt, negative and
fractional powers) are rejected, as are points whose intermediates exceed ``1e4``.

Profiles: a fast one by default (deterministic, 800 expressions, about 20 s); ``pytest
--oracle-long`` runs 10 500 expressions with fresh random seeds (about 5 minutes).  The
number of expressions checked, rejected and skipped is printed in the terminal summary.

No case is skipped for a known bug: the three the oracle once stepped around (SymPy's
``MatPow`` for ``S @ S`` and the square root of a (1, 1) matrix; an elementwise function of a
(1, 1) matrix; ``Abs`` of a cross-entropy rebuilding its matrix as a scalar) are fixed, and any
error while building or compiling a case fails the test.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st

import symopt
from symopt import ops
from symopt.nodes import hadamard, power

# ---------------------------------------------------------------- profiles

#: examples per test: (fast, long).  The long numbers add up to 10 500 expressions.
EXAMPLES = {"scalar": (300, 3500), "matrix": (350, 5500), "optimizer": (150, 1500)}
MAX_DEPTH = {"scalar": 4, "matrix": 3}


def _settings(kind: str, long: bool) -> settings:
    fast, slow = EXAMPLES[kind]
    return settings(max_examples=slow if long else fast, deadline=None, derandomize=not long, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                           HealthCheck.data_too_large],
                    print_blob=True)


# ---------------------------------------------------------------- trees

@dataclass(frozen=True)
class Node:
    """One operation of a random tree: ``op``, children ``kids``, constants ``attr``, and the
    matrix ``shape`` (``None`` for a scalar; dimensions are ints or ``"m"``, the batch size)."""

    op: str
    kids: tuple = ()
    attr: tuple = ()
    shape: tuple | None = None

    def walk(self):
        yield self
        for kid in self.kids:
            yield from kid.walk()


M = "m"
BATCH_SIZES = (1, 2, 3, 4, 5, 6, 7)
FIXED_DIMS = (1, 2, 3, 5)
CONSTANTS = (sympy.Rational(1, 2), sympy.Integer(1), sympy.Rational(3, 2), sympy.Integer(2))
FACTORS = (sympy.Integer(-2), sympy.Rational(-1, 2), sympy.Rational(1, 3), sympy.Integer(3))
SCALAR_FUNCTIONS = ("exp", "tanh", "sin", "abs", "sigmoid", "relu", "softplus", "leaky_relu")
MATRIX_FUNCTIONS = ("exp", "tanh", "sigmoid", "relu", "softplus", "leaky_relu", "abs")
KINKED = {"abs", "relu", "leaky_relu"}
SLOPES = (sympy.Rational(1, 5), sympy.Rational(1, 10))

# ------------------------------------------------ symbols (one pool, reused across examples)

_POOL: dict = {}


def _pooled(key, factory):
    if key not in _POOL:
        _POOL[key] = factory()
    return _POOL[key]


def scalar_variable(index: int):
    return _pooled(("w", index), lambda: symopt.Variable(f"w{index}", 0.0))


def scalar_placeholder():
    return _pooled(("p",), lambda: symopt.Placeholder("p"))


def matrix_variable(rows: int, cols: int):
    return _pooled(("W", rows, cols), lambda: symopt.Variable(f"W_{rows}x{cols}", 0.0, shape=(rows, cols)))


def data_placeholder(rows, cols, label: bool = False):
    """``(m, c)`` → ``X_c`` (``Y_c`` for labels) with shape ``(None, c)``; fixed shapes ``C_rxc`` / ``L_rxc``."""
    if rows == M:
        name = f"{'Y' if label else 'X'}_{cols}"
        return _pooled((name,), lambda: symopt.Placeholder(name, (None, cols)))
    name = f"{'L' if label else 'C'}_{rows}x{cols}"
    return _pooled((name,), lambda: symopt.Placeholder(name, (rows, cols)))


# ------------------------------------------------ strategies

def _dims_without(*taken):
    """Fixed dimensions, plus the batch size unless it is already used (no (m, m) shapes)."""
    return FIXED_DIMS + (() if M in taken else (M,))


@st.composite
def positive(draw, child: Node) -> Node:
    """A positive expression of ``child``: exp, softplus + c, child² + c, |child| + c, sigmoid."""
    kind = draw(st.sampled_from(("softplus+c", "exp", "square+c", "abs+c", "sigmoid")))
    shape = child.shape
    if kind == "exp":
        return Node("exp", (child,), shape=shape)
    if kind == "sigmoid":
        return Node("sigmoid", (child,), shape=shape)
    inner = {"softplus+c": Node("softplus", (child,), shape=shape),
             "square+c": Node("square", (child,), shape=shape),
             "abs+c": Node("abs", (child,), shape=shape)}[kind]
    return Node("addconst", (inner,), (draw(st.sampled_from(CONSTANTS)),), shape)


SCALAR_OPS = ("add", "sub", "mul", "scale", "pow 2", "pow 3", "pow -1", "pow -2", "pow 1/2", "pow -1/2", "pow 3/2",
              "log", "sqrt") + SCALAR_FUNCTIONS
REDUCTIONS = ("sum", "mean", "softmax_xent 0", "softmax_xent 1", "sigmoid_xent")


def _exponent(text: str):
    return sympy.Rational(text)


@st.composite
def scalar_tree(draw, depth: int, matrices: bool = False, without: frozenset = frozenset(),
                root: bool = False) -> Node:
    """A scalar expression; with ``matrices`` it also reduces matrix trees (sum, mean, cross-entropies).
    ``without`` names functions to leave out; a ``root`` is never a bare leaf."""
    leaves = ("var", "var", "const", "data")
    reductions = REDUCTIONS if matrices else ()
    inner = tuple(op for op in SCALAR_OPS if op not in without) + reductions
    op = draw(st.sampled_from(inner if root else leaves + reductions if depth <= 0 else leaves + inner))
    below = depth - 1
    if op == "var":
        return Node("var", attr=(draw(st.integers(0, 2)),))
    if op == "const":
        return Node("const", attr=(draw(st.sampled_from(CONSTANTS + FACTORS)),))
    if op == "data":
        return Node("data")
    if op in REDUCTIONS:
        return draw(reduction(op, max(below, 1), without))
    if op in ("add", "sub", "mul"):
        return Node(op, (draw(scalar_tree(below, matrices, without)), draw(scalar_tree(below, matrices, without))))
    child = draw(scalar_tree(below, matrices, without))
    if op == "scale":
        return Node("mulconst", (child,), (draw(st.sampled_from(FACTORS)),))
    if op.startswith("pow "):
        exponent = _exponent(op[4:])
        if not (exponent.is_integer and exponent > 0):
            child = draw(positive(child))
        return Node("pow", (child,), (exponent,))
    if op in ("log", "sqrt"):
        return Node(op, (draw(positive(child)),))
    attr = (draw(st.sampled_from(SLOPES)),) if op == "leaky_relu" else ()
    return Node(op, (child,), attr)


@st.composite
def reduction(draw, op: str, depth: int, without: frozenset = frozenset()) -> Node:
    """A scalar from a matrix tree: sum, mean, or a cross-entropy against a label placeholder."""
    name, _, axis = op.partition(" ")
    shape = draw(matrix_shape())
    if name == "softmax_xent" and shape[int(axis)] == 1:  # one class: the loss is identically 0, refused (P30-9)
        shape = (2, shape[1]) if axis == "0" else (shape[0], 2)
    logits = draw(matrix_tree(shape, depth, without))
    if name in ("sum", "mean"):
        return Node(name, (logits,))
    if _probabilities(logits):  # probabilities as logits are refused (P30-8): score them once more
        logits = Node("addconst", (logits,), (draw(st.sampled_from(CONSTANTS + FACTORS)),), shape)
    return Node(name, (logits, label_leaf(shape)), (int(axis),) if axis else ())


def _probabilities(node: Node) -> bool:
    """``node`` is a sigmoid or softmax of its child (``exp`` of a ``log_softmax`` too)."""
    return node.op in ("sigmoid", "softmax") or (node.op == "exp" and node.kids[0].op == "log_softmax")


@st.composite
def matrix_shape(draw):
    rows = draw(st.sampled_from(FIXED_DIMS + (M,)))
    cols = draw(st.sampled_from(_dims_without(rows)))
    return rows, cols


def label_leaf(shape) -> Node:
    rows, cols = shape
    if cols == M:
        return Node("T", (Node("label", shape=(cols, rows)),), shape=shape)
    return Node("label", shape=shape)


@st.composite
def matrix_leaf(draw, shape) -> Node:
    """A Variable or data of ``shape``; batch shapes are data, or data times a Variable (``X @ W``)."""
    rows, cols = shape
    if cols == M:
        return Node("T", (draw(matrix_leaf((cols, rows))),), shape=shape)
    if rows == M:
        if draw(st.booleans()):
            return Node("data", shape=shape)
        inner = draw(st.sampled_from(FIXED_DIMS))
        return Node("matmul", (Node("data", shape=(M, inner)), Node("var", shape=(inner, cols))), shape=shape)
    return Node(draw(st.sampled_from(("var", "var", "data"))), shape=shape)


MATRIX_OPS = ("matmul", "add", "sub", "transpose", "hadamard", "square", "power 3", "power 1/2", "power 3/2",
              "power -1", "log", "sqrt", "addconst", "bias_add", "scale_variable", "scale_expression",
              "log_softmax 0", "log_softmax 1", "softmax 0", "softmax 1", "sum_axis 0", "sum_axis 1", "mean_axis 0",
              "mean_axis 1") + MATRIX_FUNCTIONS


@st.composite
def matrix_tree(draw, shape, depth: int, without: frozenset = frozenset()) -> Node:
    """A matrix expression of ``shape``; the root of a non-leaf tree is one of :data:`MATRIX_OPS`."""
    rows, cols = shape
    if depth <= 0:
        return draw(matrix_leaf(shape))
    op = draw(st.sampled_from(tuple(op for op in MATRIX_OPS if op not in without)))
    below = depth - 1

    def sub(new_shape=shape):
        return draw(matrix_tree(new_shape, below, without))

    if op == "matmul":
        inner = draw(st.sampled_from(_dims_without(rows, cols)))
        return Node("matmul", (sub((rows, inner)), sub((inner, cols))), shape=shape)
    if op in ("add", "sub", "hadamard"):
        return Node(op, (sub(), sub()), shape=shape)
    if op == "transpose":
        return Node("T", (sub((cols, rows)),), shape=shape)
    if op == "square":
        return Node("square", (sub(),), shape=shape)
    if op.startswith("power "):
        exponent = _exponent(op[6:])
        child = sub() if exponent.is_integer and exponent > 0 else draw(positive(sub()))
        return Node("power", (child,), (exponent,), shape)
    if op in ("log", "sqrt"):
        return Node(op, (draw(positive(sub())),), shape=shape)
    if op == "addconst":
        return Node("addconst", (sub(),), (draw(st.sampled_from(CONSTANTS + FACTORS)),), shape)
    if op in MATRIX_FUNCTIONS:
        attr = (draw(st.sampled_from(SLOPES)),) if op == "leaky_relu" else ()
        return Node(op, (sub(),), attr, shape)
    if op == "bias_add":
        options = []
        if cols != 1 and rows != M:
            options.append((rows, 1))
        if rows != 1 and cols != M:
            options.append((1, cols))
        if M not in shape:
            options.append(shape)
        bias = draw(st.sampled_from(options))
        return Node("bias_add", (sub(), Node("var", shape=bias)), shape=shape)
    if op == "scale_variable":
        return Node("scale", (Node("var", attr=(draw(st.integers(0, 2)),)), sub()), shape=shape)
    if op == "scale_expression":
        return Node("scale", (draw(scalar_tree(below, True, without)), sub()), shape=shape)
    name, _, axis = op.partition(" ")
    axis = int(axis)
    if name in ("log_softmax", "softmax"):
        return Node(name, (sub(),), (axis,), shape)
    # a reduction along ``axis``: a (1, c) row or an (r, 1) column; for any other shape it is
    # broadcast back over the rows / columns of a sibling with ops.bias_add
    reduced_shape = (1, cols) if axis == 0 else (rows, 1)
    child_shape = (draw(st.sampled_from(_dims_without(cols))), cols) if axis == 0 else \
        (rows, draw(st.sampled_from(_dims_without(rows))))
    reduced = Node(name, (sub(child_shape),), (axis,), reduced_shape)
    if reduced_shape == shape:
        return reduced
    return Node("bias_add", (sub(), reduced), shape=shape)


def depths(kind: str):
    """Tree depths from MAX_DEPTH down to 1, the deepest first (Hypothesis favours small draws)."""
    return st.integers(0, MAX_DEPTH[kind] - 1).map(lambda d: MAX_DEPTH[kind] - d)


@st.composite
def matrix_cost(draw, without: frozenset = frozenset()) -> Node:
    """A scalar cost over matrix trees; sometimes a raw (1, 1) matrix (compile sums it)."""
    depth = draw(depths("matrix"))
    kind = draw(st.sampled_from(("reduction", "reduction", "reduction", "scalar", "raw")))
    if kind == "raw":
        return draw(matrix_tree((1, 1), depth, without))
    if kind == "reduction":
        return draw(reduction(draw(st.sampled_from(REDUCTIONS)), depth, without))
    return draw(scalar_tree(depth, True, without, root=True))


# ---------------------------------------------------------------- SymPy construction

def build(node: Node):
    """The SymPy expression of ``node``, built the way a user would."""
    op, kids, attr, shape = node.op, node.kids, node.attr, node.shape
    args = [build(k) for k in kids]
    if op == "var":
        return scalar_variable(attr[0]) if shape is None else matrix_variable(*shape)
    if op == "data":
        return scalar_placeholder() if shape is None else data_placeholder(*shape)
    if op == "label":
        return data_placeholder(*shape, label=True)
    if op == "const":
        return attr[0]
    if shape is None:
        return _build_scalar(op, args, attr)
    return _build_matrix(op, args, attr, shape)


def _ones(shape):
    return sympy.OneMatrix(*(symopt.BATCH if d == M else d for d in shape))


def _build_scalar(op, args, attr):
    a = args[0] if args else None
    if op == "add":
        return args[0] + args[1]
    if op == "sub":
        return args[0] - args[1]
    if op == "mul":
        return args[0] * args[1]
    if op == "mulconst":
        return attr[0] * a
    if op == "addconst":
        return a + attr[0]
    if op == "pow":
        return a ** attr[0]
    if op == "square":
        return a ** 2
    if op == "sum":
        return ops.sum(a)
    if op == "mean":
        return ops.mean(a)
    if op == "softmax_xent":
        return ops.softmax_cross_entropy(args[0], args[1], axis=attr[0])
    if op == "sigmoid_xent":
        return ops.sigmoid_cross_entropy(args[0], args[1])
    return {"exp": sympy.exp, "log": sympy.log, "sqrt": sympy.sqrt, "tanh": sympy.tanh, "sin": sympy.sin,
            "abs": sympy.Abs, "sigmoid": symopt.sigmoid, "relu": symopt.relu, "softplus": symopt.softplus,
            "leaky_relu": lambda x: symopt.leaky_relu(x, attr[0])}[op](a)


def _build_matrix(op, args, attr, shape):
    a = args[0] if args else None
    if op == "matmul":
        product = args[0] @ args[1]
        if product.has(sympy.MatPow):
            # SymPy folds A @ A into MatPow, which has no adjoint rule (reported gap): keep the product
            product = symopt.nodes.matmul(args[0], args[1])
        return product
    if op == "add":
        return args[0] + args[1]
    if op == "sub":
        return args[0] - args[1]
    if op == "hadamard":
        return hadamard(args[0], args[1])
    if op == "T":
        return a.T
    if op == "square":
        return ops.square(a)
    if op == "power":
        return power(a, attr[0])
    if op == "addconst":
        return a + attr[0] * _ones(shape)
    if op == "bias_add":
        return ops.bias_add(args[0], args[1])
    if op == "scale":
        return args[0] * args[1]
    if op == "log_softmax":
        return ops.log_softmax(a, axis=attr[0])
    if op == "softmax":
        return ops.softmax(a, axis=attr[0])
    if op == "sum_axis":
        return ops.sum(a, axis=attr[0])
    if op == "mean_axis":
        return ops.mean(a, axis=attr[0])
    if op == "leaky_relu":
        return ops.leaky_relu(a, attr[0])
    return getattr(ops, op)(a)


# ---------------------------------------------------------------- independent NumPy evaluation

class Evaluator:
    """Evaluates a tree with NumPy (float64); records the largest magnitude, the nearest kink and
    the smallest argument of a function that needs a positive one."""

    def __init__(self, values: dict):
        self.values = values
        self.scale = 0.0
        self.kink = np.inf
        self.margin = np.inf

    def __call__(self, node: Node):
        with np.errstate(all="ignore"):
            result = self._eval(node)
        self.scale = max(self.scale, float(np.max(np.abs(result))) if np.size(result) else 0.0)
        return result

    def _eval(self, node: Node):
        op, attr = node.op, node.attr
        if op in ("var", "data", "label"):
            return self.values[build(node)]
        if op == "const":
            return float(attr[0])
        args = [self(k) for k in node.kids]
        a = args[0] if args else None
        if op in KINKED:
            self.kink = min(self.kink, float(np.min(np.abs(a))))
        if op in ("log", "sqrt") or (op == "pow" or op == "power") and not (attr[0].is_integer and attr[0] > 0):
            self.margin = min(self.margin, float(np.min(a)))
        if op in ("add", "bias_add"):
            return args[0] + args[1]
        if op == "sub":
            return args[0] - args[1]
        if op in ("mul", "hadamard", "scale"):
            return args[0] * args[1]
        if op == "matmul":
            return args[0] @ args[1]
        if op == "T":
            return a.T
        if op == "mulconst":
            return float(attr[0]) * a
        if op == "addconst":
            return a + float(attr[0])
        if op in ("pow", "power"):
            return a ** float(attr[0])
        if op == "square":
            return a ** 2
        if op == "exp":
            return np.exp(a)
        if op == "log":
            return np.log(a)
        if op == "sqrt":
            return np.sqrt(a)
        if op == "tanh":
            return np.tanh(a)
        if op == "sin":
            return np.sin(a)
        if op == "abs":
            return np.abs(a)
        if op == "sigmoid":
            return 1.0 / (1.0 + np.exp(-a))
        if op == "relu":
            return np.where(a > 0, a, 0.0)
        if op == "softplus":
            return np.log1p(np.exp(-np.abs(a))) + np.where(a > 0, a, 0.0)
        if op == "leaky_relu":
            return np.where(a > 0, a, float(attr[0]) * a)
        if op == "sum":
            return float(np.sum(a))
        if op == "mean":
            return float(np.mean(a))
        if op == "sum_axis":
            return np.sum(a, axis=attr[0], keepdims=True)
        if op == "mean_axis":
            return np.mean(a, axis=attr[0], keepdims=True)
        if op == "log_softmax":
            return _log_softmax(a, attr[0])
        if op == "softmax":
            return np.exp(_log_softmax(a, attr[0]))
        if op == "softmax_xent":
            logits, labels = args
            axis = attr[0]
            return float(-np.sum(labels * _log_softmax(logits, axis)) / logits.shape[1 - axis])
        if op == "sigmoid_xent":
            z, y = args
            softplus = np.log1p(np.exp(-np.abs(z))) + np.where(z > 0, z, 0.0)
            return float(np.mean(softplus - y * z))
        raise AssertionError(f"no NumPy evaluation for {op}")


def _log_softmax(a, axis):
    top = np.max(a, axis=axis, keepdims=True)
    shifted = a - top
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


# ---------------------------------------------------------------- values

def symbols_of(tree: Node) -> list:
    """Every symbol the tree reads, in a stable order."""
    found = {}
    for node in tree.walk():
        if node.op in ("var", "data", "label"):
            symbol = build(node)
            found[symbol] = node.op
    return sorted(found, key=str), found


def draw_values(tree: Node, seed: int, m: int) -> dict:
    """Random values: parameters and data N(0, 0.8²), labels U(0, 1), the batch size ``m``."""
    rng = np.random.default_rng(seed)
    symbols, kinds = symbols_of(tree)
    values = {}
    for symbol in symbols:
        shape = tuple(m if d == symopt.BATCH else int(d) for d in getattr(symbol, "shape", ()))
        if kinds[symbol] == "label":
            values[symbol] = rng.uniform(0.0, 1.0, size=shape)
        elif shape:
            values[symbol] = 0.8 * rng.normal(size=shape)
        else:
            values[symbol] = float(0.8 * rng.normal())
    return values


def valid_point(evaluator: Evaluator, value) -> bool:
    return (np.all(np.isfinite(value)) and evaluator.scale <= 1e4 and evaluator.kink >= 1e-4
            and evaluator.margin >= 1e-3)


def is_parameter(symbol) -> bool:
    return getattr(symbol, "is_variable", False)


# ---------------------------------------------------------------- checks

def close(actual, expected, scale: float, rtol: float = 1e-9) -> bool:
    actual, expected = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    return actual.shape == expected.shape and bool(
        np.all(np.abs(actual - expected) <= rtol * (np.abs(expected) + 1.0 + scale)))


def difference_quotients(function, feed: dict, symbol, step_factor: float = 1.0):
    """Central differences of the compiled cost along every entry of ``feed[symbol]``."""
    point = np.array(feed[symbol], dtype=float)
    result = np.zeros_like(point)
    for index in np.ndindex(point.shape):
        h = 1e-6 * step_factor * max(1.0, abs(float(point[index])))
        plus, minus = point.copy(), point.copy()
        plus[index] += h
        minus[index] -= h
        high = function({**feed, symbol: plus if point.shape else float(plus)})[0]
        low = function({**feed, symbol: minus if point.shape else float(minus)})[0]
        result[index] = (float(high) - float(low)) / (2 * h)
    return result


def check_finite_differences(function, feed: dict, parameters: list, gradients) -> None:
    for symbol, gradient in zip(parameters, gradients):
        gradient = np.asarray(gradient, dtype=float)
        d1 = difference_quotients(function, feed, symbol)
        d2 = difference_quotients(function, feed, symbol, 2.0)
        assert gradient.shape == d1.shape, (symbol, gradient.shape, d1.shape)
        tolerance = 1e-5 * np.abs(d1) + 1e-7 + 4 * np.abs(d1 - d2)
        bad = np.abs(gradient - d1) > tolerance
        assert not bad.any(), (f"d cost / d {symbol}: compiled {gradient[bad]} vs central differences {d1[bad]} "
                               f"(h: {d2[bad]})")


def coverage_keys(tree: Node):
    """What a checked tree exercised: each op, with its axis or exponent where it has one."""
    for node in tree.walk():
        yield node.op
        if node.op in ("sum_axis", "mean_axis", "log_softmax", "softmax", "softmax_xent", "pow", "power"):
            yield f"{node.op} {node.attr[0]}"
        if node.shape is not None and M in node.shape:
            yield "batch dimension"


SCALAR_COVERAGE = {"var", "const", "data", "add", "sub", "mul", "mulconst", "addconst", "square", "pow 2", "pow 3",
                   "pow -1", "pow -2", "pow 1/2", "pow -1/2", "pow 3/2", "exp", "log", "sqrt", "tanh", "sin", "abs",
                   "sigmoid", "relu", "softplus", "leaky_relu"}
MATRIX_COVERAGE = {"matmul", "add", "sub", "T", "hadamard", "square", "power 3", "power 1/2", "power 3/2",
                   "power -1", "exp", "log", "sqrt", "tanh", "sigmoid", "relu", "softplus", "leaky_relu", "abs",
                   "bias_add", "scale", "log_softmax 0", "log_softmax 1", "softmax 0", "softmax 1", "sum_axis 0",
                   "sum_axis 1", "mean_axis 0", "mean_axis 1", "sum", "mean", "softmax_xent 0", "softmax_xent 1",
                   "sigmoid_xent", "batch dimension", "label"}


def _feed(cost, values: dict) -> dict:
    free = sympy.sympify(cost).free_symbols
    return {s: v for s, v in values.items() if s in free}


@dataclass
class Prepared:
    cost: object
    feed: dict
    parameters: list
    evaluator: Evaluator
    value: object


def prepare(tree: Node, values: dict, counts, kind: str) -> Prepared:
    """Build the cost, pick its parameters and check the point; rejects (``assume``) what cannot be checked."""
    cost = build(tree)
    feed = _feed(cost, values)
    parameters = [s for s in feed if is_parameter(s)]
    if not parameters:
        counts[f"rejected {kind} (no parameter left)"] += 1
        assume(False)
    if symopt.BATCH in cost.free_symbols and not any(symopt.BATCH in getattr(s, "shape", ()) for s in feed):
        # the data cancelled out (X @ W - X @ W) but an all-ones matrix still has m rows: nothing tells the
        # generated code m (it raises "symbol m is not an input of the program"; reported as unhelpful)
        counts[f"rejected {kind} (batch size m with no batch input left)"] += 1
        assume(False)
    evaluator = Evaluator(values)
    value = evaluator(tree)
    if not valid_point(evaluator, value):
        counts[f"rejected {kind} (domain, kink or magnitude)"] += 1
        assume(False)
    return Prepared(cost, feed, parameters, evaluator, value)


# ---------------------------------------------------------------- tests

@st.composite
def scalar_case(draw):
    tree = draw(scalar_tree(draw(depths("scalar")), root=True))
    return tree, draw(st.integers(0, 2 ** 32 - 1))


@st.composite
def matrix_case(draw):
    return draw(matrix_cost()), draw(st.integers(0, 2 ** 32 - 1)), draw(st.sampled_from(BATCH_SIZES))


def test_scalar_trees_match_sympy_and_finite_differences(oracle_long, oracle_counts):
    seen = set()

    @_settings("scalar", oracle_long)
    @given(scalar_case())
    def check(case):
        tree, seed = case
        case = prepare(tree, draw_values(tree, seed, 1), oracle_counts, "scalar")
        cost, feed, parameters, scale = case.cost, case.feed, case.parameters, case.evaluator.scale
        note(f"cost = {cost}; at {feed}")
        function = symopt.compile(cost, parameters)
        compiled_value, gradients = function(feed)
        at = {s: sympy.Float(v, 30) for s, v in feed.items()}
        exact = float(sympy.sympify(cost).subs(at).evalf(30))
        assert close(compiled_value, exact, scale), (compiled_value, exact)
        assert close(compiled_value, case.value, scale), (compiled_value, case.value)
        for symbol, gradient in zip(parameters, gradients):
            reference = float(sympy.diff(cost, symbol).subs(at).evalf(30))
            assert close(gradient, reference, scale, rtol=1e-8), (symbol, gradient, reference)
        check_finite_differences(function, feed, parameters, gradients)
        oracle_counts["checked scalar"] += 1
        seen.update(coverage_keys(tree))

    check()
    assert SCALAR_COVERAGE <= seen, f"operations never checked: {sorted(SCALAR_COVERAGE - seen)}"


def test_matrix_trees_match_numpy_and_finite_differences(oracle_long, oracle_counts):
    seen = set()

    @_settings("matrix", oracle_long)
    @given(matrix_case())
    def check(case):
        tree, seed, m = case
        case = prepare(tree, draw_values(tree, seed, m), oracle_counts, "matrix")
        cost, feed, parameters = case.cost, case.feed, case.parameters
        note(f"cost = {cost}; m = {m}")
        function = symopt.compile(cost, parameters)
        compiled_value, gradients = function(feed)
        assert close(compiled_value, np.sum(case.value), case.evaluator.scale), (compiled_value, case.value)
        for symbol, gradient in zip(parameters, gradients):
            expected_shape = np.shape(feed[symbol])
            assert np.shape(gradient) == expected_shape, (symbol, np.shape(gradient), expected_shape)
        check_finite_differences(function, feed, parameters, gradients)
        oracle_counts["checked matrix"] += 1
        if m == 1 and any(symopt.BATCH in getattr(s, "shape", ()) for s in feed):
            oracle_counts["of the matrix checks, batch size m = 1"] += 1
        seen.update(coverage_keys(tree))

    check()
    assert MATRIX_COVERAGE <= seen, f"operations never checked: {sorted(MATRIX_COVERAGE - seen)}"


# ---------------------------------------------------------------- optimizers vs TF1's rules

OPTIMIZERS = {
    "GradientDescent": lambda lr: symopt.GradientDescent(lr),
    "Momentum": lambda lr: symopt.Momentum(lr, momentum=0.9),
    "Momentum nesterov": lambda lr: symopt.Momentum(lr, momentum=0.9, nesterov=True),
    "Adagrad": lambda lr: symopt.Adagrad(lr),
    "RMSProp": lambda lr: symopt.RMSProp(lr),
    "RMSProp momentum": lambda lr: symopt.RMSProp(lr, momentum=0.9),
    "RMSProp centered": lambda lr: symopt.RMSProp(lr, centered=True),
    "Adam": lambda lr: symopt.Adam(lr),
}


class TF1Rule:
    """One parameter's TF1 kernel update (DESIGN.md), in the variable's dtype."""

    def __init__(self, optimizer, theta, dtype: str):
        self.T = T = np.dtype(dtype).type
        self.h = {k: T(np.float32(v)) for k, v in optimizer.hyperparameters.items()}
        self.kind = type(optimizer).__name__
        self.options = optimizer.options()
        like = np.asarray(theta, dtype=dtype)

        def filled(value):
            return np.full(like.shape, value, dtype=dtype) if like.ndim else T(value)

        self.slots = {}
        if self.kind == "Momentum":
            self.slots["accumulator"] = filled(0.0)
        elif self.kind == "Adagrad":
            self.slots["accumulator"] = filled(self.options["initial_accumulator_value"])
        elif self.kind == "RMSProp":
            self.slots.update(ms=filled(1.0), mom=filled(0.0))
            if self.options["centered"]:
                self.slots["mg"] = filled(0.0)
        elif self.kind == "Adam":
            self.slots.update(m=filled(0.0), v=filled(0.0))

    def apply(self, theta, g, shared: dict):
        h, s, one = self.h, self.slots, self.T(1)
        if self.kind == "GradientDescent":
            return theta - g * h["lr"]
        if self.kind == "Momentum":
            s["accumulator"] = s["accumulator"] * h["momentum"] + g
            if self.options["nesterov"]:
                return theta - (g * h["lr"] + s["accumulator"] * h["momentum"] * h["lr"])
            return theta - s["accumulator"] * h["lr"]
        if self.kind == "Adagrad":
            s["accumulator"] = s["accumulator"] + g * g
            return theta - g * h["lr"] * (one / np.sqrt(s["accumulator"]))
        if self.kind == "RMSProp":
            s["ms"] = s["ms"] + (g * g - s["ms"]) * (one - h["decay"])
            if self.options["centered"]:
                s["mg"] = s["mg"] + (g - s["mg"]) * (one - h["decay"])
                denominator = s["ms"] - s["mg"] * s["mg"] + h["epsilon"]
            else:
                denominator = s["ms"] + h["epsilon"]
            s["mom"] = s["mom"] * h["momentum"] + (g * h["lr"]) / np.sqrt(denominator)
            return theta - s["mom"]
        beta1_power, beta2_power = self.T(shared["beta1_power"]), self.T(shared["beta2_power"])
        alpha = h["lr"] * np.sqrt(one - beta2_power) / (one - beta1_power)
        s["m"] = s["m"] + (g - s["m"]) * (one - h["beta1"])
        s["v"] = s["v"] + (g * g - s["v"]) * (one - h["beta2"])
        return theta - (s["m"] * alpha) / (np.sqrt(s["v"]) + h["epsilon"])


def _bits(value, dtype):
    return np.asarray(value, dtype=dtype).tobytes()


@st.composite
def optimizer_case(draw):
    without = frozenset()  # every function, relu and leaky_relu included
    if draw(st.booleans()):
        tree = draw(matrix_cost(without))
    else:
        tree = draw(scalar_tree(draw(depths("matrix")), False, without, True))
    return (tree, draw(st.integers(0, 2 ** 32 - 1)), draw(st.sampled_from(BATCH_SIZES)),
            draw(st.sampled_from(list(OPTIMIZERS))), draw(st.sampled_from((0.1, 0.01, 0.003, 0.5))),
            draw(st.sampled_from(("float32", "float64"))), draw(st.integers(1, 3)))


def test_optimizer_steps_match_tf1_rules_on_random_costs(oracle_long, oracle_counts):
    @_settings("optimizer", oracle_long)
    @given(optimizer_case())
    def check(case):
        tree, seed, m, name, lr, dtype, steps = case
        case = prepare(tree, draw_values(tree, seed, m), oracle_counts, "optimizer")
        cost, feed, parameters = case.cost, case.feed, case.parameters
        data = {s: v for s, v in feed.items() if s not in parameters}
        note(f"cost = {cost}; {name}({lr}), {dtype}, {steps} steps")
        function = symopt.compile(cost, parameters, dtype=dtype)
        T = np.dtype(dtype).type
        thetas = {p: np.asarray(feed[p], dtype=dtype) if np.ndim(feed[p]) else T(feed[p]) for p in parameters}
        with np.errstate(all="ignore"):
            value0, gradients0 = function({**data, **thetas})
        assume(np.isfinite(value0) and all(np.all(np.isfinite(g)) for g in gradients0))
        optimizer = OPTIMIZERS[name](lr)
        rules = {p: TF1Rule(optimizer, thetas[p], dtype) for p in parameters}
        shared = {"beta1_power": np.float32(0.9), "beta2_power": np.float32(0.999)}
        with np.errstate(all="ignore"):
            for _ in range(steps):
                _, gradients = function({**data, **thetas})
                thetas = {p: rules[p].apply(thetas[p], T(g) if np.ndim(g) == 0 else g, shared)
                          for p, g in zip(parameters, gradients)}
                shared = {"beta1_power": shared["beta1_power"] * np.float32(0.9),
                          "beta2_power": shared["beta2_power"] * np.float32(0.999)}
        assume(all(np.all(np.isfinite(t)) for t in thetas.values()))
        result = symopt.minimize(cost, {p: feed[p] for p in parameters}, data=data, optimizer=optimizer,
                                 steps=steps, dtype=dtype)
        assert result.steps == steps
        for p in parameters:
            assert _bits(result[p], dtype) == _bits(thetas[p], dtype), (p, result[p], thetas[p])
            for slot, expected in rules[p].slots.items():
                got = result.optimizer_state[f"{slot}_{p}"]
                assert _bits(got, dtype) == _bits(expected, dtype), (slot, p, got, expected)
        if name == "Adam":
            for key in ("beta1_power", "beta2_power"):
                assert np.float32(result.optimizer_state[key]) == shared[key]
        if any(symopt.BATCH in getattr(s, "shape", ()) for s in data):
            # the same steps as mini-batches of all m rows: minimize's in-place step (guarded_advance)
            again = symopt.minimize(cost, {p: feed[p] for p in parameters}, data=data, optimizer=optimizer,
                                    batch_size=m, epochs=steps, shuffle=False, dtype=dtype)
            for p in parameters:
                assert _bits(again[p], dtype) == _bits(thetas[p], dtype), ("mini-batch", p, again[p], thetas[p])
            oracle_counts["of the optimizer checks, also as mini-batches"] += 1
        oracle_counts["checked optimizer"] += 1
        oracle_counts[f"of the optimizer checks, {dtype}"] += 1

    check()
