r"""symopt's own expression nodes, for what SymPy has no matrix-level node for.

* :class:`ElementSum` — :math:`\sum_{ij} A_{ij}`, a scalar.
* :class:`LogSumExp` — :math:`\log \sum_i e^{A_{ij}}` along one axis, printed in the
  stable form :math:`c + \log\sum_i e^{A_{ij}-c}` with :math:`c = \max_i A_{ij}`.

They never simplify themselves away (``cse`` rebuilds nodes with fresh symbols).
Small constructors (:func:`matmul`, :func:`matadd`, :func:`hadamard`, ...) build
SymPy matrix nodes *without* SymPy's canonicalization, which would otherwise
distribute transposes and scalars and lose shared subexpressions.
"""

from __future__ import annotations

import sympy
from sympy.core.symbol import Str
from sympy.printing.precedence import PRECEDENCE, PRECEDENCE_TRADITIONAL
from sympy import (HadamardPower, HadamardProduct, Identity, MatAdd, MatMul, MatrixExpr, OneMatrix, Transpose,
                   ZeroMatrix)
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from .errors import ShapeError
from .grouped_products import GroupedProduct
from .traversal import hash_bottom_up, hash_new_nodes, postorder as identity_postorder

__all__ = ["ElementSum", "AxisReduction", "LogSumExp", "matmul", "matadd", "hadamard", "transpose", "scale",
           "elementwise", "Elementwise", "lambda_parts", "power", "divisions", "is_zero", "zero_like", "postorder",
           "lift_matrix_functions"]


class ElementSum(sympy.Expr):
    r"""Sum of all entries of a matrix expression: :math:`\sum_{ij} A_{ij}` (a scalar)."""

    is_commutative = True

    def __new__(cls, matrix):
        if isinstance(matrix, sympy.MatrixBase):  # a mutable sympy.Matrix cannot be hashed (probe57 P57-1)
            matrix = sympy.ImmutableMatrix(matrix)
        hash_new_nodes(matrix)  # scalar arithmetic hashes its operands: SymPy's first hash of a deep one recurses
        return sympy.Expr.__new__(cls, matrix)

    @property
    def matrix(self):
        return self.args[0]

    def _eval_is_extended_real(self):  # symopt's matrices hold real numbers
        return True

    def _latex(self, printer):
        r"""``\sum_{i,j} (A)_{ij}``; raised to a power, in parentheses: :math:`(\sum_{i,j} A_{ij})^{2}`.

        SymPy's LaTeX printer would write the base of ``sum(A)**2`` bare, :math:`\sum A^{2}`; the sum binds
        like a product in LaTeX, as SymPy's own ``Sum`` does (its table of traditional precedences, below;
        not ``is_Function``, which ``count_ops`` and so the order of terms read)."""
        return r"\sum_{i,j} \left(%s\right)_{ij}" % printer._print(self.matrix)

    def _sympystr(self, printer):
        return "sum(%s)" % printer._print(self.matrix)


PRECEDENCE_TRADITIONAL[ElementSum.__name__] = PRECEDENCE["Mul"]  # as SymPy's Sum: (Σ A)² in LaTeX, sum(A)² in text


class AxisReduction(MatrixExpr):
    """A matrix reduced along ``axis`` with dimensions kept: shape ``(1, n)`` for axis 0, ``(m, 1)`` for axis 1."""

    def __new__(cls, matrix, axis):
        return MatrixExpr.__new__(cls, matrix, sympy.Integer(axis))

    @property
    def matrix(self):
        return self.args[0]

    @property
    def axis(self) -> int:
        return int(self.args[1])

    @property
    def shape(self):
        rows, cols = self.matrix.shape
        return (sympy.Integer(1), cols) if self.axis == 0 else (rows, sympy.Integer(1))


class LogSumExp(AxisReduction):
    r"""Log-sum-exp along ``axis``: :math:`\mathrm{LSE}(A)_j = \log \sum_i e^{A_{ij}}`; its adjoint is the softmax."""

    def _entry(self, i, j, **kwargs):
        """Entry ``(i, j)`` as an element of the whole reduction (``softmax(W)[0, 1]``, probe85 P85-1), which the
        printers compute as one node (a stable log-sum-exp); SymPy's own ``_entry`` raises ``NotImplementedError``."""
        return sympy.matrices.expressions.matexpr.MatrixElement(self, i, j)

    def _latex(self, printer):
        return r"\operatorname{LSE}_{%d}\left(%s\right)" % (self.axis, printer._print(self.matrix))

    def _sympystr(self, printer):
        return "logsumexp(%s, axis=%d)" % (printer._print(self.matrix), self.axis)


