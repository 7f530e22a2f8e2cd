r"""Second-order and quasi-Newton minimization: ``minimize(cost, wrt, method=...)``.

* ``"newton"``: :math:`\theta \leftarrow \theta - \alpha H^{-1}\nabla J` with the exact Hessian
  (:func:`symopt.hessian`), :math:`\alpha` halved until the cost decreases (damped Newton).  An
  indefinite Hessian raises :class:`~symopt.errors.IndefiniteHessianError` with its eigenvalues.
  A quadratic cost is solved in one step.
* ``"lbfgs"`` (L-BFGS-B, with ``bounds=``), ``"bfgs"``, ``"newton-cg"``, ``"trust-ncg"``: SciPy's
  ``scipy.optimize.minimize`` fed by symopt's generated value-and-gradient (``jac=True``: one call gives
  both) and its generated Hessian-vector product (``hessp``).  Install with ``pip install symopt[scipy]``.

Runs return the same :class:`~symopt.minimize.Result` as first-order ones: ``history`` holds the cost
at each iterate, ``callback(step, cost, params)`` runs after each iteration (``True`` stops), a
non-finite cost raises :class:`~symopt.errors.DivergenceError`, and ``message`` carries SciPy's reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import numpy as np

from .binding import as_value, batch_size, resolve_feed
from .wrt import check_trainable_gradients
from .cache import CACHE
from .compiler import compile as compile_value_and_grad, compile_expressions, free_inputs
from .emit import scalar_type
from .errors import ConfigurationError, DomainError, IndefiniteHessianError
from .label_ranges import check_labels, label_ranges_of
from .hessian import HessianVectorProduct, code_hessian, hvp
from .keyword_advice import method_advice
from .method_checkpoints import method_checkpoints
from .float_errors import ignoring_float_errors
from .float32_verdict import at_returned_point
from .method_checks import (clipped_start, few_eigenvalues, negative_curvature,
                            scipy_bounds)
from .method_recorder import Recorder
from .newton_math import NewtonUpdate, newton_update
from .newton_loop import NEWTON_TOL, damped_newton
from .optimised_inputs import check_fixed_shapes, check_start_rows, returned_shape
from .optimizers import optimizer_table
from .progress import progress_bar
from .missing_data import check_complete
from .scipy_methods import scipy_method
from .data_sources import is_out_of_core
from .run_arguments import check_data, check_data_mapping
from .symbols import BATCH, is_batched, is_matrix, symbolic
from .wrt import resolve_names

__all__ = ["METHODS", "minimize_with_method", "Problem", "NewtonUpdate", "newton_update", "stable_step_size",
           "hessian_eigenvalues"]  # the step-size advice is in symopt.step_size

#: ``method=`` name → SciPy's method name (``"newton"`` is symopt's own loop).
METHODS = {"newton": None, "lbfgs": "L-BFGS-B", "bfgs": "BFGS", "newton-cg": "Newton-CG", "trust-ncg": "trust-ncg"}


@dataclass
class Problem:
    r"""A cost bound to its data, over a flat float64 vector :math:`x` of every parameter entry.

    ``value_and_grad(x)`` is one call of the generated :math:`(J, \nabla J)` function; ``hessp(x, p)`` one
    call of the generated :math:`Hp`; ``hess(x)`` the dense Hessian.
    """

    cost: Any
    parameters: list
    shapes: list
    function: Any
    inputs: list
    data: dict
    dtype: str = "float64"
    #: The dtype the parameters come back in: the program's, float32 when a symbol declares it (or when asked), as a
    #: first-order run returns them; the iterations themselves run in float64 (SciPy's).
    result_dtype: str = "float64"
    product: HessianVectorProduct | None = field(default=None, init=False, repr=False)
    dense_hessian: Callable | None = field(default=None, init=False, repr=False)
    #: Whether :meth:`hess` takes one Hessian-vector product per column (no compiled matrix: a logistic loss's vector).
    hessian_by_columns: bool = field(default=False, init=False, repr=False)

    @classmethod
    def build(cls, cost, initial: Mapping, data: Mapping | None, dtype=None) -> tuple["Problem", np.ndarray]:
        """The problem and its starting vector; the data checked as a first-order run checks it (finite, not empty,
        one batch size), before anything runs."""
        check_data_mapping(data)
        parameters = list(initial)
        compiled = compile_value_and_grad(cost, parameters, dtype=dtype)  # float32 where a symbol declares it (P90-1)
        check_trainable_gradients(cost, parameters, compiled.program.outputs[1:])  # the compiled gradients
        chosen = set(parameters)
        others = [s for s in compiled.inputs if s not in chosen]
        feed = resolve_feed(data, others, trained=parameters)  # unread symbols ignored, as a first-order run does
        check_complete(parameters, others, feed)
        for symbol in others:
            if is_out_of_core(feed[symbol]) and is_batched(symbol):  # examples in rows: refused as a full batch is
                raise ConfigurationError(
                    f"data for {symbol} is out of core ({type(feed[symbol]).__name__} of shape {feed[symbol].shape}); "
                    "method= evaluates the cost on all the data at every iteration, so it would read it whole. "
                    "Load it (numpy.asarray) if it fits in memory, or train with a first-order optimizer and "
                    "batch_size=...")
        scalar = scalar_type(compiled.module, compiled.dtype)
        values = {s: as_value(s, feed[s], compiled.dtype, scalar) for s in others}
        check_labels(label_ranges_of(cost, others), list(values), list(values.values()))
        for symbol, value in values.items():
            check_data(symbol, value, given=feed[symbol])  # a table's NaN named by row, label and column
        batch_size(list(values), list(values.values()))
        start = [as_value(p, initial[p], compiled.dtype, scalar) for p in parameters]
        check_start_rows(dict(zip(parameters, start)), values)
        shapes = [np.shape(v) for v in start]
        problem = cls(cost, parameters, shapes, compiled.agreeing_function, compiled.inputs, values, compiled.dtype,
                      compiled.dtype)
        return problem, np.concatenate([np.ravel(v).astype(float) for v in start])

    def __post_init__(self):
        stops = np.cumsum([int(np.prod(shape)) if shape else 1 for shape in self.shapes])
        self._pieces = [(int(stop) - (int(np.prod(shape)) if shape else 1), int(stop), shape)
                        for stop, shape in zip(stops, self.shapes)]
        position = {s: i for i, s in enumerate(self.inputs)}
        self._slots = [position[p] for p in self.parameters]
        self._template = [self.data.get(s) for s in self.inputs]

    def unpack(self, x: np.ndarray) -> list:
        """Each parameter's value at the flat point ``x``: an array of its shape, or a NumPy float64 for a scalar,
        whose ``50/lam`` at ``lam = 0`` is NumPy's inf (a Python float raised ZeroDivisionError in a NumPy
        program, which array data makes the program)."""
        return [x[start:stop].reshape(shape) if shape else x[start] for start, stop, shape in self._pieces]

    def arguments(self, x: np.ndarray) -> list:
        """The compiled function's arguments at the flat point ``x`` (the data in place)."""
        arguments = list(self._template)
        for slot, value in zip(self._slots, self.unpack(x)):
            arguments[slot] = value
        return arguments

    def value_and_grad(self, x: np.ndarray) -> tuple[float, np.ndarray]:
        r""":math:`(J, \nabla J)` at ``x``; NumPy's inf or nan where Python's floats raise (``log(0)`` is
        :math:`-\infty`, not NaN: a line search backs off from an infinite trial value)."""
        value, gradients = self.function(*self.arguments(x))
        return float(value), np.concatenate([np.ravel(g) for g in gradients])

    def returned_value(self, x: np.ndarray, bounds: list | None = None) -> float:
        """The cost at the parameters :meth:`params` returns for ``x``: float32 ones computed in float32, as
        ``evaluate(cost, result.params)`` computes it, not the float64 iterate's cost (probe90 P90-1)."""
        if self.result_dtype != "float32":
            return self.value_and_grad(x)[0]
        returned = np.concatenate([np.ravel(v) for v in self.params(x, bounds).values()])
        arguments = list(self._template)
        for slot, value in zip(self._slots, self.unpack(returned)):
            arguments[slot] = value
        return float(self.function(*arguments)[0])

    def hessp(self, x: np.ndarray, p: np.ndarray) -> np.ndarray:
        if self.product is None:
            self.product = hvp(self.cost, self.parameters, dtype=self.dtype)
        product = self.product
        params = dict(zip(self.parameters, self.unpack(x)))
        arguments = [params[s] if s in params else self.data[s] for s in product.inputs]
        directions = [np.reshape(d, shape) if shape else float(d) for d, shape in
                      zip(self.unpack(np.asarray(p, dtype=float)), self.shapes)]
        results = product.function(*arguments, *directions)
        return np.concatenate([np.ravel(r) for r in results]).astype(float)

    def hess(self, x: np.ndarray) -> np.ndarray:
        """The dense Hessian: the compiled symbolic matrix, or one Hessian-vector product per column."""
        if self.dense_hessian is None:
            self.dense_hessian = _dense_hessian(self)
        return self.dense_hessian(x)

    def has_compiled_hessian(self) -> bool:
        """Whether :meth:`hess` is one compiled symbolic matrix (scalar parameters; a vector's linear or quadratic
        model), not :math:`n` Hessian-vector products; builds it, evaluating nothing."""
        if self.dense_hessian is None:
            self.dense_hessian = _dense_hessian(self)
        return not self.hessian_by_columns

    def entry_names(self) -> list[str]:
        """The name of each entry of :math:`x`: ``w``, ``W[0, 0]``, ``W[1, 0]``, ..."""
        return [str(p) if not shape else f"{p}[{', '.join(map(str, index))}]"
                for p, shape in zip(self.parameters, self.shapes) for index in (np.ndindex(*shape) if shape else [()])]

    def params(self, x: np.ndarray, bounds: list | None = None) -> dict:
        """``{symbol: value}`` in the user's shapes (rank-1 parameters come back rank 1); in float32 (NumPy scalars
        and arrays) where :attr:`result_dtype` is float32, each entry the float32 nearest inside ``bounds`` (SciPy's
        pairs) where the nearest lies outside (0.7 is 0.69999999 in float32: 0.70000005 then)."""
        if self.result_dtype == "float32":
            x = np.asarray(x, dtype=np.float32)
            for index, (low, high) in enumerate(bounds or []):
                if low is not None and float(x[index]) < low:  # compared in float64 (NumPy would use float32)
                    x[index] = np.nextafter(x[index], np.float32(np.inf))
                if high is not None and float(x[index]) > high:
                    x[index] = np.nextafter(x[index], np.float32(-np.inf))
            return {p: (np.asarray(v, dtype=np.float32).reshape(returned_shape(p, np.shape(v))) if is_matrix(p)
                        else np.float32(v)) for p, v in zip(self.parameters, self.unpack(x))}
        return {p: (np.asarray(v).reshape(returned_shape(p, np.shape(v))) if is_matrix(p) else float(v))
                for p, v in zip(self.parameters, self.unpack(x))}


