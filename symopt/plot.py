r"""Plots for teaching (matplotlib, an optional extra: ``pip install symopt[plot]``).

* :func:`loss_curve` — the cost per step of one or more results.
* :func:`optimizer_paths` — for a cost of one parameter, the curve :math:`J(w)` with each
  optimizer's iterates on it; for two parameters, the contours of :math:`J` with each path.
* :func:`method_paths` — side-by-side contour plots of one path per method (GD, Momentum, Adam, Newton).
"""

from __future__ import annotations

import functools
import textwrap
from typing import Mapping

import numpy as np
import sympy

from .compiler import compile_expressions, free_inputs
from .display.png import cjk_families
from .errors import ConfigurationError, DivergenceError, IndefiniteHessianError, SingularHessianError
from .growth_check import diverging
from .minimize import minimize
from .optimizers import Optimizer

__all__ = ["loss_curve", "optimizer_paths", "method_paths", "PATH_STYLES"]

#: (marker, line style, marker size) of the 1st, 2nd, ... path: overlapping paths stay distinguishable
#: (a larger hollow marker shows around a smaller one on the same point).
PATH_STYLES = [("o", "-", 9), ("s", "--", 7), ("^", ":", 5), ("D", "-.", 4), ("v", (0, (5, 1)), 3)]


def _pyplot():
    try:
        import matplotlib
        matplotlib.use(matplotlib.get_backend())
        import matplotlib.pyplot as pyplot
    except ImportError as error:
        raise ImportError("symopt.plot needs matplotlib: pip install 'symopt[plot]'") from error
    return pyplot


def _with_cjk_fonts(plotting):
    """Draw ``plotting``'s labels, legend and titles in the user's ``font.family`` (serif, xkcd, a style sheet's),
    then the installed :func:`~symopt.display.png.cjk_families`: matplotlib takes a glyph the user's fonts lack
    from those, so a Chinese run label or parameter name is never drawn as empty boxes (probe59 P59-13)."""
    @functools.wraps(plotting)
    def plotted(*args, **kwargs):
        import matplotlib

        _pyplot()
        with matplotlib.rc_context({"font.family": [*matplotlib.rcParams["font.family"], *cjk_families()]}):
            return plotting(*args, **kwargs)
    return plotted


@_with_cjk_fonts
def loss_curve(results, *, ax=None, log: bool = True):
    """Plot the cost against the step for a Result, ``{label: result}``, a list of Results ("run 1", ...) or a
    history array (``result.history``); returns the axes."""
    pyplot = _pyplot()
    histories = _histories(results)
    ax = ax or pyplot.figure(figsize=(6, 4)).gca()
    for label, history in histories.items():
        ax.plot(np.arange(len(history)), history, label=label)
    ax.set_xlabel("step")
    ax.set_ylabel("cost J")
    if log and all(np.all(history > 0) for history in histories.values()):
        ax.set_yscale("log")
    ax.legend()
    return ax


def _history(result, label: str) -> np.ndarray:
    history = getattr(result, "history", result)
    try:
        values = np.asarray(history, dtype=float)
    except (TypeError, ValueError):
        values = None
    if values is None or values.ndim != 1:
        raise ConfigurationError(f"loss_curve: {label} should be a Result or a history of costs (one number per "
                                 f"step); given {type(result).__name__}")
    return values


def _histories(results) -> dict:
    """``{label: history array}`` from a Result, a mapping, a list of Results or one history."""
    if isinstance(results, Mapping):
        runs = dict(results)
    elif isinstance(results, (list, tuple)) and results and hasattr(results[0], "history"):
        runs = {f"run {i}": result for i, result in enumerate(results, start=1)}
    else:
        runs = {"cost": results}
    return {str(label): _history(result, repr(str(label))) for label, result in runs.items()}


def _vectorized(cost, symbols: list, data: Mapping):
    """``J`` as a NumPy function of the plotted parameters (other inputs bound from ``data``).  Points outside the
    cost's real domain (``log(w)`` at ``w <= 0``) and infinite values are NaN, which matplotlib leaves as gaps in
    curves and contours, without NumPy's warnings.  A cost that reads an array of data (``mean((x - mu)²)``) is
    evaluated at one grid point at a time: over the whole grid at once its sums would add the grid's points too."""
    others = [s for s in free_inputs([cost]) if s not in symbols]
    by_name = {str(k): v for k, v in data.items()}
    fixed = [np.asarray(data[s] if s in data else by_name[str(s)], dtype=float) for s in others]
    function, _ = compile_expressions([cost], symbols + others, dtype="float64", vectorized=True)
    reads_arrays = any(np.ndim(value) > 0 for value in fixed)

    def surface(*grids):
        grids = [np.asarray(g, dtype=float) for g in grids]
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            if reads_arrays:  # one grid point at a time: the cost's sums run over the data's rows, not over the grid
                values = np.array([float(function(*point, *fixed)[0]) for point in zip(*(g.ravel() for g in grids))])
                values = values.reshape(np.shape(grids[0]))
            else:
                values = np.asarray(function(*grids, *fixed)[0], dtype=float)
        return np.where(np.isfinite(values), np.broadcast_to(values, np.shape(grids[0])), np.nan)
    return surface