def zero_like(expression):
    """The exact zero of ``expression``'s shape: a ``ZeroMatrix`` for a matrix, ``0`` for a scalar."""
    return ZeroMatrix(*expression.shape) if getattr(expression, "is_Matrix", False) else sympy.S.Zero


def is_zero(expr) -> bool:
    """True for exact zeros, scalar or matrix."""
    return isinstance(expr, ZeroMatrix) or expr == 0


def matmul(*factors):
    """Matrix product that keeps its factors as given; nested products are flattened (but a product the user
    grouped, :class:`~symopt.grouped_products.GroupedProduct`) and identity factors dropped (:math:`IA = A`)."""
    coefficient, matrices = sympy.S.One, []
    for factor in factors:
        if isinstance(factor, MatMul) and not isinstance(factor, GroupedProduct):
            inner_coefficient, inner = factor.as_coeff_matrices()
            coefficient *= inner_coefficient
            matrices.extend(inner)
        elif getattr(factor, "is_Matrix", False):
            matrices.append(factor)
        else:
            coefficient *= factor
    if len(matrices) > 1:  # I A = A I = A: an identity factor beside another matrix drops out
        matrices = [m for m in matrices if not isinstance(m, Identity)] or matrices[:1]
    matrices = _merge_ones(matrices)
    if isinstance(matrices, tuple):
        coefficient, matrices = coefficient * matrices[0], matrices[1]
    if coefficient == 1 and len(matrices) == 1:
        return matrices[0]
    return MatMul(*([] if coefficient == 1 else [coefficient]), *matrices)


def _merge_ones(matrices):
    """``1_{a x b} 1_{b x c} = b 1_{a x c}``; returns the list, or (factor, list) when merged."""
    merged, factor = [], sympy.S.One
    for matrix in matrices:
        if merged and isinstance(matrix, OneMatrix) and isinstance(merged[-1], OneMatrix):
            previous = merged.pop()
            factor *= previous.shape[1]
            matrix = OneMatrix(previous.shape[0], matrix.shape[1])
        merged.append(matrix)
    return merged if factor == 1 else (factor, merged)


def scale(coefficient, matrix):
    """``coefficient * matrix`` for a scalar coefficient."""
    return matmul(coefficient, matrix)


def _split_coefficient(matrix):
    if isinstance(matrix, MatMul):
        coefficient, matrices = matrix.as_coeff_matrices()
        return coefficient, matmul(*matrices)
    return sympy.S.One, matrix


def matadd(*terms):
    """Sum of matrices; a symbolic factor common to every term is pulled out: ``c A - c B = c (A - B)``."""
    terms = [t for t in terms if not is_zero(t)]
    if not terms:
        raise ValueError("matadd needs at least one non-zero term")
    if len(terms) == 1:
        return terms[0]
    split = [_split_coefficient(t) for t in terms]
    parts = [coefficient.as_coeff_Mul() for coefficient, _ in split]
    common = parts[0][1]
    if common != 1 and all(rest == common for _, rest in parts):
        return scale(common, MatAdd(*(scale(number, matrix) for (number, _), (_, matrix) in zip(parts, split))))
    return MatAdd(*terms)


def hadamard(*factors):
    """Elementwise product; all-ones factors (``c * OneMatrix``) become a scalar coefficient."""
    shapes = [tuple(map(sympy.sympify, f.shape)) for f in factors if getattr(f, "is_Matrix", False)]
    if any(a != b and a.is_number and b.is_number for shape in shapes for a, b in zip(shape, shapes[0])):
        raise ShapeError(f"elementwise product of matrices of shapes {', '.join(map(str, shapes))}: the shapes must "
                         "be equal (labels and logits of one shape, a bias through symopt.ops.bias_add)")
    coefficient, kept = sympy.S.One, []
    for factor in factors:
        scalar, matrix = _split_coefficient(factor)
        if isinstance(matrix, OneMatrix):
            coefficient *= scalar
        else:
            kept.append(factor)
    if not kept:
        return scale(coefficient, factors[0] if isinstance(factors[0], OneMatrix) else _split_coefficient(factors[0])[1])
    product = kept[0] if len(kept) == 1 else HadamardProduct(*kept)
    return scale(coefficient, product)


