r"""TF1's integer kernels leave every result in its dtype: a sum, difference, product, negation, power, absolute
value, reduction or cast between integers that overflows wraps around, two's complement, at once (probe18 G6:
``tf.cast(img + 100, tf.float32)`` of a uint8 ``img`` of 200 is 44.0, ``ids + 1 > 0`` is false for int32's largest
``ids``), so the next op reads the wrapped value.

One rule, :func:`integer_value`, applied where such an op makes its value: for a dtype of at most 32 bits the
value is :class:`wrapped_integer`, :math:`((x - l) \bmod s) + l` for the dtype's lowest value :math:`l` and the size
:math:`s` of its range, folded exactly where :math:`x` is a constant.  The program computes it in int64 where
:math:`x` is an integer array (a product of two int32 values is exact in int64, and int64's own wrapping keeps the
low 32 bits) and in float64 otherwise (nan and infinities stay as they are, so an integer division by zero is still
TF1's error when fetched).  64-bit integers wrap in NumPy's own int64 (or are refused past :math:`2^{53}`:
:mod:`~symopt.compat.v1.wide_integer_checks`); float programs never meet this rule.  Shape arithmetic
(``tf.shape(x)[0] + 1``) is not wrapped: the batch size is far below :math:`2^{31}`.
"""

from __future__ import annotations

import sympy

from ...nodes import elementwise, lambda_parts
from ...symbols import BATCH, is_matrix
from . import dtypes as _dtypes

__all__ = ["wrapped_integer", "in_int64", "integer_value", "exact_factor", "wrap_range"]


def wrap_range(dtype: _dtypes.DType) -> tuple[int, int] | None:
    """``(lowest value, size of the range)`` of an integer dtype of at most 32 bits (whose values the program wraps
    itself); None for any other dtype."""
    if not dtype.is_integer or dtype.max > 2 ** 32:
        return None
    return int(dtype.min), int(dtype.max) - int(dtype.min) + 1


class _IntegerFunction(sympy.Function):
    """An integer-valued function of an integer :math:`x` (its first argument), printed by ``_code(printer, x,
    module)``; no derivative (an integer has none in TF1)."""

    def fdiff(self, argindex=1):
        return sympy.S.Zero

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_is_integer(self):
        return self.args[0].is_integer

    def _symopt_code(self, printer) -> str:
        if getattr(printer, "module", None) == "jax":
            return self._jax_code(printer._print(self.args[0]))
        return self._code(printer._print(self.args[0]), getattr(printer, "matrix_module", "numpy"))

    def _jax_code(self, value: str) -> str:
        """The form in a JAX step (whose printer turns ``numpy.`` into ``jnp.``): the NumPy one, unless the
        function says otherwise."""
        return self._code(value, "numpy")

    _numpycode = _symopt_code


class wrapped_integer(_IntegerFunction):  # noqa: N801 - printed as a function call, like SymPy's own functions
    r""":math:`((x - l) \bmod s) + l`: the integer :math:`x` wrapped around into :math:`[l, l + s)`,
    ``wrapped_integer(x, low, size)``."""

    nargs = 3

    @classmethod
    def eval(cls, x, low, size):
        if isinstance(x, wrapped_integer) and x.args[1:] == (low, size):
            return x
        if x.is_number and not isinstance(x, sympy.Number):
            x = x.evalf(80)  # an op of constants (abs(-2**31)): its exact value, enough digits for 64-bit products
        if isinstance(x, sympy.Integer) or (isinstance(x, sympy.Float) and x.is_finite and float(x).is_integer()):
            return sympy.Integer((int(x) - int(low)) % int(size) + int(low))
        return None

    def _code(self, value: str, module: str) -> str:
        low, size = (int(a) for a in self.args[1:])  # the int64 scalars keep an integer array exact (int8 - int64
        shifted = f"{value} - {module}.int64({low})" if low else value  # is int64, where a Python int overflows)
        text = f"{module}.mod({shifted}, {module}.int64({size}))"
        return f"({text} + {module}.int64({low}))" if low else text

    def _jax_code(self, value: str) -> str:
        """In a JAX step, :func:`symopt.runtime.wrapped_integer`: the value in the integer dtype itself (JAX sums an
        integer with a float constant in float32, where the int64 shift by :math:`l` lost the low bits and read
        ``ids + 1`` as 0, and has no int64 without 64-bit mode: probe31 P31-4)."""
        low, size = (int(a) for a in self.args[1:])
        dtype = f"{'u' if low == 0 else ''}int{size.bit_length() - 1}"
        return f"wrapped_integer({value}, {low}, {size}, {dtype!r})"

    def _latex(self, printer, exp=None):
        low, size = (int(a) for a in self.args[1:])
        return r"\left(%s\right) \bmod_{[%d, %d)}" % (printer._print(self.args[0]), low, low + size)