def _path_style(index: int) -> dict:
    marker, line, size = PATH_STYLES[index % len(PATH_STYLES)]
    return {"marker": marker, "linestyle": line, "markersize": size, "markerfacecolor": "none",
            "markeredgewidth": 1.2, "linewidth": 1.2, "alpha": 0.9}


@_with_cjk_fonts
def optimizer_paths(cost, wrt: Mapping, optimizers: Mapping[str, object], *, steps: int = 50, data=None,
                    ax=None, span: float = 1.5, resolution: int = 120):
    r"""Run each optimizer from the same start and draw its path on :math:`J`.

    ``wrt`` is ``{w: start}`` (curve) or ``{w: start, b: start}`` (contours) and ``optimizers`` is
    ``{label: optimizer}``; a Variable, a list of them, a name or one optimizer instead is a ConfigurationError
    that shows the mapping to write.
    """
    pyplot = _pyplot()
    wrt = _starts("optimizer_paths", wrt)
    _check_data("optimizer_paths", data)
    symbols = list(wrt)
    _optimizers("optimizer_paths", optimizers, methods=False)
    if len(symbols) not in (1, 2):
        raise ConfigurationError(f"optimizer_paths draws one or two parameters (a curve or a contour map); given "
                                 f"{len(symbols)}: {', '.join(map(str, symbols))}. Plot two of them with the others "
                                 "bound in data, or compare the runs with loss_curve")
    runs = {label: _run_path(cost, wrt, symbols, data, steps, {"optimizer": optimizer})
            for label, optimizer in optimizers.items()}
    paths = {label + _suffix(stop): list(path.T) for label, (path, stop) in runs.items()}
    every = _extent(runs)
    ax = ax or pyplot.figure(figsize=(6, 4.5)).gca()
    low, high = every.min(), every.max()
    margin = max(span * (high - low) / 2, 1.0)
    grid = np.linspace(low - margin, high + margin, resolution)
    surface = _vectorized(cost, symbols, data or {})
    if len(symbols) == 1:
        ax.plot(grid, surface(grid), color="0.6", label="J")
        for index, (label, (path,)) in enumerate(paths.items()):
            ax.plot(path, surface(path), label=label, **_path_style(index))
        ax.set_xlabel(str(symbols[0]))
        ax.set_ylabel("J")
    else:
        a, b = np.meshgrid(grid, grid)
        ax.contour(a, b, surface(a, b), levels=25, cmap="viridis")
        for index, (label, (first, second)) in enumerate(paths.items()):
            ax.plot(first, second, label=label, **_path_style(index))
        ax.set_xlabel(str(symbols[0]))
        ax.set_ylabel(str(symbols[1]))
        ax.set_ylim(grid[0], grid[-1])
    ax.set_xlim(grid[0], grid[-1])  # a diverged path leaves the picture
    ax.legend()
    return ax


def _start_example(parameters) -> str:
    """``{w: 0.0, b: 0.0}``: the mapping ``wrt`` should be, for the parameters given (a Variable's initial value)."""
    starts = []
    for parameter in parameters:
        init = getattr(parameter, "init", None)
        start = float(init) if init is not None and np.size(init) == 1 else 0.0
        starts.append(f"{parameter}: {start!r}")
    return "{" + ", ".join(starts) + "}"


