r"""Helpers that generated code calls, kept tiny so the generated source stays readable.

Each is the numerically stable form of its formula.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import math
import operator
import warnings

import numpy

from .errors import ShapeError
from .layouts import transposed_product_pays

__all__ = ["placed_sum", "scatter_rows", "wrapped_integer", "adjugate", "inverse", "sigmoid", "logsumexp", "softplus", "heaviside", "erf", "erfc", "gamma", "loggamma", "log_gamma",
           "logistic_loss", "softmax", "log_softmax", "log_softmax_and_softmax", "select",
           "batch_rows", "batch_entry", "place", "float_max", "float_min", "float_sign",
           "float_heaviside", "transposed_matmul"]

_ERF = numpy.frompyfunc(math.erf, 1, 1)
_ERFC = numpy.frompyfunc(math.erfc, 1, 1)


def sigmoid(x):
    r""":math:`\sigma(x) = 1/(1+e^{-x})`, as written: the fastest stable form in float32 and float64.

    Where :math:`e^{-x}` overflows (:math:`x < -709` in float64, :math:`x < -88` in float32) the
    quotient is exactly 0, the true value rounded (a subnormal at most), so the overflow warning is
    silenced; in the right tail :math:`1/(1+\epsilon)` rounds to 1. Relative accuracy is a few ulp
    in both tails down to that point. (``exp(-logaddexp(0, -x))`` is as accurate but NumPy's
    ``logaddexp`` is 10-20x slower.)"""
    with numpy.errstate(over="ignore"):
        return 1 / (1 + numpy.exp(-x))


def softplus(x):
    r""":math:`\log(1+e^{x})` as ``logaddexp(0, x)`` (finite for large :math:`|x|`)."""
    return numpy.logaddexp(0, x)


def heaviside(x):
    r"""Heaviside :math:`H(x)` with :math:`H(0)=0`, in the dtype of ``x`` (float64 for integers); 0 at NaN, as an
    ordered comparison with NaN is false (``numpy.heaviside``, which takes the value at 0 as a second argument, gives
    NaN there, which a TF1 comparison read as true)."""
    return numpy.greater(x, 0).astype(numpy.result_type(numpy.asarray(x).dtype, numpy.float32))


def _fold(values: tuple, replaces) -> float:
    """``values`` folded as NumPy's ``maximum`` / ``minimum`` fold them: NaN when any is NaN, else the running
    result replaced by each value for which ``replaces(value, result)`` (``>=`` / ``<=``: of equal values, the later)."""
    result = values[0]
    if result != result:
        return math.nan
    for value in values[1:]:
        if value != value:
            return math.nan
        if replaces(value, result):
            result = value
    return result


def float_max(*values: float) -> float:
    """``max`` of Python floats as NumPy's ``maximum``: NaN when any is NaN, of equal values the later one
    (``numpy.maximum(0.0, -0.0)`` is -0.0; the builtin keeps the first, and ``max(0.0, nan)`` is 0.0)."""
    return _fold(values, operator.ge)


def float_min(*values: float) -> float:
    """``min`` of Python floats as NumPy's ``minimum``: NaN when any is NaN, of equal values the later one."""
    return _fold(values, operator.le)


def float_sign(x: float) -> float:
    r""":math:`\operatorname{sign}(x)` of a Python float: -1.0, 0.0 or 1.0, NaN at NaN (as ``numpy.sign``)."""
    return x if x != x else (math.copysign(1.0, x) if x else 0.0)


def float_heaviside(x: float, at_zero: float) -> float:
    """Heaviside :math:`H(x)` of a Python float with :math:`H(0)` = ``at_zero``, NaN at NaN (as ``numpy.heaviside``)."""
    return 1.0 if x > 0 else (at_zero if x == 0 else (0.0 if x < 0 else x))


def logsumexp(a, axis):
    r""":math:`c + \log\sum e^{a-c}` with :math:`c=\max a` along ``axis`` (keepdims), finite at logits of ±1000."""
    top = a.max(axis=axis, keepdims=True)
    return top + numpy.log(numpy.exp(a - top).sum(axis=axis, keepdims=True))


