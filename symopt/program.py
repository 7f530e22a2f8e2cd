r"""The frozen intermediate form between calculus and code: a straight-line program.

``Program(inputs, sizes, assignments, outputs, update)`` reads: given the ``inputs``,
bind each size symbol (the batch size :math:`m`) from an input's shape, run the
``assignments`` in order, return the ``outputs`` — and, for a training step, apply the
optimizer's :class:`Update` (state in → state out, hoisted constants, gradient clipping).
:func:`~symopt.program_checks.check_program` validates one; every later stage (:func:`symopt.emit.emit`, display of
common subexpressions) is a pure function of it.

Every program gets one temporary per node of the expression DAG used more than
once (nodes are shared by structural equality, so forward values are reused by the
backward pass).  The DAG is walked iteratively, each node once: the size of an
expression never decides whether it compiles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import sympy
from sympy.functions.elementary.piecewise import ExprCondPair
from sympy import Identity, MatrixSlice, MatrixSymbol, OneMatrix, ZeroMatrix
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement

from .activation_masks import masks_from_activations
from .adjugate import with_adjugates
from .chain_prefixes import shared_chain_prefixes
from .grouped_products import temporary
from .map_sharing import share_equal_maps
from .nodes import divisions, lambda_parts
from .printed_order import sum_as_written
from .program_checks import ProgramError, check_program, last_reads
from .reductions import Reshape
from .softmax_pairs import SoftmaxPair, shared_softmax_pairs
from .symbols import BATCH, is_matrix, symbolic
from .traversal import free_symbols, hash_bottom_up, intern, postorder, unique_nodes

__all__ = ["Program", "build_program", "nameable", "Assignment", "StateSymbol", "state_symbols", "Update", "Clip", "check_program", "ProgramError", "last_reads", "parameter_state"]

Assignment = tuple[sympy.Basic, sympy.Basic]


class StateSymbol(sympy.Symbol):
    """A name in an optimizer's :class:`Update` (a parameter's Python name, its gradient, slots, hyperparameters,
    ``beta1_power``, ``global_step``): a class of its own, so it is never equal to a user's plain ``Symbol`` of the
    same name (SymPy's symbols are equal by name and assumptions), whose value the program reads under another
    Python name.  It sorts as a ``Symbol`` (SymPy orders a sum's terms by class name), so the printed update, and
    its rounding, is the same as with plain symbols."""

    @classmethod
    def class_key(cls):
        return sympy.Symbol.class_key()


def state_symbols(expressions) -> dict:
    """``{symbol: StateSymbol}`` for every plain symbol in ``expressions`` (same name and assumptions)."""
    return {s: StateSymbol(s.name, **s.assumptions0) for s in free_symbols(expressions)
            if isinstance(s, sympy.Symbol) and not isinstance(s, StateSymbol)}


@dataclass(frozen=True)
class Clip:
    r"""A transformation of the gradients before the update, printed by the backend's printer
    (``clip_by_<kind>_lines``).  ``kind="value"``: :math:`g \leftarrow \mathrm{clip}(g, -c, c)` for each gradient;
    ``kind="norm"``: :math:`g \leftarrow g\,c/\|g\|` where :math:`\|g\| > c`, with the global norm
    :math:`\|g\|^2 = \sum_\theta \sum g_\theta^2` (TF1's ``clip_by_global_norm``).  ``limit``: :math:`c`."""

    kind: str
    limit: float


@dataclass(frozen=True)
class Update:
    r"""An optimizer's step after the gradients: the state passes in and out by these Python names.

    ``parameters``, ``slots`` (per parameter), ``shared`` (float32 scalars) are the state, in argument and
    return order; ``hyper`` and ``data`` the other arguments; ``gradients`` the names bound to the program's
    outputs after the cost.  Then in order: transform the gradients (``clipping``: :class:`Clip`), compute each
    scheduled hyperparameter (``schedules``: ``(name, Schedule)``), the ``constants`` ``(name, expression)``
    hoisted out of the per-parameter rules (Adam's :math:`\alpha_t`), and the ``assignments``
    ``(target, expression)``.  ``tol`` set: the training loop stops once every :math:`|g| \le` tol.
    ``column_major``: the parameters the run keeps in Fortran order, with their slots (:mod:`symopt.layouts`).
    """

    parameters: tuple
    gradients: tuple
    slots: tuple
    shared: tuple
    hyper: tuple
    data: tuple
    schedules: tuple
    constants: tuple
    assignments: tuple
    clipping: tuple = ()
    tol: float | None = None
    column_major: tuple = ()

    def symbols(self) -> set:
        """The symbols the update's expressions read and write (each printed by its own name)."""
        found = free_symbols([e for _, e in self.constants] + [e for _, e in self.assignments])
        return found | {t for t, _ in self.assignments} | \
            {StateSymbol(name, positive=True) for name, _ in self.schedules}

    def state(self) -> tuple:
        return self.parameters + self.slots + self.shared

    def parameter_state(self) -> list[tuple]:
        """Each parameter's name with its own slots' names (``("W", "m_W", "v_W")``), in argument order."""
        return parameter_state(self.parameters, self.slots)


def parameter_state(parameters: Sequence, slots: Sequence) -> list[tuple]:
    """Each parameter's name with its own slots' names, in argument order: the slots are grouped per parameter,
    the same number for each (``("W", "b")``, ``("m_W", "v_W", "m_b", "v_b")`` -> ``("W", "m_W", "v_W")``, ...)."""
    per = len(slots) // len(parameters) if parameters else 0
    return [(name, *slots[i * per:(i + 1) * per]) for i, name in enumerate(parameters)]


@dataclass(frozen=True)
class Program:
    """Inputs, size bindings ``(size_symbol, input_index, axis)``, assignments, outputs, and an optional
    optimizer :class:`Update`."""

    inputs: tuple
    sizes: tuple
    assignments: tuple
    outputs: tuple
    update: Any = None  # Update | None
    #: The temporaries that are forward values (the cost's subexpressions), and for each output whether it is a
    #: value (the cost) or a gradient: in values, divisions print as divisions, ``x/m``, one rounding as
    #: TF1's forward ``RealDiv`` and ``Mean``; a gradient's factor :math:`1/m` multiplies, as TF1's backward pass.
    forward: frozenset = frozenset()
    values: tuple = ()

    def is_value(self, index: int) -> bool:
        """Whether output ``index`` is a value (printed with divisions) rather than a gradient."""
        return index >= len(self.values) or self.values[index]

    @property
    def is_scalar(self) -> bool:
        """True when no value in the program is a matrix (inputs may still be indexed arrays)."""
        return not any(is_matrix(e) for _, e in self.assignments) and not any(is_matrix(e) for e in self.outputs)

    def operation_counts(self) -> dict[str, int]:
        """How many distinct nodes of each class the assignments and outputs hold (shared ones count once)."""
        counts: dict[str, int] = {}
        for node in unique_nodes([e for _, e in self.assignments] + list(self.outputs)):
            if node.args and not isinstance(node, (MatrixSymbol, sympy.Lambda, sympy.Tuple)):
                name = type(node).__name__
                counts[name] = counts.get(name, 0) + 1
        return counts


def _size_bindings(inputs: Sequence, expressions: Sequence) -> tuple:
    """Bind every dimension symbol used (the batch size) to the first input that has it."""
    needed = set()
    for node in unique_nodes(expressions):
        if node == BATCH:
            needed.add(node)
        elif is_matrix(node):
            needed |= {d for d in node.shape if isinstance(d, sympy.Symbol)}
    bindings = []
    for size in sorted(needed, key=str):
        for index, symbol in enumerate(inputs):
            if is_matrix(symbol) and size in symbol.shape:
                bindings.append((size, index, list(symbol.shape).index(size)))
                break
    return tuple(bindings)


def build_program(outputs: Sequence[sympy.Basic], inputs: Sequence[sympy.Basic],
                  values: Sequence[bool] | None = None) -> Program:
    """Reduce ``outputs`` to a straight-line :class:`Program` over ``inputs`` (add an update with
    ``dataclasses.replace(program, update=...)``); ``values[i]`` is False where output ``i`` is a gradient, not a
    value (default: all are values; :attr:`Program.forward`)."""
    outputs = with_adjugates([symbolic(o, "output") for o in outputs])  # det(A)·A⁻¹ finite where A is singular
    outputs = masks_from_activations(outputs)  # H(z) as H(relu(z)): z is free once relu(z) is computed
    outputs = share_equal_maps(outputs)  # exp.(xw) written twice, or made again by a derivative: computed once
    outputs = shared_chain_prefixes(outputs)  # x.T @ A @ x beside a gradient's (x.T @ A).T: x.T @ A once
    outputs = shared_softmax_pairs(outputs)  # log_softmax(z) in the value, softmax(z) in the gradient: one exp
    values = (True,) * len(outputs) if values is None else tuple(bool(v) for v in values)
    assignments, reduced, forward = _ssa(outputs, values)
    expressions = [e for _, e in assignments] + list(reduced)
    return Program(tuple(inputs), _size_bindings(inputs, expressions), tuple(assignments), tuple(reduced),
                   forward=frozenset(forward), values=values)


#: A node nested deeper than this inside one line gets its own line: SymPy's printer recurses and
#: Python's parser limits nesting, so a deep chain is printed as a sequence of short lines.
MAX_INLINE_DEPTH = 24

_LEAVES = (MatrixSymbol, OneMatrix, ZeroMatrix, Identity, sympy.Lambda)


def _operands(node) -> tuple:
    if isinstance(node, ElementwiseApplyFunction):
        return (node.expr,)
    if isinstance(node, MatrixElement):  # an entry of a computed matrix reads it (one temporary for all its entries)
        return () if isinstance(node.parent, MatrixSymbol) else (node.parent,)
    if isinstance(node, _LEAVES) or isinstance(node, sympy.Atom):
        return ()
    if isinstance(node, Reshape):  # its sizes (4*m) are part of the node: a temporary for one would fail its check
        return (node.matrix,)
    return tuple(a for a in node.args if isinstance(a, sympy.Basic))


def _reads(node) -> int:
    """How often ``node``'s printed text reads each operand: an elementwise body reading its argument twice
    (ELU's ``where(z > 0, z, expm1(z))``) prints a compound argument twice, so it counts as two uses (inlined,
    it doubled at every layer).  A :class:`~symopt.softmax_pairs.SoftmaxPair` counts as two, as the two calls it
    replaced: its logits keep a name, into which a bias is added in place (``t3 += b3``: one array, not two)."""
    if isinstance(node, ElementwiseApplyFunction):
        dummy, body = lambda_parts(node.function)
        return max(1, body.count(dummy))
    return 2 if isinstance(node, SoftmaxPair) else 1


def _ssa(outputs: list, values: tuple) -> tuple[list, list, set]:
    r"""One temporary per DAG node used more than once (or nested deeper than :data:`MAX_INLINE_DEPTH`), and the
    temporaries that are forward values (reachable from an output ``i`` with ``values[i]``).

    Nodes are shared by structural equality, found by hash-consing (:func:`~symopt.traversal.intern`): every
    node is replaced by one representative object of its class of equal nodes before the tables here are filled, so
    a dictionary lookup finds the very object (Python compares identity first) and distinct equal copies of a deep
    subexpression (two differentiations of one loss, SymPy's distributed products) are never compared as trees
    (probe43 P43-2).  Each node is visited once, without recursion.  A reciprocal
    :math:`1/b` stays inside the forward values that use it (printed ``x/b``); only gradient-only nodes read it from
    a temporary.
    """
    hash_bottom_up(postorder(outputs))  # SymPy hashes recursively once: children first, each one step
    canonical: dict = {}  # id(node) -> (node, the one object of its class of equal nodes)
    interned: dict = {}
    for output in outputs:
        intern(output, interned, canonical)
    same = {key: node for key, (_, node) in canonical.items()}
    order = _unique([same[id(node)] for node in postorder(outputs, _operands)])
    outputs = [same[id(output)] for output in outputs]

    def operands(node) -> tuple:
        return tuple(same[id(operand)] for operand in _operands(node))

    forward_nodes = {id(same[id(node)]) for node in postorder([o for o, value in zip(outputs, values) if value],
                                                               _operands)}
    uses: dict = {}
    backward_uses: dict = {}  # uses by gradient-only nodes and gradient outputs
    for node in order:
        uses[node] = 0
        backward = id(node) not in forward_nodes
        reads = _reads(node)
        for operand in operands(node):
            uses[operand] += reads
            if backward:
                backward_uses[operand] = backward_uses.get(operand, 0) + 1
    for index, output in enumerate(outputs):
        uses[output] += 1
        if not values[index]:
            backward_uses[output] = backward_uses.get(output, 0) + 1
    for node in reversed(order):  # each read of a reciprocal may print its base (x/b, x/b/b): one temporary for b
        if _is_reciprocal(node) and uses[node] * _base_prints(node) > 1:
            uses[same[id(node.args[0])]] += uses[node] * _base_prints(node) - 1
    taken = {node.name for node in order if isinstance(node, (sympy.Symbol, MatrixSymbol))}
    names = (name for name in sympy.numbered_symbols("t") if name.name not in taken)  # a user's real t0 is not ours
    replaced: dict = {}
    inline: dict = {}  # reciprocal -> its expression with operands replaced, for the forward nodes that divide
    depth: dict = {}
    constant: dict = {}
    assignments, forward = [], set()
    for node in order:
        node_operands = operands(node)
        divides = id(node) in forward_nodes  # a forward value reads a reciprocal inline: it prints x/b
        if any(o in replaced for o in node_operands):
            arguments = [(argument, same.get(id(argument), argument)) for argument in node.args]
            rebuilt = _rebuilt(node, [inline[a] if divides and a in inline else replaced.get(a, original)
                                      for original, a in arguments])
        else:
            rebuilt = node
        depth[node] = 1 + max((depth[o] for o in node_operands), default=-1)
        constant[node] = _is_constant(node, node_operands, constant)
        if constant[node]:  # printed as one literal in the program's dtype, never a temporary
            continue
        reciprocal = _is_reciprocal(node)
        if reciprocal:
            inline[node] = rebuilt
        if node_operands and nameable(node) and ((uses[node] > 1 and not _is_cheap(node)) or
                                                  depth[node] > MAX_INLINE_DEPTH) \
                and not (reciprocal and not backward_uses.get(node)):
            name = next(names)
            temp = temporary(node, name.name, rebuilt, matrix=is_matrix(node))
            assignments.append((temp, rebuilt))
            if divides:
                forward.add(temp)
            replaced[node], depth[node] = temp, 0
        elif rebuilt is not node:
            replaced[node] = rebuilt
    return assignments, [inline[o] if value and o in inline else replaced.get(o, o)
                         for o, value in zip(outputs, values)], forward


def _unique(nodes: list) -> list:
    """``nodes`` without repeats (by identity), in order."""
    seen: set[int] = set()
    return [node for node in nodes if not (id(node) in seen or seen.add(id(node)))]


def _rebuilt(node, arguments: list):
    """``node`` of new ``arguments`` (temporaries for some): a ``Max``/``Min`` unevaluated, as its arguments were
    settled when it was built (evaluated, SymPy compares every pair of them: quadratic in a minimax over n terms,
    10 s at n = 100: probe45 P45-4); a scalar sum adding its terms in the order it had before
    (:func:`~symopt.printed_order.sum_as_written`: a term that became a temporary would sort elsewhere)."""
    if isinstance(node, (sympy.Max, sympy.Min)):
        return node.func(*arguments, evaluate=False)
    if isinstance(node, sympy.Add):  # its terms in their order (the value alone's), not sorted by the temporaries
        return sum_as_written(node, arguments)
    return node.func(*arguments)


def _is_reciprocal(node) -> bool:
    """A scalar :math:`b^{-k}` (``1/m``, ``1/w**2``) or an elementwise :math:`B^{\\circ -1}`, :math:`B^{\\circ -2}`: a
    divisor of the products that read it."""
    if is_matrix(node):
        return bool(divisions(node))
    return isinstance(node, sympy.Pow) and node.exp.is_Integer and node.exp < 0


def _base_prints(reciprocal) -> int:
    """How often a product reading ``reciprocal`` prints its base: twice for :math:`b^{-2}` (``x/b/b``), else once."""
    return 2 if reciprocal.args[1] == -2 else 1


def _is_constant(node, operands: tuple, constant: dict) -> bool:
    """A number (``sqrt(2)``, ``atan(1/sqrt(2 + sin(1/4)))``): no symbol below it, not a matrix."""
    if is_matrix(node) or isinstance(node, (sympy.Symbol, MatrixSymbol)) or not nameable(node):
        return False  # a Piecewise branch (0.0, True) is part of its Piecewise, never a literal
    if not operands:
        return isinstance(node, sympy.Atom)
    return all(constant[o] for o in operands)


def nameable(node) -> bool:
    """A value can get a temporary; a ``Piecewise`` branch ``(expr, cond)`` is part of its ``Piecewise``, and a
    slice's bounds ``(0, m, 1)`` are part of its ``MatrixSlice``."""
    return not isinstance(node, (ExprCondPair, sympy.Tuple))


def _is_cheap(node) -> bool:
    """Transposes of names are free views, and a slice of an identity (a slice's adjoint ``R^T V C^T``) is printed
    as ``place(V, ...)`` where it ends a product: print them inline."""
    if not isinstance(node, sympy.Transpose):
        return False
    return isinstance(node.arg, MatrixSymbol) or (isinstance(node.arg, MatrixSlice)
                                                  and isinstance(node.arg.parent, Identity))
