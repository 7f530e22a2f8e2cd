r"""Which weights a training step keeps column-major: where the BLAS is faster that way and gives the same bits.

A weight :math:`W` (:math:`n \times k`, both sizes above 1) read as the right factor of a product over the batch,
:math:`Z = A W` with :math:`A` an :math:`m \times n` matrix of the batch's rows, has the gradient
:math:`\partial J / \partial W = A^T \Delta`.  :func:`column_major_gradients` may write that gradient
:math:`(\Delta^T A)^T`: the same sums, handed to the BLAS the other way round, whose result is column-major
(Fortran order).  The run then keeps :math:`W` and its optimizer slots column-major too
(:meth:`symopt.fused.CompiledStep.orders`), so the forward product :math:`A W` reads :math:`W` as the BLAS's
transposed operand and every elementwise pass of the update reads the gradient, :math:`W` and its slots in
memory order.

Whether that pays depends on the BLAS and the shapes (OpenBLAS here: the MLP's first layer, 256 × 784 · 784 × 256,
about 12 % faster for the two products; a 128 × 10 weight's forward product twice as slow; at batch 32 most
shapes a little slower).  So :func:`column_major_pays` decides per ``(rows, n, k, dtype)``, once per process:
it first checks, on random arrays of the run's batch shapes, that both products give the same bits either way
round (the BLAS adds the inner dimension in one order for both: then the layout cannot change a run's numbers),
and only then times the two pairs of products (the fastest of :data:`REPEATS`, interleaved), keeping the weight
column-major when that is faster by :data:`MARGIN`.  Too little work to matter (:data:`MIN_WORK`) or too much to
try (:data:`MAX_WORK` multiply-adds, :data:`MAX_TRIAL` entries in an array: the trial runs about twenty products of
the layer's size) keeps the row-major layout without measuring.  ``minimize`` asks :func:`chosen_weights` and
compiles the step with the positions chosen, its cache key: data of another length reuse the step, and a process
that decides otherwise (another BLAS kernel or thread count) uses another disk-cache entry.  A step that clips by global norm keeps every
weight row-major (:func:`symopt.fused.step_program`): NumPy sums a column-major gradient's squares in another order.
"""

from __future__ import annotations

import time
from typing import Sequence

import numpy as np
import sympy

from .matrix_shapes import is_matrix
from .symbols import BATCH

__all__ = ["column_major_gradients", "column_major_pays", "chosen_weights", "in_layout", "transposed_product_pays",
           "row_major_gradient", "DECISIONS", "MIN_WORK", "MAX_WORK", "MAX_CALL_WORK", "MAX_TRIAL", "REPEATS", "MARGIN"]

#: Multiply-adds of :math:`A W` (rows · n · k) below which the layout is not measured: row-major is kept.
MIN_WORK = 1 << 22
#: Multiply-adds of :math:`A W` above which nothing is measured (the trial would take that long, about twenty times).
MAX_WORK = 1 << 27
#: Multiply-adds of a gradient product :math:`A^T \Delta` above which :func:`transposed_product_pays` measures nothing.
MAX_CALL_WORK = 1 << 30
#: Entries of a trial array (:math:`A`, :math:`W` or :math:`\Delta`) above which nothing is measured.
MAX_TRIAL = 1 << 22
#: Timed repeats of each pair of products; the column-major pair must take at most :data:`MARGIN` of the other.
REPEATS = 3
MARGIN = 0.95
#: ``{(rows, n, k, dtype name): keep column-major}``, filled once per process and shape; likewise
#: ``{("transposed product", rows, n, k, dtype name): copy pays}`` and, per size class of the rows,
#: ``{("transposed product class", rows.bit_length(), n, k, dtype name): (first rows, copy pays)}``.
DECISIONS: dict = {}
#: random :math:`A` and :math:`\Delta` of a paying size class, drawn once and sliced to each new row count's bits
#: check, ``{(class key, rows drawn): (A, Δ)}``: the last :data:`_MOST_CLASS_TRIALS`, replaced, never changed in place
_CLASS_TRIALS: dict = {}
_MOST_CLASS_TRIALS = 4


def _trial_arrays(rows: int, n: int, k: int, dtype, rng):
    r"""Random :math:`A` (rows × n), :math:`W` (n × k) and :math:`\Delta` (rows × k) of ``dtype``."""
    return (rng.standard_normal((rows, n)).astype(dtype), rng.standard_normal((n, k)).astype(dtype),
            rng.standard_normal((rows, k)).astype(dtype))


def _same_bits(rows: Sequence[int], n: int, k: int, dtype) -> bool:
    r""":math:`A W` and :math:`A^T \Delta` give the same bits with :math:`W` column-major and as :math:`(\Delta^T
    A)^T`, for each row count of the run's batches."""
    rng = np.random.default_rng(0)
    for count in rows:
        a, w, delta = _trial_arrays(count, n, k, dtype, rng)
        if not (np.array_equal(a @ w, a @ np.asfortranarray(w)) and np.array_equal(a.T @ delta, (delta.T @ a).T)):
            return False
    return True