def _starts(function: str, wrt) -> dict:
    """``wrt`` checked: a mapping ``{parameter: start}`` whose keys are symbols (Variables) and whose starts are real
    numbers, else a :class:`ConfigurationError` that shows the mapping to write."""
    if isinstance(wrt, sympy.Symbol) or (isinstance(wrt, (list, tuple, set)) and wrt
                                         and all(isinstance(p, sympy.Symbol) for p in wrt)):
        parameters = [wrt] if isinstance(wrt, sympy.Symbol) else list(wrt)
        kind = "the Variable" if getattr(wrt, "is_variable", False) else (
            "the symbol" if isinstance(wrt, sympy.Symbol) else f"a {type(wrt).__name__} of parameters")
        shown = wrt if isinstance(wrt, sympy.Symbol) else "[" + ", ".join(map(str, wrt)) + "]"
        raise ConfigurationError(f"{function}: wrt should be a mapping {{parameter: start}}, the point every path "
                                 f"starts from; given {kind} {shown}: write {_start_example(parameters)}")
    if not isinstance(wrt, Mapping):
        raise ConfigurationError(f"{function}: wrt should be a mapping {{parameter: start}}, such as {{w: 0.0}}; "
                                 f"given {type(wrt).__name__} {wrt!r}")
    checked = {}
    for parameter, start in wrt.items():
        if not isinstance(parameter, sympy.Symbol):
            raise ConfigurationError(f"{function}: the keys of wrt should be the scalar parameters (symopt.Variable "
                                     f"or sympy.Symbol objects, as in the cost); given {type(parameter).__name__} "
                                     f"{parameter!r}: use the parameter itself, not its name")
        try:
            number = float(start)
        except (TypeError, ValueError):
            number = None
        if number is None or not np.isfinite(number) or isinstance(start, (bool, str)):
            raise ConfigurationError(f"{function}: the start of {parameter} should be a finite real number; given "
                                     f"{type(start).__name__} {start!r}: write {{{parameter}: 0.0}}")
        checked[parameter] = start
    return checked


def _check_data(function: str, data) -> None:
    """``data`` no stream of mini-batches: the picture draws :math:`J` over all the data at every grid point, which a
    stream (a function making one, a list of batch mappings, an iterator) does not hold (it died with an
    AttributeError).  Any other kind is left to the binding's check, which names its own mistakes (a list of
    ``(symbol, array)`` pairs: final48g 48g-8)."""
    stream = callable(data) or isinstance(data, (list, tuple)) and bool(data) and isinstance(data[0], Mapping) or \
        not isinstance(data, Mapping) and hasattr(data, "__next__")
    if stream:
        raise ConfigurationError(f"{function}: data should be a dict {{input: array}} (J is drawn over all the data at "
                                 f"every point of the picture); given {type(data).__name__}. A stream of mini-batches "
                                 "cannot draw J: pass its arrays, e.g. data={X: features, y: targets}")


def _optimizers(function: str, optimizers, *, methods: bool) -> None:
    """``optimizers`` checked: a non-empty mapping ``{label: optimizer}`` (or, with ``methods``, a second-order
    method's name such as ``"newton"``), else a :class:`ConfigurationError` that shows the mapping to write."""
    argument = "methods" if methods else "optimizers"
    if isinstance(optimizers, Optimizer) or (isinstance(optimizers, (list, tuple)) and optimizers):
        given = [optimizers] if isinstance(optimizers, Optimizer) else list(optimizers)
        shown = ", ".join(f"{type(o).__name__!r}: {o!r}" for o in given)
        raise ConfigurationError(f"{function}: {argument} should be a mapping {{label: optimizer}}, the label shown "
                                 f"in the legend; given {type(optimizers).__name__}: write {{{shown}}}")
    if not isinstance(optimizers, Mapping) or not optimizers:
        raise ConfigurationError(f"{function}: {argument} should be a non-empty mapping {{label: optimizer}}, such "
                                 f"as {{'GD': symopt.GradientDescent(0.1)}}; given {type(optimizers).__name__} "
                                 f"{optimizers!r}")
    for label, optimizer in optimizers.items():
        if not (isinstance(optimizer, Optimizer) or (methods and isinstance(optimizer, str))):
            expected = "an optimizer or a method's name ('newton')" if methods else "an optimizer"
            raise ConfigurationError(f"{function}: {argument}[{label!r}] should be {expected}, such as "
                                     f"symopt.GradientDescent(0.1); given {type(optimizer).__name__} {optimizer!r}")


def _run_path(cost, wrt: Mapping, symbols: list, data, steps: int, options: dict) -> tuple[np.ndarray, str]:
    """The start and the parameters after each step (rows), and how the run ended: ``""`` (it ran or converged),
    ``"diverged"``, or why Newton stopped (``"cannot start: Hessian not positive definite at the start"``).  A run
    that fails is drawn up to its last finite point (the teacher's "too large a learning rate" picture), not
    raised, so the other panels survive."""
    points = [[float(wrt[s]) for s in symbols]]

    def record(step, cost_value, params):
        points.append([float(np.asarray(params[s])) for s in symbols])
    try:
        result = minimize(cost, dict(wrt), data=data, steps=steps, callback=record, **options)
    except DivergenceError:
        path = np.array(points)
        return path[np.all(np.isfinite(path), axis=1)], "diverged"
    except IndefiniteHessianError as error:
        return np.array(points), _newton_stop(error, len(points) - 1)
    return np.array(points), "diverged" if diverging(result.history) else ""  # grown by orders, finite (P64-9)