def transpose(matrix):
    """Transpose, with ``(A.T).T = A`` and ones/zeros transposed in place."""
    if isinstance(matrix, Transpose):
        return matrix.arg
    if isinstance(matrix, (OneMatrix, ZeroMatrix)):
        return type(matrix)(matrix.shape[1], matrix.shape[0])
    if matrix.shape == (1, 1) and isinstance(matrix, OneMatrix):
        return matrix
    return Transpose(matrix)


def lambda_parts(function) -> tuple:
    """``(variable, body)`` of a one-argument Lambda; SymPy turns ``Lambda(x, x)`` into an argument-less
    ``IdentityFunction``, which is ``(x, x)`` here."""
    if function.args:
        (variable,), body = function.args
        return variable, body
    variable = sympy.Dummy("x", real=True)
    return variable, variable


class _Shown(sympy.Expr):
    """Stands for an already-printed argument inside a function body, binding as tightly as it did."""

    def __new__(cls, text: str, binding: int):
        return sympy.Expr.__new__(cls, Str(text), sympy.Integer(binding))

    @property
    def text(self) -> str:
        return self.args[0].name

    @property
    def precedence(self) -> int:
        return int(self.args[1])

    def _sympystr(self, printer):
        return self.text

    _latex = _sympystr


class Elementwise(ElementwiseApplyFunction):
    """``f.(A)``: a scalar function applied to every entry, printed as ``f(A)`` (``σ(XW)`` in LaTeX)."""

    def __new__(cls, function, matrix):
        """Always the node, a (1, 1) matrix included: SymPy's constructor calls ``f(A)`` on a (1, 1) ``A``
        first, which rewrites ``Abs(2 A B)`` as a product of matrix ``Abs`` calls (no value, no gradient)."""
        if not isinstance(function, sympy.Lambda) or not getattr(matrix, "is_Matrix", False):
            return super().__new__(cls, function, matrix)
        return sympy.MatrixExpr.__new__(cls, function, matrix)

    def doit(self, **hints):
        """SymPy's ``doit`` (run by every matrix ``+``) composes ``f.(g.(A))`` into ``(f∘g).(A)`` through the
        base class, whose (1, 1) shortcut calls ``f∘g`` on the matrix itself; the composition stays this class."""
        inner = self.expr.doit(**hints) if hints.get("deep", True) else self.expr
        if isinstance(inner, ElementwiseApplyFunction) and not isinstance(inner.expr, sympy.MatrixBase):
            dummy = sympy.Dummy("x", real=True)
            composed = sympy.Lambda(dummy, self.function(inner.function(dummy)))
            return Elementwise(composed, inner.expr).doit(**{**hints, "deep": False})
        node = self if inner is self.expr else Elementwise(self.function, inner)
        # the operand is done: the base class must not do it again (twice per layer was 2**depth for a deep chain)
        return super(Elementwise, node).doit(**{**hints, "deep": False})

    @property
    def precedence(self) -> int:
        """A call binds like an atom; a body such as ``1 - tanh(A)**2`` binds like its top operation."""
        from sympy.printing.precedence import PRECEDENCE, precedence
        dummy, body = lambda_parts(self.function)
        if body.is_Pow and body.exp.is_negative:  # printed as a division, 1/(1 + x): binds like a product
            return PRECEDENCE["Mul"]
        return PRECEDENCE["Atom"] if body.args == (dummy,) else precedence(body)

    def _shown(self, printer):
        dummy, body = lambda_parts(self.function)
        return self._body_around(printer, body, dummy, printer._print(self.expr))

    def _body_around(self, printer, body, dummy, argument_text: str) -> str:
        """The printed ``body`` with ``dummy`` standing for the argument's printed text (printed once)."""
        from sympy.printing.precedence import precedence
        argument = _Shown(argument_text, precedence(self.expr))
        with sympy.evaluate(False):  # Max/Min would compare the stand-in with numbers
            shown = body.xreplace({dummy: argument})
        return printer._print(shown)

    _sympystr = _shown

    def _latex(self, printer):
        r"""Like ``_shown``; a negated sum keeps its parentheses: :math:`\sigma(-(XW + b))`, :math:`1 - (XW + b)`.

        SymPy's LaTeX printer brackets a factor by its type (``is_Add``), not by its precedence, so a
        stand-in for a sum that is negated alone would be printed bare. The argument is printed once
        (twice per level would be :math:`2^{depth}` for a deep network)."""
        from sympy.printing.precedence import PRECEDENCE, precedence
        dummy, body = lambda_parts(self.function)
        text = printer._print(self.expr)
        if precedence(self.expr) < PRECEDENCE["Mul"]:
            bracketed = _Shown(r"\left(%s\right)" % text, PRECEDENCE["Atom"])
            with sympy.evaluate(False):
                body = body.xreplace({-dummy: -bracketed})
        return self._body_around(printer, body, dummy, text)


