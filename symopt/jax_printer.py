r"""The JAX backend's printer: the NumPy program printer with ``jnp`` in place of ``numpy``.

Generated JAX code reads like the NumPy code (``jnp.exp(X @ W)``, ``A.sum(axis=0, keepdims=True)``)
and runs under ``jax.jit``.  JAX is imported on first use only (:func:`require_jax`), so
``import symopt`` never imports it; it is an optional extra (``pip install "symopt[jax]"``).

JAX computes in float32 unless float64 is asked for, which needs ``jax_enable_x64``
(:func:`jax_dtype` raises :class:`~symopt.errors.BackendError` otherwise, before anything runs); with it on, a run
without ``dtype=`` computes in the dtype its Variables and Placeholders declare, as the NumPy backend does.
Matrix products run at full float32 precision (:data:`MATMUL_PRECISION`): on GPUs JAX's default
multiplies float32 matrices in TensorFloat-32 (about 3 significant digits), which moved parameters by
~1e-2 from the NumPy reference on an H200.  Set ``jax_default_matmul_precision`` yourself
(``"tensorfloat32"``, ``"bfloat16"``) to trade digits for speed: :func:`jit` then keeps your choice.
"""

from __future__ import annotations

import functools
import math
import re
import sys
from typing import Sequence

import numpy
import sympy

from . import runtime
from .errors import BackendError, UnsupportedOperationError
from .printers import NumPyProgramPrinter
from .schedule_printer import SchedulePrinter
from .symbols import is_matrix
from .value_checks import canonical_dtype
from .declared_dtype import infer_dtype

__all__ = ["JaxPrinter", "require_jax", "jax_dtype", "jax_namespace", "BACKENDS", "check_backend", "MATMUL_PRECISION", "jit",
           "real_power"]

#: The backends generated code runs on.
BACKENDS = ("numpy", "jax")

_JNP_NAME = re.compile(r"\bnumpy\.([A-Za-z_][A-Za-z0-9_.]*)")


def check_backend(backend, devices=None, method=None) -> str:
    """``backend`` if it is one of :data:`BACKENDS` and fits the other options, else a
    :class:`~symopt.errors.BackendError` (``devices`` needs ``backend="jax"``; ``method`` needs NumPy)."""
    if backend not in BACKENDS:
        raise BackendError(f"backend: expected one of {BACKENDS}; given {backend!r}. "
                           "backend='jax' runs the generated code with jax.jit (pip install \"symopt[jax]\").")
    if devices is not None and backend != "jax":
        raise BackendError(f"devices={devices!r} needs backend='jax' (the NumPy backend runs on the CPU)")
    if method is not None and backend != "numpy":
        raise BackendError(f"method={method!r} runs on the NumPy backend only; drop backend={backend!r}")
    return backend


def require_jax():
    """The ``jax`` module, or a :class:`~symopt.errors.BackendError` saying how to install it.  Importing JAX draws
    from NumPy's global random state; symopt imports it when a JAX backend is first asked for, in the middle of a
    program, so the state is put back: a program seeded with ``numpy.random.seed`` draws the same numbers on both
    backends (probe32 P32-2: a GAN's noise and batches differed after the first JAX session)."""
    state = numpy.random.get_state() if "jax" not in sys.modules else None
    try:
        import jax
    except ImportError as error:
        raise BackendError(f"backend='jax' needs JAX, which is not installed ({error}). Install it with "
                           "pip install \"symopt[jax]\" (CPU) or the CUDA wheels from JAX's install guide, "
                           "or use backend='numpy'.") from None
    finally:
        if state is not None:
            numpy.random.set_state(state)
    return jax


#: Precision of matrix products in generated JAX code unless ``jax_default_matmul_precision`` is set.
MATMUL_PRECISION = "highest"


def jit(function, **options):
    """``jax.jit(function, **options)``, traced with matrix products at :data:`MATMUL_PRECISION`
    (or at the user's ``jax_default_matmul_precision`` where one is set)."""
    jax = require_jax()

    @functools.wraps(function)
    def at_chosen_precision(*args, **kwargs):
        with jax.default_matmul_precision(jax.config.jax_default_matmul_precision or MATMUL_PRECISION):
            return function(*args, **kwargs)
    return jax.jit(at_chosen_precision, **options)