def transposed_matmul(a, delta):
    r""":math:`A^T \Delta`, row-major as ``a.T @ delta`` returns it, with the same bits: handed to the BLAS as
    :math:`(\Delta^T A)^T` and copied where :func:`symopt.layouts.transposed_product_pays` measured that faster for
    these shapes (a weight's gradient over a large batch: OpenBLAS's one kernel for both is faster that way round)."""
    if a.dtype == delta.dtype and a.dtype.kind == "f" and a.ndim == delta.ndim == 2 and a.flags.c_contiguous \
            and delta.flags.c_contiguous and transposed_product_pays(a.shape[0], a.shape[1], delta.shape[1], a.dtype):
        return numpy.ascontiguousarray((delta.T @ a).T)
    return a.T @ delta


def batch_rows(a, start, stop, step):
    r"""Rows ``start:stop:step`` of a batch ``a`` (any array module): refused where the batch has fewer than ``stop``
    rows, where Python's slice would quietly give fewer (``X[4]`` of 4 examples was an empty row)."""
    if stop > a.shape[0]:
        raise ShapeError(f"rows {start}:{stop} of a batch of {a.shape[0]} examples: the data has no row {stop - 1}; "
                         "feed more examples or index a row that exists")
    return a[start:stop:step]


def batch_entry(a, row, column):
    """Entry ``a[row, column]`` of a batch ``a``, a negative ``row`` counting from the last example (``X[-1, 0]``): a
    row the batch lacks is a ShapeError naming it (``X[9, 0]`` or ``X[-6, 0]`` of 5 examples), not NumPy's
    IndexError."""
    if row < 0:
        if row + a.shape[0] < 0:
            raise ShapeError(f"row {row} of a batch of {a.shape[0]} examples: the data has no such row (a negative "
                             "row counts from the last example); feed more examples or index a row that exists")
        row += a.shape[0]
    return batch_rows(a, row, row + 1, 1)[0, column]


def place(value, shape, rows, cols):
    r"""A zero array of ``shape`` holding ``value`` at ``[rows, cols]`` (each ``(start, stop, step)``, or None for
    the whole axis): :math:`R^\top V C^\top`, the adjoint of a slice, in memory linear in ``shape`` (the product
    with identity blocks it replaces built a k x n ``eye``)."""
    out = numpy.zeros(shape, dtype=numpy.result_type(value))
    out[slice(*rows) if rows else slice(None), slice(*cols) if cols else slice(None)] = value
    return out


def placed_sum(shape, *pieces):
    r""":math:`\sum_i R_i^\top V_i C_i^\top`, the sum of :func:`place` of each ``(value, rows, cols)`` piece, in one
    zero array with each value added into its slice: no zero array per piece (Rosenbrock's ``x[1:]``, ``x[:-1]``).
    The same numbers as ``place(...) + place(...)`` but for signed zeros: an entry that every piece covers with
    ``-0.0`` is ``+0.0`` here (as hand NumPy's ``g[1:] += v`` gives it), ``-0.0`` in the sum of placed arrays."""
    out = numpy.zeros(shape, dtype=numpy.result_type(*(value for value, _, _ in pieces)))
    for value, rows, cols in pieces:
        out[slice(*rows) if rows else slice(None), slice(*cols) if cols else slice(None)] += value
    return out


def scatter_rows(values, indices, depth: int, xp=numpy):
    r"""A ``depth x d`` zero matrix with each row of ``values`` added to the row its index names (a repeated index
    adds up): :math:`O^\top V` for the one-hot rows :math:`O` of ``indices``, the gradient of a gather (TF1's
    scatter-add), without the product's :math:`0 \cdot \infty = \mathrm{NaN}` in rows not named.  ``xp``:
    ``numpy`` or ``jax.numpy``."""
    values = xp.asarray(values)
    zeros = xp.zeros((depth, values.shape[1]), dtype=values.dtype)
    if xp is numpy:
        numpy.add.at(zeros, indices, values)
        return zeros
    return zeros.at[indices].add(values)