def _faster(rows: int, n: int, k: int, dtype) -> bool:
    """The column-major pair of products takes at most :data:`MARGIN` of the row-major pair."""
    a, w, delta = _trial_arrays(rows, n, k, dtype, np.random.default_rng(1))
    column = np.asfortranarray(w)
    return _second_faster(lambda: (a @ w, a.T @ delta), lambda: (a @ column, (delta.T @ a).T))


def _second_faster(first, second) -> bool:
    """``second()`` takes at most :data:`MARGIN` of ``first()``: the fastest of :data:`REPEATS` calls of each,
    interleaved (other work on the machine only ever adds time, so the fastest is the steadiest measure)."""
    firsts, seconds = [], []
    for _ in range(REPEATS):
        started = time.perf_counter()
        first()
        middle = time.perf_counter()
        second()
        firsts.append(middle - started)
        seconds.append(time.perf_counter() - middle)
    return min(seconds) <= MARGIN * min(firsts)


def column_major_pays(rows: tuple, n: int, k: int, dtype) -> bool:
    """Keep an ``n × k`` weight column-major in a run whose batches have ``rows`` rows (the first: most batches;
    a last, smaller one after it): the same bits and faster (module docstring).  Cached in :data:`DECISIONS`."""
    key = (tuple(rows), n, k, np.dtype(dtype).name)
    if key not in DECISIONS:
        work = rows[0] * n * k if rows else 0
        trial = max(max(rows) * n, n * k, max(rows) * k) if rows else 0
        DECISIONS[key] = MIN_WORK <= work <= MAX_WORK and trial <= MAX_TRIAL and \
            _same_bits(rows, n, k, np.dtype(dtype)) and _faster(rows[0], n, k, np.dtype(dtype))
    return DECISIONS[key]


def in_layout(value, order: str):
    """``value`` with ``order``'s layout (``"C"`` row-major, ``"F"`` column-major): itself where it has it, else a
    copy; a scalar (or a 0-d array) as it is."""
    return np.asarray(value, order=order) if isinstance(value, np.ndarray) and value.ndim else value


def transposed_product_pays(rows: int, n: int, k: int, dtype) -> bool:
    r"""Compute :math:`A^T \Delta` (:math:`A`: rows × n, :math:`\Delta`: rows × k, both row-major) as
    :math:`(\Delta^T A)^T` copied row-major (:func:`symopt.runtime.transposed_matmul`): where both give the same bits
    on random arrays of these shapes and the copied one is faster by :data:`MARGIN`.  Too little work
    (:data:`MIN_WORK`) or too much to try (:data:`MAX_CALL_WORK` multiply-adds, :data:`MAX_TRIAL` entries: the trial
    runs about eight such products, once per process and size class: :func:`_class_pays`) keeps
    :math:`A^T \Delta`.  Cached in :data:`DECISIONS`."""
    key = ("transposed product", rows, n, k, np.dtype(dtype).name)
    if key not in DECISIONS:
        DECISIONS[key] = MIN_WORK <= rows * n * k <= MAX_CALL_WORK and max(rows * n, rows * k) <= MAX_TRIAL and \
            _class_pays(rows, n, k, np.dtype(dtype))
    return DECISIONS[key]


def _class_pays(rows: int, n: int, k: int, dtype) -> bool:
    r"""Whether the copied product pays for ``rows`` rows: timed once per size class (the rows' power of two, with
    ``n``, ``k`` and the dtype; the speed depends on the shapes far more than on the exact row count), at the first
    row count of the class seen; any other row count of a class that pays checks only the bits, on random arrays of
    its own shape (:func:`_class_trial`), so the result is always :math:`A^T \Delta`'s bits (probe72 P72-12: each new batch size ran the
    whole trial inside the call).  The class's entry in :data:`DECISIONS` is ``(first row count, pays)``."""
    key = ("transposed product class", rows.bit_length(), n, k, dtype.name)
    if key not in DECISIONS:
        DECISIONS[key] = (rows, _copied_product_pays(rows, n, k, dtype))
        return DECISIONS[key][1]
    first_rows, pays = DECISIONS[key]
    if not pays or rows == first_rows:
        return pays
    return _same_transposed_bits(*_class_trial(key, rows, n, k, dtype))