def jax_dtype(dtype=None, symbols: Sequence = (), *, declared: bool = False) -> str:
    """The dtype a JAX run computes in: ``dtype`` if given; else, where 64-bit JAX is on, the one ``symbols`` (the
    run's parameters and data) declare, as on the NumPy backend (:func:`~symopt.declared_dtype.infer_dtype`: float64
    unless one declares float32); else float32, JAX's own default.  float64 needs ``jax_enable_x64``: asked for
    without it, :class:`~symopt.errors.BackendError`.  (A Variable's dtype defaults to float64, so with 64-bit JAX off
    its declared dtype cannot be told from the default and the run is float32, as documented.)  ``declared``: the
    float64 came from the Variables' declarations, not from a ``dtype=`` (a function compiled with 64-bit JAX on,
    called after it was switched off): the error says so."""
    jax = require_jax()
    wide = jax.dtypes.canonicalize_dtype(numpy.float64) == numpy.float64
    if dtype is None:
        dtype = infer_dtype(symbols) if wide and len(symbols) else "float32"
    dtype = canonical_dtype(dtype)
    if dtype == "float64" and not wide and declared:
        raise BackendError("this JAX function computes in float64, as its Variables declare (a Variable's default "
                           "dtype) and 64-bit JAX was on when it was compiled; 64-bit JAX is off now, so JAX would "
                           "silently compute in float32. Keep 64-bit JAX on (jax.config.update('jax_enable_x64', True))"
                           " or compile with dtype='float32'.")
    if dtype == "float64" and not wide:
        raise BackendError("dtype='float64' on the JAX backend needs 64-bit JAX, which is off: JAX would silently "
                           "compute in float32. Call jax.config.update('jax_enable_x64', True) before running "
                           "(or set JAX_ENABLE_X64=1), or use dtype='float32' (the JAX default).")
    return dtype


class JaxSchedulePrinter(SchedulePrinter):
    """A learning-rate schedule in ``jnp`` calls: inside ``jax.jit`` the step is a traced value, so a branch is a
    ``jnp.where`` and ``min`` / ``max`` are ``jnp.minimum`` / ``jnp.maximum`` (Python's need a concrete bool)."""

    traced = True

    def doprint(self, expr, assign_to=None):
        return _JNP_NAME.sub(_jnp_call, super().doprint(expr, assign_to))

    def _branch(self, condition: str, value: str, otherwise: str) -> str:
        return f"jnp.where({condition}, {value}, {otherwise})"

    # a traced step: jnp's power and cosine, not the rounded scalar ones of the NumPy schedule printer
    _print_Pow = NumPyProgramPrinter._print_Pow
    _print_cos = NumPyProgramPrinter._print_Function

    def _extreme(self, name: str, arguments: list[str]) -> str:
        """``jnp.minimum`` / ``jnp.maximum`` of two, nested for more."""
        function = {"min": "jnp.minimum", "max": "jnp.maximum"}[name]
        text, *rest = arguments
        for argument in rest:
            text = f"{function}({text}, {argument})"
        return text


