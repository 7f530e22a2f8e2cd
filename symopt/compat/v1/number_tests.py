r"""TF1's tests of floating-point values, ``tf.is_nan``, ``tf.is_inf``, ``tf.is_finite``, and the boolean
reductions ``tf.reduce_any``, ``tf.reduce_all``.

A test is a ``tf.bool`` tensor, 1.0 / 0.0 inside the program like ``tf.equal``: the node :class:`ValueTest`
prints as ``numpy.isnan(X).astype(dtype)``.  (SymPy would simplify the identities that could express them,
``x == x`` or ``x - x``, away.)  Like TF1's, they have no gradient: differentiating through one raises
:class:`~symopt.errors.UnsupportedOperationError` naming the node.  ``reduce_any`` is the maximum of those
values, ``reduce_all`` the minimum.
"""

from __future__ import annotations

from sympy.core.symbol import Str
from sympy.matrices.expressions.matexpr import MatrixExpr

from ...nodes import ElementSum
from . import dtypes
from .array_ops import reduce_max, reduce_min
from .broadcasting import matrix_of
from .graph import Tensor, as_tensor
from .recording import recorded

__all__ = ["ValueTest", "is_nan", "is_inf", "is_finite", "reduce_any", "reduce_all"]

#: TF1's name -> (NumPy's test, TF1's op type).
TESTS = {"is_nan": ("isnan", "IsNan"), "is_inf": ("isinf", "IsInf"), "is_finite": ("isfinite", "IsFinite")}


class ValueTest(MatrixExpr):
    r"""Elementwise :math:`[\,\mathrm{test}(A_{ij})\,]` for a NumPy test (``isnan``, ``isinf``, ``isfinite``):
    1.0 where it holds, 0.0 elsewhere, in the program's dtype."""

    def __new__(cls, matrix, test):
        return MatrixExpr.__new__(cls, matrix, Str(test) if isinstance(test, str) else test)

    @property
    def shape(self):
        return self.args[0].shape

    @property
    def test(self) -> str:
        return self.args[1].name

    def _symopt_code(self, printer) -> str:
        dtype = getattr(printer, "dtype", "float64")
        return f"numpy.{self.test}({printer._print(self.args[0])}).astype({dtype!r})"

    _numpycode = _symopt_code

    def _sympystr(self, printer) -> str:
        return f"{self.test}({printer._print(self.args[0])})"

    def _latex(self, printer) -> str:
        return r"\left[\operatorname{%s}\left(%s\right)\right]" % (self.test, printer._print(self.args[0]))


def _value_test(name: str):
    test, op = TESTS[name]

    @recorded
    def apply(x, name=None) -> Tensor:
        x = as_tensor(x)
        if not x.dtype.is_floating:
            raise TypeError(f"Value passed to parameter 'x' has DataType {x.dtype.name} not in list of allowed "
                            f"values: float16, float32, float64 ({op} of {x.name}; cast it with tf.to_float)")
        if x.ndim == 0:
            return Tensor(ElementSum(ValueTest(matrix_of(x), test)), (), dtypes.bool, name or op)
        return Tensor(ValueTest(x.expr, test), x.shape, dtypes.bool, name or op)
    apply.__name__ = apply.__qualname__ = name
    apply.__doc__ = f"``tf.{name}(x)``: elementwise ``numpy.{test}``, a ``tf.bool`` tensor (no gradient)."
    apply.tf_name = op
    apply.result_dtype = dtypes.bool  # a deferred one's dtype (of a placeholder without a shape), as in TF1
    return apply


is_nan, is_inf, is_finite = (_value_test(name) for name in TESTS)


def _boolean_reduction(reduce, op: str):
    @recorded
    def apply(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None):
        x = as_tensor(input_tensor)
        if x.dtype != dtypes.bool:
            raise TypeError(f"Value passed to parameter 'input' has DataType {x.dtype.name} not in list of allowed "
                            f"values: bool ({op} of {x.name})")
        as_float = Tensor(x.expr, x.shape, dtypes.float32, "Cast")
        result = reduce(as_float, axis=axis, keepdims=keepdims, name=name or op, reduction_indices=reduction_indices,
                        keep_dims=keep_dims)
        return Tensor(result.expr, result.shape, dtypes.bool, result.op_name, exact_name=True)
    apply.tf_name = op
    apply.result_dtype = dtypes.bool
    return apply


reduce_any = _boolean_reduction(reduce_max, "Any")
reduce_any.__name__ = reduce_any.__qualname__ = "reduce_any"
reduce_any.__doc__ = "``tf.reduce_any``: logical or over ``axis`` (as :func:`reduce_max` of the 1.0 / 0.0 values)."
reduce_all = _boolean_reduction(reduce_min, "All")
reduce_all.__name__ = reduce_all.__qualname__ = "reduce_all"
reduce_all.__doc__ = "``tf.reduce_all``: logical and over ``axis`` (as :func:`reduce_min` of the 1.0 / 0.0 values)."