def wrapped_integer(x, low: int, size: int, dtype: str, xp=numpy):
    r"""The integers ``x`` in the integer ``dtype`` of range :math:`[l, l + s)`, wrapped around as two's complement:
    an integer array converts (a conversion between integers keeps the low bits); an array of integral floats (a sum
    with a float constant) keeps its values in the range and wraps the others, :math:`((x - l) \bmod s) + l`, before
    converting (shifting every value by :math:`l` would lose a float32's low bits).  ``xp``: ``numpy`` or
    ``jax.numpy`` (the JAX step's form of :class:`symopt.compat.v1.integer_wraps.wrapped_integer`)."""
    x = xp.asarray(x)
    if xp.issubdtype(x.dtype, xp.integer):
        return x.astype(dtype)
    low, size = float(low), float(size)  # floats: JAX reads a Python int argument as int32, where 2**32 overflows
    outside = (x < low) | (x >= low + size)
    return xp.where(outside, xp.mod(x - low, size) + low, x).astype(dtype)


def adjugate(a, xp=numpy):
    r""":math:`\operatorname{adj}(A)` (:class:`symopt.adjugate.Adjugate`), finite where :math:`A` is singular:
    from :math:`A = U \Sigma V^\top`, :math:`\det(U)\det(V)\, V \operatorname{diag}(\prod_{j \ne i}\sigma_j)\, U^\top`
    (each :math:`\prod_{j \ne i}` from prefix and suffix products, no division); a 2 x 2 one exactly.  ``xp``: ``numpy`` or ``jax.numpy``."""
    if a.shape[-1] == 1:
        return xp.ones_like(a)
    if a.shape[-1] == 2:  # exact: [[d, -b], [-c, a]]
        return xp.stack([xp.stack([a[1, 1], -a[0, 1]]), xp.stack([-a[1, 0], a[0, 0]])])
    u, s, vh = xp.linalg.svd(a)
    one = xp.ones_like(s[:1])
    before = xp.cumprod(xp.concatenate([one, s[:-1]]))
    after = xp.cumprod(xp.concatenate([one, s[::-1][:-1]]))[::-1]
    return (xp.linalg.det(u) * xp.linalg.det(vh)) * ((vh.T * (before * after)) @ u.T)


def inverse(a):
    r""":math:`A^{-1}`; where :math:`A` is singular, NaN entries, reported as NumPy reports an invalid value
    (``numpy.geterr()["invalid"]``: a ``RuntimeWarning`` by default, nothing inside ``minimize``, which reports the
    non-finite cost, a ``FloatingPointError`` under ``numpy.seterr(invalid="raise")``), as IEEE arithmetic and the JAX
    backend give, where NumPy raises ``LinAlgError``."""
    try:
        return numpy.linalg.inv(a)
    except numpy.linalg.LinAlgError:
        mode = numpy.geterr()["invalid"]
        if mode == "raise":
            raise FloatingPointError("invalid value encountered in inverse (a singular matrix)") from None
        if mode != "ignore":
            warnings.warn("invalid value encountered in inverse (a singular matrix): NaN", RuntimeWarning, stacklevel=2)
        return numpy.full_like(a, numpy.nan)


def select(mask, on, off):
    """``on`` where ``mask`` is nonzero, else ``off`` (:class:`symopt.stable.Select`)."""
    return numpy.where(mask != 0, on, off)


def logistic_loss(z, y):
    r""":math:`\mathrm{softplus}(z) - zy` as TF1's kernel computes it, :math:`\max(z,0) - zy + \log(1+e^{-|z|})`
    (``0 - 0 + 4.1399378e-08`` at :math:`z = 17, y = 1` in float32, where ``softplus(z) - z`` is 0)."""
    positive = z >= 0
    return numpy.where(positive, z, 0) - z * y + numpy.log1p(_rounded(numpy.exp, numpy.where(positive, -z, z)))


def softmax(a, axis):
    r""":math:`e^{s}/\sum e^{s}` with :math:`s = a - \max a` along ``axis`` (TF1's kernel)."""
    exponentials = _rounded(numpy.exp, a - a.max(axis=axis, keepdims=True))
    return exponentials / exponentials.sum(axis=axis, keepdims=True)