class JaxPrinter(NumPyProgramPrinter):
    r"""Prints a program as ``jax.numpy`` code: every ``numpy.f`` of the NumPy printer becomes ``jnp.f``.

    A call JAX lacks is refused when the code is generated (:class:`~symopt.errors.UnsupportedOperationError`).
    Traced code has no Python branch on values: clipping by norm is a ``jnp.where``.
    """

    module = "jax"
    array_module = "jnp"
    reuses_buffers = False  # JAX arrays are immutable values
    hoists_repeated_calls = False  # XLA computes a repeated subexpression once
    chooses_product_layouts = False  # XLA lays out its own products
    schedule_printer = JaxSchedulePrinter
    global_names = NumPyProgramPrinter.global_names + ("jnp", "jax", "rescaled_norm", "wrapped_integer",
                                                       "real_power")  # jax_namespace's

    def __init__(self, names: dict, module: str | None = None, dtype: str = "float32", substitutions=None):
        super().__init__(names, module, dtype, substitutions)
        self.nonnegative: frozenset = frozenset()  # the program's temporaries known nonnegative (learn)

    def namespace(self) -> dict:
        return jax_namespace(self.dtype)

    def doprint(self, expr, assign_to=None):
        text = super().doprint(expr, assign_to)
        return _JNP_NAME.sub(_jnp_call, text)

    def _print_gamma(self, expr):
        """Refused: :math:`\\Gamma` and its logarithms are :mod:`symopt.runtime`'s Python loops, which JAX cannot trace;
        the message says what runs it (probe21 P21-11: it listed internal names and asked for a rewrite)."""
        name = expr.func.__name__
        raise UnsupportedOperationError(
            f"no code printer for {name} on the jax backend: symopt computes Γ and its logarithm with Python loops "
            f"(symopt.runtime), which JAX cannot trace. The NumPy backend computes it: drop backend='jax'. Where it "
            f"reads only data (ln y! of a Poisson likelihood), compute it outside, e.g. scipy.special.gammaln(y + 1), "
            f"and feed it as an input of its own.")

    _print_loggamma = _print_factorial = _print_gamma

    def _print_log(self, expr):
        if isinstance(expr.args[0], (sympy.gamma, sympy.factorial)):
            return self._print_gamma(expr.args[0])
        return super()._print_log(expr)

    def _print_Pow(self, expr, rational=False):
        return self._real_power(expr) or super()._print_Pow(expr, rational=rational)

    def _print_HadamardPower(self, expr):
        return self._real_power(expr) or super()._print_HadamardPower(expr)

    def learn(self, program) -> None:
        """The temporaries known nonnegative (``t0 = 1 + v**2``, ``t0 = abs(v)``, ``t1 = 1 + exp(v)``), each read
        through the ones before it: a power of one prints as on NumPy, not as ``real_power`` (final38a F38a-2)."""
        super().learn(program)
        stand_ins: dict = {}
        for target, expression in program.assignments:
            if isinstance(target, sympy.Symbol) and not is_matrix(expression) and \
                    sympy.sympify(expression).xreplace(stand_ins).is_nonnegative:
                stand_ins[target] = sympy.Dummy(nonnegative=True)
        self.nonnegative = frozenset(stand_ins)

    def _real_power(self, expr) -> str | None:
        """``real_power(b, p)`` (:func:`real_power`) for a power that may have no real value, a base not known to be
        nonnegative under an exponent not known to be an integer; None for the others (``b**2``, ``sqrt(b)``,
        ``exp(z)**p``, a temporary :meth:`learn` found nonnegative), which print as on NumPy."""
        base, exponent = expr.args
        if exponent.is_integer or getattr(base, "is_nonnegative", None) or base in self.nonnegative:
            return None
        if isinstance(expr, sympy.Pow) and exponent in (sympy.S.Half, -sympy.S.Half):
            return None  # jnp.sqrt: XLA's log(sqrt(b)) -> log(b)/2 keeps the NaN of a negative b
        return f"real_power({self._print(base)}, {self._print(exponent)})"

    def _print_to_dtype(self, expr):
        inner = self._print(expr.args[0])
        return inner if self.dtype == "float32" else f"jnp.asarray({inner}, dtype)"

    def constant_output(self, expr, text: str) -> str:
        """A constant scalar output (the gradient of ``3*w``) as an array of the program's dtype."""
        if not is_matrix(expr) and not sympy.sympify(expr).free_symbols:
            return f"jnp.asarray({text}, dtype)"
        return text

    def chained(self, steps: list) -> str:
        """As NumPy's, but a division right after a division multiplies by the reciprocal, ``a/b*(1/c)``: XLA's
        simplifier rewrites ``a/b/c`` as ``a/(b*c)``, which overflows float32 where ``b*c`` passes 3.4e38 (and
        vanishes below 1e-45), the very thing dividing twice avoids."""
        text = steps[0][1]
        for (before, _), (operator, operand) in zip(steps, steps[1:]):
            text += f"*(1/{operand})" if operator == before == "/" else operator + operand
        return text

    def squared_norm_text(self, name: str) -> str:
        return f"({name}*{name}).sum()"

    def clip_by_norm_lines(self, gradients, limit: float) -> list[str]:
        r""":math:`g \leftarrow g\,c/\|g\|` where :math:`\|g\| > c`, without a Python branch; where the squares
        overflow, the norm of :func:`rescaled_norm`, computed only then (``jax.lax.cond``)."""
        norm = " + ".join(self.squared_norm_text(g) for g in gradients)
        return [f"gradient_norm = jnp.sqrt({norm})",
                "gradient_norm = jax.lax.cond(jnp.isinf(gradient_norm), lambda: rescaled_norm("
                f"{', '.join(gradients)}), lambda: gradient_norm)"] + \
            [f"{g} = jnp.where(gradient_norm > {limit!r}, {g}*({limit!r}/gradient_norm), {g})" for g in gradients]


