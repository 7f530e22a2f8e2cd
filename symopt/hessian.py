r"""Exact second derivatives: :func:`hessian` and :func:`hvp` (first derivatives of vector outputs: :mod:`symopt.jacobian`).

* Scalar parameters :math:`\theta_1..\theta_n`: :math:`H_{ij} = \partial^2 J/\partial\theta_i\partial\theta_j`
  as a ``sympy.ImmutableMatrix`` (the gradient's own rules applied to the symbolic gradient).
* A column-vector parameter :math:`w`: the Hessian-vector product comes from reverse mode over the
  gradient, :math:`Hv = \nabla_w \langle \nabla_w J, v\rangle`.  When that product is a matrix times
  :math:`v` (linear and quadratic models: :math:`2X^\top X v`), :func:`hessian` returns the matrix
  expression; otherwise (a logistic loss puts :math:`v` inside an elementwise product) it returns a
  compiled :class:`HessianVectorProduct`.

Everything compiles with :func:`symopt.compiler.compile_expressions` (the same printer and CSE as the gradient).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np
import sympy
from sympy import Identity, MatAdd, MatMul, MatrixSymbol, OneMatrix, Transpose, ZeroMatrix

from .binding import as_value, read_entries, resolve_feed, with_keywords
from .cache import CACHE
from .calculus import adjoints, grad
from .code_rules import differentiating_as_code
from .compiler import compile_expressions, free_inputs, infer_dtype
from .constant_ranges import in_the_derivative_of
from .depth import depth_limited
from .emit import scalar_type
from .errors import ConfigurationError, FeedError, ShapeError
from .faithful_copies import faithful
from .float_literals import ConstantRangeError
from .keyword_advice import DEVICE_ADVICE, HESSIAN_ADVICE, refusing_unknown_keywords
from .nodes import ElementSum, hadamard
from .run_arguments import check_fed_data
from .symbols import is_matrix, symbolic
from .traversal import free_symbols, nodes_of_type
from .wrt import resolve_names, restructure

__all__ = ["hessian", "code_hessian", "hvp", "HessianVectorProduct", "linear_coefficient", "compiled_hvp"]




def _scalar_cost(cost):
    if is_matrix(cost):
        if tuple(cost.shape) != (1, 1):
            raise ShapeError(f"expected a scalar cost; given a matrix of shape {tuple(cost.shape)}. "
                             "For vector-valued outputs use symopt.jacobian(outputs, wrt).")
        return ElementSum(cost)
    return symbolic(cost)


def linear_coefficient(expr, v):
    r"""The matrix :math:`A` with ``expr`` :math:`= A v`, or ``None`` when ``expr`` is not of that form
    (:math:`v` inside an elementwise product, a transpose, or a term without :math:`v`)."""
    if expr == v:
        return Identity(v.shape[0])
    if isinstance(expr, MatMul):
        *left, last = expr.args
        if any(factor.has(v) for factor in left):
            return None
        inner = linear_coefficient(last, v)
        return None if inner is None else MatMul(*left, inner).doit(deep=False)
    if isinstance(expr, MatAdd):
        parts = [linear_coefficient(term, v) for term in expr.args]
        return None if any(p is None for p in parts) else MatAdd(*parts)
    return None


@dataclass
class HessianVectorProduct:
    r""":math:`v \mapsto H v` at a point, compiled: ``hvp(v, {w: ..., X: ...})``.

    ``expressions`` are the symbolic products (one per parameter) in the directions ``directions``.
    ``v`` and the result take the structure of ``wrt`` (``layout``), as :func:`~symopt.grad`'s result does: one
    array for one parameter; for a list (or tuple) of parameters a list (tuple) with one array per parameter, for a
    dict a dict keyed like it.  A list of one parameter also takes its one direction bare, and gives it back bare.
    """

    expressions: list
    parameters: list
    directions: list
    inputs: list
    function: Any
    dtype: str
    layout: Any = None  # wrt's structure: None (one parameter), a list, a tuple, or a dict keyed like wrt

    @property
    def source(self) -> str:
        return self.function.source

    def __reduce__(self):
        """Pickled as its expressions as built (:mod:`symopt.faithful_copies`), compiled again on load."""
        expressions = [faithful(e) for e in self.expressions]
        return compiled_hvp, (expressions, self.parameters, self.directions, self.inputs, self.dtype, self.layout)

    def __copy__(self):
        """The product itself: compiled code is never changed (the reduce above, for pickle and deepcopy, handed
        ``copy.copy`` the expressions still wrapped: probe95 P95-2)."""
        return self

    def _takes_structured(self, v) -> bool:
        """Whether ``v`` comes, and the product goes back, in ``wrt``'s structure (a list, tuple or dict of
        directions): always for several parameters; for one parameter given in a list, only where ``v`` is that
        one-entry container (a bare array is the direction itself)."""
        return isinstance(self.layout, (list, tuple, dict)) and (
            len(self.parameters) > 1 or isinstance(v, (list, tuple, Mapping)) and len(v) == 1)

    def __call__(self, v=None, values: Mapping | None = None, /, *more, **named):
        """:math:`Hv` at the point ``values`` (``{symbol or name: value}``, or by keyword as a compiled function
        takes them: ``hv(v, x=0.7, y=-0.4)``; a Variable's initial value where none is given).  The direction and
        the mapping are positional, so a parameter named ``v`` is a keyword like any other."""
        misplaced = [key for key in ("v", "values") if key in named and key not in {str(s) for s in self.inputs}]
        if more:
            raise ConfigurationError(f"hvp: expected the direction and one mapping for the point; given "
                                     f"{2 + len(more)} positional arguments: merge the point into one dict, "
                                     "hv(v, {symbol: value, ...}), or give its values by keyword")
        if misplaced:
            raise ConfigurationError(f"hvp: {misplaced[0]}= is no input of the product; it takes the direction and "
                                     "the point positionally: hv(v, {symbol: value, ...}) or hv(v, name=value, ...)")
        if v is None:
            raise ConfigurationError(f"hvp: expected the direction v, one entry per parameter "
                                     f"({', '.join(map(str, self.parameters))}); call hv(v, {{symbol: value, ...}}) "
                                     "or hv(v, name=value, ...)")
        if values is not None and not isinstance(values, Mapping):
            raise FeedError(f"hvp: expected the point as a dict {{symbol or name: value}}; given "
                            f"{type(values).__name__}")
        structured = self._takes_structured(v)
        vs = self._per_parameter(v) if structured else [v]
        if isinstance(values, Mapping):  # a training dict: symbols the product does not read are ignored (as evaluate)
            values = read_entries(values, self.inputs)
        feed = with_keywords(resolve_feed(values, self.inputs), named, self.inputs, "in the dict", "hvp: inputs")
        for symbol in self.inputs:
            if symbol not in feed and hasattr(symbol, "init"):
                feed[symbol] = symbol.init
        missing = [str(s) for s in self.inputs if s not in feed]
        if missing:
            raise FeedError(f"hvp: missing values for {missing}; pass them in the mapping")
        arguments = [as_value(s, feed[s], self.dtype, np.dtype(self.dtype).type) for s in self.inputs]
        check_fed_data(self.inputs, arguments, "the Hessian-vector product")
        if len(vs) != len(self.directions):
            raise ShapeError(f"hvp: expected one direction per parameter ({len(self.directions)}); given {len(vs)}")
        for d, s, p in zip(vs, self.directions, self.parameters):
            check_direction(d, shape_of_direction(s), p)
        try:
            arguments += [np.asarray(d, dtype=self.dtype).reshape(shape_of_direction(s)) for d, s in
                          zip(vs, self.directions)]
        except (TypeError, ValueError):
            raise FeedError(f"hvp: expected the direction v as numbers (an array or a number per parameter); "
                            f"given {v!r}") from None
        products = [np.asarray(p, dtype=self.dtype).reshape(np.shape(d)) for p, d in zip(self.function(*arguments), vs)]
        return restructure(self.layout, products) if structured else products[0]

    def _per_parameter(self, v) -> list:
        """The directions of ``v`` in the parameters' order: a dict ``v`` by wrt's keys, else in order."""
        if not isinstance(v, Mapping):
            return list(v)
        keys = list(self.layout) if isinstance(self.layout, dict) else self.parameters
        missing = [str(key) for key in keys if key not in v]
        if missing:
            raise ShapeError(f"hvp: expected one direction per parameter, keyed as wrt ({', '.join(map(str, keys))}); "
                             f"given none for {', '.join(missing)}")
        return [v[key] for key in keys]


def check_direction(direction, shape: tuple, parameter) -> None:
    r"""A direction has the parameter's ``shape``, or is flat (``(n,)``, SciPy's ``hessp``; a number for a scalar or a
    (1, 1) parameter), or a column or row of as many entries (one order only); another shape of that size with two
    long axes (the transpose) would be reshaped in C order, neither :math:`Hv` nor :math:`(Hv)^\top`, so it is
    refused."""
    given = np.shape(direction)
    size = int(np.prod(shape))
    if given == shape or (len(given) <= 1 and np.size(direction) == size):
        return
    if np.size(direction) == size and sum(1 for n in given if n > 1) <= 1:
        return  # a column, a row or a (1, 1): its entries in one order only, as a flat direction's
    transposed = len(given) == 2 and given == shape[::-1]
    advice = (f"this is the transpose of {shape}: pass v.T" if transposed else
              f"reshape it to {shape}, or pass the {size} entries flat (shape ({size},)) in row-major order")
    raise ShapeError(f"hvp: the direction for {parameter} should have the parameter's shape {shape} (or be flat, "
                     f"shape ({size},)); given shape {given}. A direction of another shape is not reshaped: {advice}.")


def shape_of_direction(direction) -> tuple:
    return tuple(int(n) for n in direction.shape) if is_matrix(direction) else ()


def unused_name(name: str, expressions, chosen=()) -> str:
    """``name``, or ``name_1``, ``name_2``, ... where a symbol of ``expressions`` or a name in ``chosen`` already has
    it: a direction named like data of the cost (a user's ``v_a`` beside the parameter ``a``) would be taken for that
    data, and two directions of one name (``a``'s, beside that ``v_a``, and ``a_1``'s) would clash."""
    taken = {str(symbol.name) for symbol in free_symbols(expressions)} | set(chosen)
    candidate, count = name, 0
    while candidate in taken:
        count += 1
        candidate = f"{name}_{count}"
    return candidate


def _directions(parameters: list, cost) -> list:
    found = []
    for p in parameters:
        name = unused_name(f"v_{p.name}", [cost], [str(v.name) for v in found])
        if not is_matrix(p):
            found.append(sympy.Symbol(name, real=True))
            continue
        try:
            rows, cols = int(p.shape[0]), int(p.shape[1])
        except TypeError as error:
            raise ShapeError(f"hvp: parameter {p} needs a fixed shape; given {p.shape}") from error
        found.append(MatrixSymbol(name, rows, cols))
    return found


@refusing_unknown_keywords(advice=DEVICE_ADVICE)
@depth_limited("hvp")
def hvp(cost, wrt, *, dtype=None) -> HessianVectorProduct:
    r"""Compiled :math:`Hv = \nabla_\theta \langle \nabla_\theta J, v\rangle` (reverse mode over the gradient); its
    directions and products take the structure of ``wrt`` (:class:`HessianVectorProduct`).  Kept in the compile
    cache: a repeated call (each SciPy restart checks its end point with one) differentiates nothing again."""
    cost = _scalar_cost(cost)
    parameters = resolve_names([cost], wrt)
    declared = tuple(getattr(s, "dtype", None) for s in free_inputs([cost]))  # an attribute a user may reassign
    layout = (type(wrt), tuple(wrt) if isinstance(wrt, (dict, list, tuple)) else wrt)  # names or symbols, as given
    key = ("hvp", cost, tuple(parameters), layout, declared, dtype)  # not the product: its dummies differ per build
    return CACHE.get_or_build(key, lambda: _built_hvp(cost, parameters, wrt, dtype))


def _built_hvp(cost, parameters: list, wrt, dtype) -> HessianVectorProduct:
    with differentiating_as_code():  # as code_gradients differentiates
        gradients = grad(cost, parameters)
        directions = _directions(parameters, cost)
        inner = sympy.Add(*[hadamard_sum(g, v) for g, v in zip(gradients, directions)])
        second = adjoints(inner, parameters)  # zero for a parameter the cost is linear in (3 s: its row of H is 0)
    products = [second[p] for p in parameters]
    inputs = [s for s in free_inputs([cost]) if s not in directions]
    try:
        return compiled_hvp(products, parameters, directions, inputs, infer_dtype(inputs, dtype), _layout(wrt))
    except ConstantRangeError as error:  # review final42a F42a-4: a constant only the Hessian holds
        raise in_the_derivative_of(cost, error) from None


def compiled_hvp(expressions: list, parameters: list, directions: list, inputs: list,
                 dtype: str, layout=None) -> HessianVectorProduct:
    """The :class:`HessianVectorProduct` of ``expressions``, compiled (again, when one is unpickled)."""
    function, _ = compile_expressions(expressions, inputs + directions, dtype=dtype, name="hvp", vectorized=True)
    return HessianVectorProduct(expressions, parameters, directions, inputs, function, dtype, layout)


def _layout(wrt):
    """What :func:`~symopt.wrt.restructure` needs of ``wrt`` (its keys, not a dict's initial values)."""
    if isinstance(wrt, dict):
        return dict.fromkeys(wrt)
    return type(wrt)(wrt) if isinstance(wrt, (list, tuple)) else None


def hadamard_sum(g, v):
    r""":math:`\langle g, v\rangle = \sum_{ij} g_{ij} v_{ij}` (a product for scalars)."""
    if is_matrix(g) or is_matrix(v):
        return ElementSum(hadamard(g, v))
    return g * v


def _constant_sums(entry):
    r"""``entry`` with each sum of a constant matrix, :math:`\sum_{ij} (c\,\mathbb{1}_{r \times k})_{ij}`, written
    :math:`c\,r\,k`: a mean's :math:`1/m` then cancels the :math:`m` rows it summed, so the Hessian of
    :math:`\frac1m\sum_i (x_i - \mu)^2` in :math:`\mu` is 2, not a sum that needs the batch size :math:`m` from
    data it no longer reads (``symopt.evaluate`` of it would have no input to take :math:`m` from)."""
    folded = {}
    for node in nodes_of_type(entry, ElementSum):
        matrix = node.matrix
        factors = list(matrix.args) if isinstance(matrix, MatMul) else [matrix]
        ones = [f for f in factors if isinstance(f, OneMatrix)]
        if len(ones) == 1 and all(f is ones[0] or not is_matrix(f) for f in factors):
            rows, columns = ones[0].shape
            folded[node] = sympy.Mul(*[f for f in factors if f is not ones[0]]) * rows * columns
    return entry.xreplace(folded) if folded else entry


@refusing_unknown_keywords(advice=HESSIAN_ADVICE)
@depth_limited("hessian")
def hessian(cost, wrt):
    r"""Exact :math:`\nabla^2 J`: a ``sympy.ImmutableMatrix`` for scalar parameters; a matrix expression
    for one column-vector parameter when :math:`Hv` is linear in :math:`v` with a matrix coefficient;
    else a compiled :class:`HessianVectorProduct`."""
    cost = _scalar_cost(cost)
    parameters = resolve_names([cost], wrt)
    if not any(is_matrix(p) for p in parameters):
        gradients = grad(cost, parameters)
        # the second derivatives by grad's own rules (d sign = 0 almost everywhere, symbols real), never
        # sympy.diff's (DiracDelta, and re/im terms for a plain SymPy symbol)
        rows = [[_constant_sums(second[parameters[j]]) if j >= i else None for j in range(len(parameters))]
                for i, second in enumerate(adjoints(g, parameters) for g in gradients)]
        return sympy.ImmutableMatrix(len(parameters), len(parameters),
                                     lambda i, j: rows[min(i, j)][max(i, j)])
    if len(parameters) == 1 and parameters[0].shape[1] == 1:
        product = hvp(cost, wrt)
        coefficient = linear_coefficient(product.expressions[0], product.directions[0])
        if coefficient is None:
            coefficient = _plain_coefficient(product.expressions[0], product.directions[0])
        if isinstance(coefficient, MatAdd):  # like terms collected: 2*I, not I + I (probe64 P64-1)
            coefficient = coefficient.doit(deep=False)
        if coefficient is not None:
            return coefficient
        return product
    return hvp(cost, wrt)


def _plain_coefficient(product, v):
    r"""The matrix :math:`A` with ``product`` :math:`= A v` where ``product`` reads :math:`v` through transposes and
    :math:`1 \times 1` factors, as the quadratic form :math:`x^\top A x` gives it
    (:math:`((v\,\mathbb{1})^\top A^\top)^\top + A^\top (\mathbb{1} v^\top)^\top`): transposes moved onto the
    symbols and :math:`1 \times 1` ones dropped (SymPy's ``doit``), then :func:`linear_coefficient`; a product that is
    0 (a linear cost) has the zero matrix.  ``None`` where it is still not :math:`A v`."""
    size = v.shape[0]
    if product == 0 or isinstance(product, ZeroMatrix):
        return ZeroMatrix(size, size)
    if not nodes_of_type(product, Transpose) and not nodes_of_type(product, OneMatrix):
        return None  # nothing doit would move: a logistic loss's elementwise product stays as it is
    coefficient = linear_coefficient(product.doit(), v)
    return None if coefficient is None else coefficient.doit()


def code_hessian(cost, wrt):
    r""":func:`hessian` as generated code computes it (:data:`~symopt.adjoint_rules.CODE_RULES`: the guarded log of
    :math:`\partial_p x^p`, 0 where :math:`x^p` is), for the callers that compile the matrix (``evaluate_hessian``,
    Newton's step, the divergence advice); ``hessian`` itself returns SymPy's expressions."""
    with differentiating_as_code():
        return hessian(cost, wrt)


@refusing_unknown_keywords(advice=DEVICE_ADVICE)
def evaluate_hessian(cost, wrt: Sequence, values: Mapping, *, dtype=None) -> np.ndarray:
    """The Hessian at a point as a NumPy array (flattened parameters; columns of :math:`Hv` when needed)."""
    parameters = resolve_names([_scalar_cost(cost)], wrt)
    result = code_hessian(cost, parameters)
    if isinstance(result, HessianVectorProduct):
        sizes = [int(np.prod(shape_of_direction(d))) or 1 for d in result.directions]
        total = sum(sizes)
        columns = []
        for k in range(total):
            e = np.zeros(total)
            e[k] = 1.0
            pieces = np.split(e, np.cumsum(sizes)[:-1])
            vs = [piece.reshape(shape_of_direction(d)) for piece, d in zip(pieces, result.directions)]
            product = result(vs if len(vs) > 1 else vs[0], values)  # directions in wrt's structure (a list)
            product = product if isinstance(product, (list, tuple)) else (product,)
            columns.append(np.concatenate([np.ravel(p) for p in product]))
        return np.column_stack(columns)
    symbols = free_inputs([result])
    known = resolve_feed(values, sorted(set(free_inputs([_scalar_cost(cost)])) | set(parameters) | set(symbols),
                                        key=str))
    feed = {s: known[s] for s in symbols if s in known}
    dtype = infer_dtype(symbols, dtype)
    function, module = compile_expressions([result], symbols, dtype=dtype, name="hessian")
    arguments = [as_value(s, feed[s], dtype, scalar_type(module, dtype)) for s in symbols]
    return np.asarray(function(*arguments)[0], dtype=float)