def log_softmax(a, axis):
    r""":math:`s - \log\sum e^{s}` with :math:`s = a - \max a` along ``axis`` (TF1's kernel: no cancellation
    against the maximum for a confident example)."""
    shifted = a - a.max(axis=axis, keepdims=True)
    return shifted - _rounded(numpy.log, _rounded(numpy.exp, shifted).sum(axis=axis, keepdims=True))


def log_softmax_and_softmax(a, axis, out=None):
    r"""``(log_softmax(a, axis), softmax(a, axis))`` from one :math:`e^{s}` (TF1's xent kernel): :math:`s - \log S`
    and :math:`e^{s}/S` with :math:`s = a - \max a`, :math:`S = \sum e^{s}`, the bits of each computed apart.
    ``out``: an array of ``a``'s shape and dtype (``a`` itself, where nothing reads it afterwards) that receives the
    log-softmax."""
    shifted = numpy.subtract(a, a.max(axis=axis, keepdims=True), out=out)
    exponentials = _rounded(numpy.exp, shifted)  # a new array: divided in place
    total = exponentials.sum(axis=axis, keepdims=True)
    shifted -= _rounded(numpy.log, total)
    exponentials /= total
    return shifted, exponentials


def _rounded(function, x):
    """``function`` computed in float64 and rounded to the dtype of ``x``: correctly rounded in float32 (NumPy's
    float32 ``exp``/``log`` are off by an ulp more often than TF's), unchanged in float64."""
    return function(x.astype(numpy.float64)).astype(x.dtype, copy=False)


def erf(x):
    r""":math:`\operatorname{erf}(x) = \tfrac{2}{\sqrt\pi}\int_0^x e^{-t^2}dt` entry by entry (``math.erf``: NumPy has none), in the dtype of ``x``."""
    return _in_dtype_of(x, _ERF(x))


def erfc(x):
    r""":math:`1 - \operatorname{erf}(x)`, accurate in the right tail (``math.erfc``), in the dtype of ``x``."""
    return _in_dtype_of(x, _ERFC(x))


def _gamma_ieee(x: float) -> float:
    r"""``math.gamma`` with IEEE results where it raises: :math:`\pm\infty` at :math:`\pm 0` and past overflow, NaN at
    a negative integer and at :math:`-\infty` (C's ``tgamma``)."""
    try:
        return math.gamma(x)
    except OverflowError:
        return math.inf
    except ValueError:
        return math.copysign(math.inf, x) if x == 0 else math.nan


def _lgamma_ieee(x: float) -> float:
    r"""``math.lgamma`` with IEEE's :math:`+\infty` where it raises OverflowError (:math:`\ln\Gamma(x)` past float64,
    from :math:`x \approx 2.56 \cdot 10^{305}`: SciPy's ``gammaln`` gives ``inf`` there too)."""
    try:
        return math.lgamma(x)
    except OverflowError:
        return math.inf


def _loggamma_real(x: float) -> float:
    r"""SymPy's ``loggamma`` on the reals: :math:`\ln\Gamma(x)` for :math:`x > 0` (``math.lgamma``), :math:`+\infty`
    at the poles :math:`0, -1, -2, \dots` (SymPy: ``oo``), NaN where it is complex (every other :math:`x < 0`:
    ``math.lgamma`` would give only the real part :math:`\ln|\Gamma(x)|`)."""
    if x > 0 or x != x:
        return _lgamma_ieee(x)
    return math.inf if x.is_integer() else math.nan


def _log_gamma_real(x: float) -> float:
    r""":math:`\ln\Gamma(x)` where :math:`\Gamma(x) > 0` (``math.lgamma``, finite far past where :math:`\Gamma`
    overflows: :math:`\ln 171! = 711.7`), NaN where :math:`\Gamma(x) < 0` (:math:`x \in (-1, 0), (-3, -2), \dots`)
    and where it is NaN, :math:`\ln\Gamma(0^+) = +\infty`."""
    if x > 0 or x != x:
        return _lgamma_ieee(x)
    if x == -math.inf:
        return math.nan
    if x.is_integer():  # a pole: Gamma(+0) = +inf; Gamma(-0) = -inf and a negative integer's NaN have no log
        return math.inf if x == 0 and math.copysign(1.0, x) > 0 else math.nan
    return math.lgamma(x) if math.floor(x) % 2 == 0 else math.nan  # the sign of Gamma(x) is (-1)^ceil(-x)