class in_int64(_IntegerFunction):  # noqa: N801 - printed as a function call, like SymPy's own functions
    r"""The integer :math:`x` computed in int64 from here on: a factor of a product of integers of at most 32 bits,
    whose exact value (up to :math:`2^{64}`) float64 would round past :math:`2^{53}` (``ids * 1103515245``)."""

    nargs = 1

    @classmethod
    def eval(cls, x):
        if isinstance(x, (sympy.Integer, in_int64)):
            return x
        return None

    def _code(self, value: str, module: str) -> str:
        return f"{module}.asarray({value}, dtype='int64')"

    def _latex(self, printer, exp=None):
        return r"\operatorname{int64}\left(%s\right)" % printer._print(self.args[0])


def exact_factor(expr, dtype: _dtypes.DType):
    """A factor ``expr`` (scalar or matrix) of a product of ``dtype``, in int64 where ``dtype`` has at most 32 bits
    (:class:`in_int64`); as it is otherwise, and where it divides (an integer quotient by zero is nan, TF1's error
    when fetched, which int64 would lose) or is None (a scalar operand's matrix)."""
    if expr is None or wrap_range(dtype) is None or _shape_arithmetic(expr) or _divides(expr):
        return expr
    return elementwise(in_int64, expr) if is_matrix(expr) else in_int64(expr)  # constants fold: integer_value


def _divides(expr) -> bool:
    """Whether ``expr`` holds a quotient (a negative power) or a floor, whose value may be nan or infinite."""
    return any(isinstance(node, (sympy.Pow, sympy.HadamardPower)) and node.args[1].is_negative
               or isinstance(node, sympy.floor) for node in sympy.preorder_traversal(expr))


def integer_value(expr, dtype: _dtypes.DType):
    """``expr``, the value an integer op of ``dtype`` made, as its dtype holds it (:class:`wrapped_integer` of each
    entry for a dtype of at most 32 bits; a constant matrix folded); every other dtype's expression as it is."""
    bounds = wrap_range(dtype)
    if bounds is None or expr is None or _shape_arithmetic(expr):
        return expr
    low, size = (sympy.Integer(b) for b in bounds)
    if not is_matrix(expr):
        return wrapped_integer(expr, low, size)
    if _wrapped_matrix(expr, low, size):
        return expr
    folded = _folded(expr, low, size)
    if folded is not None:
        return folded
    return elementwise(lambda v: wrapped_integer(v, low, size), expr)


def _folded(expr, low, size):
    """The constant matrix ``expr`` wrapped, entry by entry, where SymPy folds every entry to an integer (TF1's
    kernel on constants, exactly); None otherwise."""
    if expr.free_symbols:
        return None
    try:
        folded = expr.as_explicit().applyfunc(lambda v: wrapped_integer(v, low, size))
    except NotImplementedError:  # a node SymPy cannot index (Equal)
        return None
    return sympy.ImmutableMatrix(folded) if all(isinstance(v, sympy.Integer) for v in folded) else None


def _shape_arithmetic(expr) -> bool:
    """Whether ``expr``'s value reads the batch size (``tf.shape(x)[0] + 1``, ``tf.shape(x) * 2``), where a batch
    tensor's only reads it as its number of rows."""
    explicit = not is_matrix(expr) or isinstance(expr, sympy.ImmutableMatrix)
    return explicit and BATCH in expr.free_symbols


def _wrapped_matrix(expr, low, size) -> bool:
    """Whether ``expr`` is already an elementwise :class:`wrapped_integer` of these bounds."""
    function = getattr(expr, "function", None)
    if function is None:
        return False
    _, body = lambda_parts(function)
    return isinstance(body, wrapped_integer) and body.args[1:] == (low, size)