def _newton_stop(error: IndefiniteHessianError, steps_taken: int) -> str:
    """Why Newton stopped after ``steps_taken`` steps, in a few words for a panel's title."""
    if getattr(error, "result", None) is None:  # stopped where the gradient is 0: a maximum or a saddle point
        return "stopped: gradient 0 at a saddle point or maximum"
    matrix = "Hessian singular" if isinstance(error, SingularHessianError) else "Hessian not positive definite"
    if steps_taken == 0:
        return f"cannot start: {matrix} at the start"
    return f"stopped: {matrix} after {steps_taken} step{'s' if steps_taken != 1 else ''}"


def _title(label: str, path: np.ndarray, stop: str) -> str:
    """A panel's title: ``Momentum (diverged): 5 steps``, or Newton's reason for stopping on lines of their own
    (a panel is narrow)."""
    count = len(path) - 1
    steps = f"{count} step{'s' if count != 1 else ''}"
    if stop in ("", "diverged"):
        return f"{label}{_suffix(stop)}: {steps}"
    return f"{label}: {steps}\n" + textwrap.fill(f"({stop})", 34)


def _suffix(stop: str) -> str:
    """A legend label's note on how its run ended: `` (diverged)``."""
    return f" ({stop})" if stop else ""


def _extent(runs: dict) -> np.ndarray:
    """The points the picture must show: every path that converged or stopped, and the first step of a diverged one
    (its later points would stretch the contours over hundreds of orders of magnitude)."""
    kept = [path if stop != "diverged" else path[:2] for path, stop in runs.values()]
    return np.concatenate(kept)


@_with_cjk_fonts
def method_paths(cost, wrt: Mapping, methods: Mapping[str, object] | None = None, *, steps: int = 60, data=None,
                 resolution: int = 120, span: float = 1.3):
    r"""One contour plot of a two-parameter cost per method, side by side, each with its path from the same start.

    ``methods`` maps a label to an optimizer (``symopt.Momentum(0.05, 0.9)``) or a second-order method name
    (``"newton"``); by default gradient descent, Momentum, Adam and Newton.  Newton's step
    :math:`\theta - H^{-1}\nabla J` lands on a quadratic's minimum at once, where gradient descent zig-zags
    along the steep eigenvector (stable only for :math:`\eta < 2/\lambda_{\max}`).  A run that fails is drawn up
    to where it stopped and its title says so: ``Momentum (diverged): 5 steps``, or Newton's reason, such as
    ``(cannot start: Hessian not positive definite at the start)`` from a start where the cost curves down
    (a saddle, Himmelblau's function away from its minima).  Returns the figure.
    """
    from .optimizers import Adam, GradientDescent, Momentum

    pyplot = _pyplot()
    wrt = _starts("method_paths", wrt)
    _check_data("method_paths", data)
    symbols = list(wrt)
    if methods is not None:
        _optimizers("method_paths", methods, methods=True)
    if len(symbols) != 2:
        raise ConfigurationError(f"method_paths draws the contours of two parameters; given {len(symbols)}: "
                                 f"{', '.join(map(str, symbols))}. Bind the others in data, or compare the runs with "
                                 "loss_curve")
    methods = methods or {"gradient descent": GradientDescent(0.1), "Momentum": Momentum(0.05, 0.9),
                          "Adam": Adam(0.3), "Newton": "newton"}
    runs = {label: _run_path(cost, wrt, symbols, data, steps,
                             {"method": method} if isinstance(method, str) else {"optimizer": method})
            for label, method in methods.items()}
    every = _extent(runs)
    low, high = every.min(axis=0), every.max(axis=0)
    margin = np.maximum(span * (high - low) / 2, 1.0)
    a, b = np.meshgrid(np.linspace(low[0] - margin[0], high[0] + margin[0], resolution),
                       np.linspace(low[1] - margin[1], high[1] + margin[1], resolution))
    surface = _vectorized(cost, symbols, data or {})(a, b)
    figure, axes = pyplot.subplots(1, len(runs), figsize=(3.4 * len(runs), 3.4), sharex=True, sharey=True)
    for ax, (label, (path, stop)) in zip(np.atleast_1d(axes), runs.items()):
        ax.contour(a, b, surface, levels=20, cmap="viridis", linewidths=0.7)
        ax.plot(path[:, 0], path[:, 1], "o-", ms=3, color="crimson")
        ax.set_xlim(a[0, 0], a[0, -1])  # a diverged path leaves the picture
        ax.set_ylim(b[0, 0], b[-1, 0])
        ax.set_title(_title(label, path, stop))
        ax.set_xlabel(str(symbols[0]))
    np.atleast_1d(axes)[0].set_ylabel(str(symbols[1]))
    figure.tight_layout()
    return figure