def _class_trial(key: tuple, rows: int, n: int, k: int, dtype):
    r"""Random row-major :math:`A` (rows × n) and :math:`\Delta` (rows × k) of ``dtype`` for the size class ``key``:
    the first ``rows`` rows of arrays drawn once for the row counts up to the next eighth of the class's span (at most
    five draws per class, each at most a quarter larger than needed), so that each new row count costs its two products
    only (final44c F44c-6: drawing the arrays anew took 60 % of it)."""
    global _CLASS_TRIALS
    eighth = max(1, 1 << max(rows.bit_length() - 3, 0))
    drawn = min(-(-rows // eighth) * eighth, (1 << rows.bit_length()) - 1)
    trials = _CLASS_TRIALS
    trial = trials.get((key, drawn))
    if trial is None:
        rng = np.random.default_rng(2)
        trial = rng.standard_normal((drawn, n)).astype(dtype), rng.standard_normal((drawn, k)).astype(dtype)
        kept = list(trials.items())[1 - _MOST_CLASS_TRIALS:]
        _CLASS_TRIALS = {**dict(kept), (key, drawn): trial}  # copy on write: safe for another thread reading it
    return trial[0][:rows], trial[1][:rows]


def _same_transposed_bits(a, delta) -> bool:
    r""":math:`A^T \Delta` and :math:`(\Delta^T A)^T` give the same bits."""
    return np.array_equal(a.T @ delta, (delta.T @ a).T)


def _copied_product_pays(rows: int, n: int, k: int, dtype) -> bool:
    r""":math:`A^T \Delta` and :math:`(\Delta^T A)^T` give the same bits, and the second, copied row-major, is faster."""
    a, _, delta = _trial_arrays(rows, n, k, dtype, np.random.default_rng(2))
    if not _same_transposed_bits(a, delta):
        return False
    return _second_faster(lambda: a.T @ delta, lambda: np.ascontiguousarray((delta.T @ a).T))


def row_major_gradient(gradient):
    r"""A gradient :math:`(c\,A^T \Delta)^T` (a weight read transposed, ``X @ W.T``: a PyTorch-style ``(out, in)``
    weight) as :math:`c\,\Delta^T A`: the same products, whose result is row-major like the weight (printed
    ``(X.T @ D).T`` it was a column-major view, so ``symopt.compile`` handed back a Fortran-ordered array and every
    elementwise pass of an update read two layouts, several times slower).  TF1's ``MatMul`` gradient with
    ``transpose_b`` has this form.  Any other gradient is returned as given."""
    if not isinstance(gradient, sympy.Transpose) or not isinstance(gradient.arg, sympy.MatMul):
        return gradient
    coefficient, matrices = gradient.arg.as_coeff_matrices()
    if len(matrices) != 2 or not isinstance(matrices[0], sympy.Transpose):
        return gradient
    return sympy.MatMul(coefficient, sympy.Transpose(matrices[1]), matrices[0].arg)


def _is_weight(parameter) -> bool:
    """A matrix parameter with both sizes above 1 (a column or row vector has one layout)."""
    return is_matrix(parameter) and all(size.is_Integer and size > 1 for size in parameter.shape)


def chosen_weights(parameters: Sequence, rows: tuple, dtype) -> tuple:
    """Positions of the weights that :func:`column_major_pays` for batches of ``rows`` rows: what ``minimize``
    passes to :func:`~symopt.fused.compile_step` (the compiled step is keyed on the choice, not on the data's
    length, so data of another length reuse it)."""
    return tuple(index for index, parameter in enumerate(parameters)
                 if _is_weight(parameter) and column_major_pays(rows, *map(int, parameter.shape), dtype))


def _weight_gradient_factors(parameter, gradient):
    r"""``(c, A, Δ)`` when ``gradient`` is one product :math:`c\,A^T \Delta` (``c`` a scalar coefficient, 1 where
    there is none: a mean's :math:`1/m`), :math:`A` with the batch's rows, for a weight ``parameter``; else
    ``None``."""
    if not _is_weight(parameter) or not isinstance(gradient, sympy.MatMul):
        return None
    coefficient, matrices = gradient.as_coeff_matrices()
    if len(matrices) != 2 or not isinstance(matrices[0], sympy.Transpose):
        return None
    a, delta = matrices[0].arg, matrices[1]
    return (coefficient, a, delta) if a.shape[0] == BATCH else None


def column_major_gradients(parameters: Sequence, gradients: Sequence, positions: Sequence) -> tuple[list, tuple]:
    r"""``(gradients, chosen)``: the gradient :math:`c\,A^T \Delta` of each weight at one of ``positions``
    (:func:`chosen_weights`) rewritten :math:`c\,(\Delta^T A)^T` (an unevaluated :class:`~sympy.Transpose`, printed
    ``c*(D.T @ A).T``), and the positions rewritten, which the run keeps column-major.  Other gradients (another
    form: penalised, a left factor, rows that are not the batch's) are returned as given."""
    rewritten, chosen = [], []
    for index, (parameter, gradient) in enumerate(zip(parameters, gradients)):
        factors = _weight_gradient_factors(parameter, gradient) if index in positions else None
        if factors is None:
            rewritten.append(gradient)
            continue
        coefficient, a, delta = factors
        product = sympy.Transpose(sympy.MatMul(sympy.Transpose(delta), a))
        rewritten.append(product if coefficient == 1 else sympy.MatMul(coefficient, product))
        chosen.append(index)
    return rewritten, tuple(chosen)