def _jnp_call(match: re.Match) -> str:
    """``numpy.name`` → ``jnp.name``, where ``jax.numpy`` has it."""
    name = match.group(1)
    found = require_jax().numpy
    for part in name.split("."):
        found = getattr(found, part, None)
    if found is None:
        raise UnsupportedOperationError(f"generated JAX code would call jnp.{name}, which jax.numpy does not have; "
                                        "use backend='numpy' for this expression")
    return f"jnp.{name}"


def heaviside(x):
    r"""Heaviside :math:`H(x)` with :math:`H(0)=0`, in the dtype of ``x``; 0 at NaN (as the NumPy backend's).  A
    ``where`` of ones and zeros, not the comparison converted: XLA's simplifier rewrites a product with a converted
    comparison as a select, so ``inf*step(w)`` at ``w < 0`` was 0 under ``jax.jit`` where NumPy computes
    :math:`\infty \cdot 0 =` NaN (the slope of ``relu(w)**(1/p)`` at ``w = -1``, probe49 P49-4)."""
    jnp = require_jax().numpy
    return jnp.where(x > 0, jnp.ones_like(x), jnp.zeros_like(x))


def logsumexp(a, axis):
    r""":math:`\log\sum e^{a}` along ``axis`` (keepdims), stable at logits of ±1000 (``jax.nn.logsumexp``)."""
    return require_jax().nn.logsumexp(a, axis=axis, keepdims=True)


def logistic_loss(z, y):
    r""":math:`\max(z,0) - zy + \log(1+e^{-|z|})`, TF1's sigmoid cross-entropy (:func:`symopt.runtime.logistic_loss`)."""
    jnp = require_jax().numpy
    positive = z >= 0
    return jnp.where(positive, z, 0) - z * y + jnp.log1p(jnp.exp(jnp.where(positive, -z, z)))


def softmax(a, axis):
    r""":math:`e^{a}/\sum e^{a}` along ``axis``, stable (``jax.nn.softmax``)."""
    return require_jax().nn.softmax(a, axis=axis)


def log_softmax(a, axis):
    r""":math:`a - \log\sum e^{a}` along ``axis``, stable (``jax.nn.log_softmax``)."""
    return require_jax().nn.log_softmax(a, axis=axis)


def place(value, shape, rows, cols):
    """:func:`symopt.runtime.place` for JAX: ``zeros(shape).at[rows, cols].set(value)``."""
    jnp = require_jax().numpy
    index = (slice(*rows) if rows else slice(None), slice(*cols) if cols else slice(None))
    return jnp.zeros(shape, dtype=jnp.result_type(value)).at[index].set(value)


def placed_sum(shape, *pieces):
    """:func:`symopt.runtime.placed_sum` for JAX: ``place(...) + place(...) + ...``, left to right, the program
    before it (XLA compiles it either way; adding each piece into one array, ``.at[...].add``, was fused otherwise:
    float32 Rosenbrock gradients an ulp off under ``jax.jit``); signed zeros as that sum's."""
    placed = [place(value, shape, rows, cols) for value, rows, cols in pieces]
    total = placed[0]
    for array in placed[1:]:
        total = total + array
    return total


