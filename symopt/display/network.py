r"""Recognise the course's vectorized network in a cost: layers, activations and a mean loss.

A cost is recognised when it is a mean over the batch of an entrywise loss of the
last layer's pre-activation, :math:`J = \frac1m \sum L(Z_L, Y)`, and every layer is
affine, :math:`Z_l = W_l A_{l-1} + b_l` with examples as columns (or
:math:`Z_l = A_{l-1} W_l + b_l` with examples as rows), :math:`A_l = g_l(Z_l)`
entrywise and :math:`A_0 = X`.  The loss may read :math:`Z_L` through entrywise
functions (``log(σ(Z))``, ``softplus(Z)``) or be the softmax cross-entropy
:math:`-Y \circ \log\mathrm{softmax}(Z_L)`.

:func:`recognise` returns a :class:`Network` or ``None`` (then ``derive`` shows the
general matrix derivation).  Every traversal here is iterative.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy
from sympy import HadamardPower, HadamardProduct, MatAdd, MatMul, MatrixSymbol, OneMatrix, Transpose
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from ..nodes import ElementSum, LogSumExp, lambda_parts, matmul
from ..symbols import BATCH
from ..traversal import unique_nodes

__all__ = ["Layer", "Network", "recognise", "COLUMNS", "ROWS"]

COLUMNS, ROWS = "columns", "rows"


@dataclass(frozen=True)
class Layer:
    """``pre = weight·inputs + bias`` (columns) or ``inputs·weight + bias`` (rows), the ``bias`` a matrix or a
    scalar (:attr:`scalar_bias`); ``activation`` is the ``Lambda`` :math:`g` with :math:`g(Z)` the next layer's
    input (None for the last layer)."""

    pre: sympy.Basic
    weight: MatrixSymbol
    weight_transposed: bool
    bias: MatrixSymbol | sympy.Symbol | None
    bias_transposed: bool
    inputs: sympy.Basic
    activation: sympy.Basic | None = None

    @property
    def scalar_bias(self) -> bool:
        """True for a number added to every entry, :math:`Z = W A + b` with :math:`b \\in \\mathbb{R}`."""
        return self.bias is not None and not isinstance(self.bias, MatrixSymbol)


@dataclass(frozen=True)
class Network:
    """A recognised model; ``loss`` is the per-example loss :math:`L` in the stand-ins ``z`` (for
    :math:`Z_L`), ``labels`` (``((scalar, matrix), ...)``) and, for softmax, ``lse``."""

    layers: tuple[Layer, ...]
    layout: str
    examples: sympy.Basic
    loss: sympy.Basic
    z: sympy.Symbol
    labels: tuple
    softmax: bool
    lse: sympy.Symbol | None = None

    @property
    def output(self) -> Layer:
        return self.layers[-1]

    @property
    def example_axis(self) -> int:
        """The axis that indexes examples: 1 with examples as columns, 0 with examples as rows."""
        return _example_axis(self.layout)


def _example_axis(layout: str) -> int:
    return 1 if layout == COLUMNS else 0


def _is_matrix_name(node) -> bool:
    return isinstance(node, MatrixSymbol) or (isinstance(node, Transpose) and isinstance(node.arg, MatrixSymbol))


def _named(node) -> tuple:
    """``(symbol, transposed)`` of ``W`` or ``Wᵀ``."""
    return (node.arg, True) if isinstance(node, Transpose) else (node, False)


def _product(term):
    """``(P, Q)`` of a genuine product ``PQ`` of two matrices (no ones, coefficient 1), else None."""
    if not isinstance(term, MatMul):
        return None
    coefficient, matrices = term.as_coeff_matrices()
    if coefficient != 1 or len(matrices) != 2 or any(isinstance(m, OneMatrix) for m in matrices):
        return None
    return tuple(matrices)


def _bias(term, layout: str):
    """The bias of a broadcast term ``b·𝟙`` (columns) or ``𝟙·b`` (rows), or the scalar ``b`` of ``b𝟙`` (a number
    added to every entry, ``ops.bias_add(z, b)`` with a scalar ``b``), else None."""
    if not isinstance(term, MatMul):
        return None
    coefficient, matrices = term.as_coeff_matrices()
    if len(matrices) == 1 and isinstance(matrices[0], OneMatrix):
        return coefficient if isinstance(coefficient, sympy.Symbol) and BATCH != coefficient else None
    if coefficient != 1 or len(matrices) != 2:
        return None
    bias, ones = matrices if layout == COLUMNS else matrices[::-1]
    return bias if isinstance(ones, OneMatrix) and _is_matrix_name(bias) else None


def _affine(node, layout: str):
    """``(weight, inputs, bias)`` of ``W A + b`` (columns) / ``A W + b`` (rows), or None."""
    terms = node.args if isinstance(node, MatAdd) else (node,)
    products = [p for p in map(_product, terms) if p is not None]
    if len(products) != 1 or len(terms) > 2:
        return None
    left, right = products[0]
    weight, inputs = (left, right) if layout == COLUMNS else (right, left)
    if not _is_matrix_name(weight) or BATCH in sympy.Tuple(*weight.shape).free_symbols:
        return None
    bias = None
    if len(terms) == 2:
        other = terms[1] if _product(terms[0]) is not None else terms[0]
        bias = _bias(other, layout)
        if bias is None:
            return None
    return weight, inputs, bias


def _regrouped(matrix, layout: str):
    """``matrix`` with each sum of more than two terms that holds exactly one layer ``W A + b`` among them written as
    ``(W A + b) + rest``: SymPy flattens ``X W + 𝟙·b - y`` into one sum, where the layer is no node of its own."""
    groups = {}
    for node in unique_nodes([matrix]):  # the DAG once (preorder_traversal walked the tree)
        if not isinstance(node, MatAdd) or len(node.args) <= 2:
            continue
        products = [t for t in node.args if _product(t) is not None]
        biases = [t for t in node.args if _bias(t, layout) is not None and t not in products]
        if len(products) != 1 or len(biases) != 1:
            continue
        layer = MatAdd(products[0], biases[0], evaluate=False)
        if _affine(layer, layout) is not None:
            rest = [t for t in node.args if t is not products[0] and t is not biases[0]]
            groups[node] = MatAdd(layer, *rest, evaluate=False)
    return matrix.xreplace(groups) if groups else matrix


def _entrywise_children(node, layout: str):
    """Operands of an entrywise node (the loss descends through these), or None for a frontier node."""
    if isinstance(node, OneMatrix):
        return ()
    if _affine(node, layout) is not None:
        return None
    if isinstance(node, (MatAdd, HadamardProduct)):
        return node.args
    if isinstance(node, HadamardPower):
        return (node.base,)
    if isinstance(node, ElementwiseApplyFunction):
        return (node.expr,)
    if isinstance(node, MatMul):
        matrices = node.as_coeff_matrices()[1]
        if all(isinstance(m, OneMatrix) for m in matrices):
            return ()
        if len(matrices) == 1:
            return tuple(matrices)
    return None


def _frontier(matrix, layout: str) -> list:
    """The non-entrywise nodes the loss reads, coefficient-free, each once."""
    found, stack, seen = [], [matrix], set()
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        children = _entrywise_children(node, layout)
        if children is None:
            bare = matmul(*node.as_coeff_matrices()[1]) if isinstance(node, MatMul) else node
            if bare not in found:
                found.append(bare)
        else:
            stack.extend(children)
    return found


def _scalar(node, table: dict):
    """The entrywise loss as a scalar expression in the stand-ins of ``table`` (iterative, memoized)."""
    memo: dict = dict(table)
    stack = [(node, False)]
    while stack:
        current, ready = stack.pop()
        if current in memo:
            continue
        if isinstance(current, MatMul):
            coefficient, matrices = current.as_coeff_matrices()
            operands = [] if all(isinstance(m, OneMatrix) for m in matrices) else [matmul(*matrices)]
        elif isinstance(current, OneMatrix):
            coefficient, operands = sympy.S.One, []
        elif isinstance(current, ElementwiseApplyFunction):
            operands = [current.expr]
        elif isinstance(current, HadamardPower):
            operands = [current.base]
        else:
            operands = list(current.args)
        if not ready:
            stack.append((current, True))
            stack.extend((operand, False) for operand in operands if operand not in memo)
            continue
        values = [memo[operand] for operand in operands]
        if isinstance(current, MatMul):
            memo[current] = coefficient * (values[0] if values else 1)
        elif isinstance(current, OneMatrix):
            memo[current] = sympy.S.One
        elif isinstance(current, MatAdd):
            memo[current] = sympy.Add(*values)
        elif isinstance(current, HadamardProduct):
            memo[current] = sympy.Mul(*values)
        elif isinstance(current, HadamardPower):
            memo[current] = values[0] ** current.exp
        else:  # ElementwiseApplyFunction
            variable, body = lambda_parts(current.function)
            memo[current] = body.xreplace({variable: values[0]})
    return memo[node]


def _layout(matrix):
    rows, cols = matrix.shape
    if BATCH in sympy.sympify(cols).free_symbols:
        return COLUMNS, cols
    if BATCH in sympy.sympify(rows).free_symbols:
        return ROWS, rows
    if rows == 1:
        return COLUMNS, cols
    if cols == 1:
        return ROWS, rows
    return None, None


def _mean_of(cost):
    """``(coefficient, matrix)`` of ``c·Σ_ij E_ij``, or None."""
    factors = sympy.Mul.make_args(cost)
    sums = [f for f in factors if isinstance(f, ElementSum)]
    if len(sums) != 1:
        return None
    coefficient = sympy.Mul(*(f for f in factors if f is not sums[0]))
    if coefficient.has(MatrixSymbol) or not coefficient.free_symbols <= {BATCH}:
        return None
    return coefficient, sums[0].matrix


def _layers(output, layout: str, wrt: set):
    """The affine layers from the input up to ``output`` (the last pre-activation), or None."""
    layers, node, activation = [], output, None
    while True:
        parts = _affine(node, layout)
        if parts is None:
            return None
        weight, inputs, bias = parts
        (w, w_t), (b, b_t) = _named(weight), (_named(bias) if bias is not None else (None, False))
        layers.append(Layer(node, w, w_t, b, b_t, inputs, activation))
        if isinstance(inputs, ElementwiseApplyFunction) and _affine(inputs.expr, layout) is not None:
            activation = inputs.function
            node = inputs.expr
            continue
        if isinstance(inputs, MatrixSymbol) and inputs not in wrt:
            return layers[::-1]
        return None


def _softmax_loss(loss, z, y, lse) -> bool:
    """``L = -y (z - LSE)``: the softmax cross-entropy."""
    return sympy.expand(loss + y * (z - lse)) == 0


def recognise(cost, wrt) -> Network | None:
    """The network in a prepared ``cost`` (see the module docstring) when ``wrt`` are its weights and biases."""
    mean = _mean_of(cost)
    if mean is None:
        return None
    coefficient, matrix = mean
    layout, examples = _layout(matrix)
    if layout is None:
        return None
    scale = sympy.simplify(coefficient * examples)
    if scale.free_symbols or scale == 0:
        return None
    matrix = _regrouped(matrix, layout)
    frontier = _frontier(matrix, layout)
    outputs = [node for node in frontier if _affine(node, layout) is not None]
    if len(outputs) != 1:
        return None
    output = outputs[0]
    z = sympy.Dummy("z", real=True)
    table, labels, lse = {output: z}, [], None
    for node in frontier:
        if node is output:
            continue
        if isinstance(node, MatMul) and any(isinstance(m, LogSumExp) and m.matrix == output
                                            and m.axis == 1 - _example_axis(layout) for m in node.args):
            lse = sympy.Dummy("l", real=True)
            table[node] = lse
        elif isinstance(node, MatrixSymbol) and node not in wrt:
            stand_in = sympy.Dummy(str(node.name).lower(), real=True)
            table[node] = stand_in
            labels.append((stand_in, node))
        else:
            return None
    loss = scale * _scalar(matrix, table)
    if lse is not None and not (len(labels) == 1 and _softmax_loss(loss, z, labels[0][0], lse)):
        return None
    layers = _layers(output, layout, set(wrt))
    if layers is None:
        return None
    parameters = [p for layer in layers for p in (layer.weight, layer.bias) if p is not None]
    if len(set(parameters)) != len(parameters) or not set(wrt) <= set(parameters):
        return None
    return Network(tuple(layers), layout, examples, loss, z, tuple(labels), lse is not None, lse)