_GAMMA = numpy.frompyfunc(_gamma_ieee, 1, 1)
_LOGGAMMA = numpy.frompyfunc(_loggamma_real, 1, 1)
_LOG_GAMMA = numpy.frompyfunc(_log_gamma_real, 1, 1)


def gamma(x):
    r""":math:`\Gamma(x)` entry by entry (NumPy has none), in the dtype of ``x``; :math:`\pm\infty` past overflow and at
    :math:`\pm 0`, NaN at a negative integer.  A Python float gives a Python float."""
    return _gamma_ieee(x) if type(x) is float else _in_dtype_of(x, _GAMMA(x))


def loggamma(x):
    r"""SymPy's ``loggamma`` entry by entry: :math:`\ln\Gamma(x)` for :math:`x > 0`, :math:`+\infty` at
    :math:`0, -1, -2, \dots`, NaN where it has no real value (other :math:`x < 0`)."""
    return _loggamma_real(x) if type(x) is float else _in_dtype_of(x, _LOGGAMMA(x))


def log_gamma(x):
    r""":math:`\ln(\Gamma(x))` entry by entry without forming :math:`\Gamma(x)` (``log(gamma(k + 1))``, the Poisson
    likelihood's :math:`\ln k!`, stays finite past :math:`k = 170`); NaN where :math:`\Gamma(x) < 0`."""
    return _log_gamma_real(x) if type(x) is float else _in_dtype_of(x, _LOG_GAMMA(x))


def _in_dtype_of(x, values):
    dtype = x.dtype if isinstance(x, numpy.ndarray | numpy.floating) and x.dtype.kind == "f" else numpy.float64
    return numpy.asarray(values, dtype=dtype)[()]



def float32_power(base, exponent):
    r""":math:`b^e` of a learning-rate schedule's float32 scalars as TF1's ``Pow`` kernel computes one number: the C
    library's ``powf``, which NumPy's float32 scalar ``**`` calls (glibc's is not correctly rounded: the float64 power
    rounded once was an ulp off at some steps of ``exponential_decay``, final44b F44b-10; equal to ``powf`` through
    :mod:`ctypes` at 500 000 inputs, at a tenth of its cost, review final45b 45b-1).  IEEE's ±inf or NaN where the
    power leaves float32's range or has none (a growing schedule, probe78 P78-3; 0 to a negative power), as ``powf``;
    NumPy warns of them unless the caller ignores float errors, as the fused step does."""
    float32 = numpy.float32
    if isinstance(base, numpy.ndarray):  # FTRL's power of a variable's entries: powf of each (review final45b 45b-7)
        return numpy.frompyfunc(operator.pow, 2, 1)(base.astype(float32), float32(exponent)).astype(float32)
    if type(base) is not float32:  # the step's float32 scalars are used as they are: converting costs most
        base = float32(base)
    if type(exponent) is not float32:
        exponent = float32(exponent)
    return base ** exponent


def float32_cos(x):
    r""":math:`\cos x` of a float32 scalar as TF1's ``Cos`` kernel computes one number: the C library's ``cosf``
    (through :mod:`ctypes`; where it cannot be loaded, the float64 cosine rounded once, which differs at a few
    points in a thousand).  NumPy's vectorized float32 ``cos`` is an ulp off more often."""
    cosf = _c_float_function("cosf", 1)
    return numpy.float32(cosf(float(x)) if cosf is not None else math.cos(float(x)))


@functools.lru_cache(maxsize=None)
def _c_float_function(name: str, arity: int):
    """The C library's float32 function ``name`` of ``arity`` floats, or ``None``."""
    try:
        function = getattr(ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6"), name)
    except (OSError, AttributeError):
        return None
    function.restype, function.argtypes = ctypes.c_float, [ctypes.c_float] * arity
    return function