def _dense_hessian(problem: Problem) -> Callable[[np.ndarray], np.ndarray]:
    """``x -> H(x)``: the compiled symbolic Hessian where one exists, else :math:`n` products :math:`He_k`; the
    symbolic form built once per cost and parameters (a refit loop asks again: final41b F41b-7)."""
    matrix = CACHE.get_or_build(("code_hessian", problem.cost, tuple(problem.parameters)),
                                lambda: code_hessian(problem.cost, problem.parameters))
    if isinstance(matrix, HessianVectorProduct):
        problem.product, problem.hessian_by_columns = matrix, True

        def by_columns(x):
            eye = np.eye(x.size)
            return np.column_stack([problem.hessp(x, eye[:, k]) for k in range(x.size)])
        return by_columns
    symbols = free_inputs([matrix])
    if BATCH in matrix.free_symbols:  # a mean's 1/m outlived the data that carried m (mean((x - mu)**2) in mu)
        symbols += [s for s in problem.inputs if is_batched(s) and s not in symbols][:1]
    function, _ = compile_expressions([matrix], symbols, dtype=problem.dtype, name="hessian", vectorized=True)

    def compiled(x):
        params = dict(zip(problem.parameters, problem.unpack(x)))
        arguments = [params[s] if s in params else problem.data[s] for s in symbols]
        return np.atleast_2d(np.asarray(function(*arguments)[0], dtype=float))
    return compiled