def real_power(base, exponent):
    r""":math:`b^p` with NumPy's real semantics kept under ``jax.jit``: NaN where a negative base meets a non-integer
    exponent, also inside ``jnp.log``.  XLA's simplifier rewrites ``log(b**p)`` as ``p*log(|b|)``, a finite number
    where ``b**p`` has no real value (``log(v**(3/2))`` at ``v = -0.5`` was -1.04, NumPy NaN: probe42 P42-3).  A
    constant exponent masks the base as ``b + sqrt(min(b, 0))``: ``b`` itself (exactly, ``inf`` and ``-0.0`` included)
    where ``b >= 0``, NaN where it is negative, in operations XLA fuses into the power's loop (a ``where`` was a loop of
    its own on the CPU).  The mask is outside JAX's derivatives (``jax.lax.stop_gradient``): ``sqrt``'s infinite slope
    at 0 times ``min``'s zero one made ``jax.grad`` of a compiled ``w**1.5`` NaN at every ``w`` (probe74 P74-1).  An
    exponent that is an array (``v**v``, an integer at some entries) keeps the power whole with
    ``jax.lax.optimization_barrier``."""
    jax = require_jax()
    if isinstance(exponent, (int, float)):
        if float(exponent).is_integer():
            return base ** exponent
        nan_where_negative = jax.lax.stop_gradient(jax.numpy.sqrt(jax.numpy.minimum(base, 0)))
        return (base + nan_where_negative) ** exponent
    return jax.lax.optimization_barrier(base ** exponent)


def rescaled_norm(*gradients):
    r""":math:`s\,\|g/s\|` with :math:`s = \max|g|` over all the gradients (as BLAS's ``nrm2``): their global norm
    where the plain sum of squares overflows."""
    jnp = require_jax().numpy
    largest = jnp.max(jnp.stack([jnp.abs(g).max() for g in gradients]))
    return largest * jnp.sqrt(sum(((g / largest) * (g / largest)).sum() for g in gradients))


def inverse(a):
    r""":math:`A^{-1}`, with NaN entries where :math:`A` is singular (a zero pivot of its LU factorization), as the
    NumPy backend's :func:`symopt.runtime.inverse` gives: ``jnp.linalg.inv`` divides by the zero pivot and gives
    :math:`\pm\infty`, a cost read as falling without bound instead of a singular matrix (probe54 P54-7)."""
    jnp = require_jax().numpy
    from jax.scipy import linalg
    lu, pivots = linalg.lu_factor(a)
    singular = jnp.any(jnp.diagonal(lu, axis1=-2, axis2=-1) == 0, axis=-1)[..., None, None]
    identity = jnp.broadcast_to(jnp.eye(a.shape[-1], dtype=lu.dtype), lu.shape)
    return jnp.where(singular, jnp.nan, linalg.lu_solve((lu, pivots), identity))


def jax_namespace(dtype: str) -> dict:
    """Globals generated JAX code runs with (no ``numpy``: every array call goes through ``jnp``)."""
    jax = require_jax()
    from jax.scipy import special
    return {"jnp": jax.numpy, "jax": jax, "math": math, "dtype": numpy.dtype(dtype), "sigmoid": jax.nn.sigmoid,
            "softplus": jax.nn.softplus, "heaviside": heaviside, "logsumexp": logsumexp, "erf": special.erf,
            "erfc": special.erfc, "isfinite": jax.numpy.isfinite, "logistic_loss": logistic_loss, "softmax": softmax,
            "log_softmax": log_softmax,
            "log_softmax_and_softmax": lambda a, axis: (log_softmax(a, axis), softmax(a, axis)),
            "batch_rows": runtime.batch_rows, "batch_entry": runtime.batch_entry,
            "select": lambda mask, on, off: jax.numpy.where(mask != 0, on, off), "place": place, "placed_sum": placed_sum,
            "adjugate": lambda a: runtime.adjugate(a, jax.numpy), "inverse": inverse,
            "rescaled_norm": rescaled_norm, "real_power": real_power,
            "wrapped_integer": lambda x, low, size, dtype: runtime.wrapped_integer(x, low, size, dtype, jax.numpy),
            "scatter_rows": lambda values, indices, depth: runtime.scatter_rows(values, indices, depth, jax.numpy)}