def elementwise(function, matrix):
    """Apply a scalar function (a callable on SymPy scalars) to each entry: ``f.(A)``."""
    dummy = sympy.Dummy("x", real=True)
    return Elementwise(sympy.Lambda(dummy, function(dummy)), matrix)


def power(matrix, exponent):
    """Elementwise power :math:`A^{\\circ p}`."""
    if exponent == 1:
        return matrix
    return HadamardPower(matrix, exponent)


def divisions(factor) -> int:
    r"""How often an elementwise product divides by the base of ``factor``: once for :math:`B^{\circ -1}`, twice for
    :math:`B^{\circ -2}` (a quotient's gradient, TF1's ``(-a / b) / b``: :math:`B \circ B` overflows first), else 0."""
    if isinstance(factor, sympy.HadamardPower) and factor.exp in (-1, -2):
        return -int(factor.exp)
    return 0


def postorder(root) -> list:
    """Every distinct node of ``root`` (``args`` followed down), children before parents, each once.

    Iterative and keyed by SymPy's structural equality, so a DAG with shared subexpressions costs
    its number of distinct nodes, never the size of the unfolded tree.  Nodes are hashed children first
    (SymPy's hash of a deep node is recursive and cached).
    """
    order = identity_postorder([root])
    hash_bottom_up(order)
    return list(dict.fromkeys(order))


def _matrix_call(node) -> bool:
    return isinstance(node, sympy.Function) and any(getattr(a, "is_Matrix", False) for a in node.args)


def _lift(call):
    matrices = [a for a in call.args if getattr(a, "is_Matrix", False)]
    if len(matrices) != 1:
        raise ShapeError(f"{call.func.__name__} of {len(matrices)} matrices ({call}): expected one matrix and "
                         "scalars; apply the function to one matrix at a time")
    matrix = matrices[0]
    dummy = sympy.Dummy("x", real=True)
    return Elementwise(sympy.Lambda(dummy, call.func(*(dummy if a is matrix else a for a in call.args))), matrix)


def lift_matrix_functions(expr):
    r"""A scalar function applied to a matrix means the elementwise function, as in NumPy:
    ``sympy.tanh(X @ W)`` becomes :math:`\tanh.(XW)` (``ops.tanh(X @ W)``).

    SymPy builds ``tanh(X*W)`` as a scalar function with a non-commutative argument, which nothing
    downstream can differentiate; ``exp``/``log`` here are elementwise, never the matrix exponential
    or logarithm.  Expressions without such calls are returned unchanged.
    """
    order = postorder(expr)
    if not any(_matrix_call(node) for node in order):
        return expr
    rebuilt: dict = {}
    for node in order:
        args = tuple(rebuilt.get(a, a) for a in node.args)
        try:
            new = node if args == node.args else node.func(*args)
        except TypeError as error:  # SymPy: "Mix of Matrix and Scalar symbols"
            raise ShapeError(f"{node} mixes a matrix with scalars after reading a function of a matrix "
                             f"elementwise ({error}); reduce the matrix first (symopt.ops.sum) or use "
                             "symopt.ops.bias_add to add a vector") from None
        rebuilt[node] = _lift(new) if _matrix_call(new) else new
    return rebuilt[expr]