def hessian_eigenvalues(cost, wrt, values: Mapping) -> np.ndarray:
    r"""Eigenvalues of :math:`\nabla^2 J` at the point ``values`` (a dict ``{parameter or its name: value}``, the data
    with them), ascending.  A Hessian entry that divides by 0 there (``log(w)`` or ``sqrt(w)`` at 0) raises
    :class:`~symopt.errors.DomainError`: it has no curvature to read (probe78 P78-7); one that overflows float64
    (``exp(w)`` at 800) is ``inf``, as IEEE arithmetic rounds it."""
    parameters = resolve_names([symbolic(cost)], wrt)
    if not isinstance(values, Mapping):
        raise ConfigurationError(f"values: expected a dict {{parameter or its name: value}} (the data with them); given "
                                 f"{type(values).__name__} {values!r:.60}. Write {{{parameters[0]}: 0.0}} for the "
                                 f"point {parameters[0]} = 0.")
    from_values = dict(values)
    missing = [str(p) for p in parameters if p not in from_values and str(p) not in from_values]
    if missing:
        raise ConfigurationError(f"values: expected a value for every parameter; missing {missing}")
    initial = {p: from_values.pop(p) if p in from_values else from_values.pop(str(p)) for p in parameters}
    problem, x = Problem.build(cost, initial, from_values)
    try:  # a division by 0 (log's 1/w², sqrt's w^(-3/2) at 0) makes an entry with no value; an overflow does not
        with np.errstate(divide="raise"):
            hessian = problem.hess(x)
    except FloatingPointError:
        with ignoring_float_errors():
            hessian = problem.hess(x)
        if not np.all(np.isfinite(hessian)):
            raise DomainError(f"expected a point where the cost's Hessian is finite; given {_point(initial)}, where "
                              f"it holds {hessian[~np.isfinite(hessian)][0]}: a second derivative there divides by 0 "
                              "(as log(w)'s -1/w² and sqrt(w)'s at w = 0), so it has no value. Ask at a point inside "
                              "the cost's domain.") from None
    return np.linalg.eigvalsh(hessian)


def stable_step_size(cost, wrt, values: Mapping) -> float:
    r"""The largest stable gradient-descent step :math:`2/\lambda_{\max}` at ``values``.

    On a quadratic cost, gradient descent with :math:`\eta \ge 2/\lambda_{\max}(H)` diverges along the
    eigenvector of :math:`\lambda_{\max}`; for other costs it is the local limit near ``values``.  A Hessian with no
    curvature (a linear cost) gives ``inf``.  A negative eigenvalue (a saddle or a maximum) raises
    :class:`~symopt.errors.IndefiniteHessianError`: the error along its eigenvector is multiplied by
    :math:`1 - \eta\lambda > 1` each step, so no step size is stable there.
    """
    eigenvalues = hessian_eigenvalues(cost, wrt, values)
    if negative_curvature(eigenvalues):
        raise IndefiniteHessianError(
            f"stable_step_size expects a Hessian with no negative eigenvalue (a minimum's); given one with eigenvalues "
            f"{few_eigenvalues(eigenvalues)} at {_point(values)}: a saddle or a maximum. Gradient descent "
            f"multiplies the distance along the eigenvector of λ = {eigenvalues[0]:.4g} by 1 - η·({eigenvalues[0]:.4g}) "
            "> 1 each step, so no step size is stable there. Ask at a point near a minimum (a quadratic with a "
            "negative eigenvalue has none: it is unbounded below).")
    largest = float(eigenvalues[-1])
    return float("inf") if largest <= 0 else 2.0 / largest


def _point(values: Mapping) -> str:
    """``w = 0, v = 1`` for the scalar entries of ``values`` (arrays as ``X = (50, 3) array``)."""
    return ", ".join(f"{k} = {v:g}" if np.ndim(v) == 0 and isinstance(v, (int, float, np.number)) else
                     f"{k} = {np.shape(v)} array" for k, v in values.items())


def _check_options(method: str, options: Mapping, bounds) -> None:
    if method not in METHODS:
        advice = method_advice(method, optimizer_table())
        raise ConfigurationError(f"unknown method {method!r}; expected one of {sorted(METHODS)} (or no method= "
                                 "for the first-order optimizers)" + (f"; {advice}" if advice else ""))
    given = [name for name, value in options.items() if value is not None]  # 0 and False too: 0 == False
    if given:
        raise ConfigurationError(f"{', '.join(given)}: not supported with method={method!r} (optimizers, mini-batches, "
                                 "clipping and checkpoints belong to first-order runs); drop them, or drop method= "
                                 "to train with an optimizer")
    if bounds is not None and method != "lbfgs":
        raise ConfigurationError(f"bounds= needs method='lbfgs' (L-BFGS-B); given method={method!r}")


def minimize_with_method(method: str, cost, initial: Mapping, *, data=None, steps: int = 1000, tol=None,
                         callback=None, bounds=None, dtype=None, trace: bool = False, progress: bool | None = False,
                         options: Mapping | None = None, checkpoint=None, checkpoint_every=None, resume_from=None,
                         make_result):
    """Run ``method`` (see :data:`METHODS`) from ``initial`` ({symbol: value}); ``make_result`` builds the
    :class:`~symopt.minimize.Result` (its fields: params, value, history, steps, message, success, trace).
    ``trace=True`` records each iterate's cost, parameters and gradient; ``progress`` shows a bar of the iterations
    (:func:`~symopt.progress.progress_bar`: None = when interactive, after 1 s); ``options`` are first-order
    settings, rejected when given.  ``checkpoint``, ``checkpoint_every`` (iterations) and ``resume_from`` work
    for ``"newton"`` (:mod:`symopt.method_checkpoints`)."""
    _check_options(method, options or {}, bounds)
    check_fixed_shapes(method, initial)
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 1:
        raise ConfigurationError(f"steps: expected a positive integer; given {steps!r}")
    problem, x0 = Problem.build(cost, initial, data, dtype)
    pairs = None if bounds is None else scipy_bounds(problem, bounds)  # checked before anything runs
    if pairs is not None:
        x0 = clipped_start(x0, pairs)
    saver = method_checkpoints(method, problem, checkpoint, checkpoint_every, resume_from)
    recorder = Recorder(problem, callback, make_result, trace, pairs)
    start = 0
    if resume_from is not None:
        x0, recorder.history, start = saver.restore(resume_from, x0, steps)
    with ignoring_float_errors(), progress_bar(steps, progress) as recorder.bar:  # a non-finite value is reported
        # (Recorder), whatever the host set
        if method == "newton":
            x, steps_done, message, success = damped_newton(problem, x0, steps, NEWTON_TOL if tol is None else tol, recorder,
                                                      start, saver, own_tol=tol is None)
            if tol is None and not success and "no finite minimizer" not in message:  # Newton's own (final39b F39b-7)
                message += f" (Newton's own tol = {NEWTON_TOL:g})"
        else:
            x, steps_done, message, success = scipy_method(METHODS[method], problem, x0, steps, tol, pairs, recorder)
        value = problem.returned_value(x, pairs)
        stated = NEWTON_TOL if tol is None and method == "newton" else tol
        message = at_returned_point(problem, x, pairs, stated, message, success)

    def result():
        return make_result(problem.params(x, pairs), value, np.asarray(recorder.history, dtype=float), steps_done,
                           message, success=success, trace=recorder.trace)
    if saver is not None and saver.path is not None:
        saver.save(x, recorder.history, steps_done, result)
    return result()
