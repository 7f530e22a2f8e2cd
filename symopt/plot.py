r"""Plots for teaching (matplotlib, an optional extra: ``pip install symopt[plot]``).

* :func:`loss_curve` — the cost per step of one or more results.
* :func:`optimizer_paths` — for a cost of one parameter, the curve :math:`J(w)` with each
  optimizer's iterates on it; for two parameters, the contours of :math:`J` with each path.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np

from .compiler import compile_expressions, free_inputs
from .minimize import minimize

__all__ = ["loss_curve", "optimizer_paths", "PATH_STYLES"]

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


def loss_curve(results: Mapping[str, object] | object, *, ax=None, log: bool = True):
    """Plot ``result.history`` (or several, ``{label: result}``) against the step; returns the axes."""
    pyplot = _pyplot()
    ax = ax or pyplot.figure(figsize=(6, 4)).gca()
    runs = results if isinstance(results, Mapping) else {"cost": results}
    for label, result in runs.items():
        ax.plot(np.arange(len(result.history)), result.history, label=label)
    ax.set_xlabel("step")
    ax.set_ylabel("cost J")
    if log and all(np.all(np.asarray(r.history) > 0) for r in runs.values()):
        ax.set_yscale("log")
    ax.legend()
    return ax


def _vectorized(cost, symbols: list, data: Mapping):
    """``J`` as a NumPy function of the plotted parameters (other inputs bound from ``data``)."""
    others = [s for s in free_inputs([cost]) if s not in symbols]
    by_name = {str(k): v for k, v in data.items()}
    fixed = [np.asarray(data[s] if s in data else by_name[str(s)], dtype=float) for s in others]
    function, _ = compile_expressions([cost], symbols + others, dtype="float64", vectorized=True)

    def surface(*grids):
        return np.broadcast_to(function(*(np.asarray(g, dtype=float) for g in grids), *fixed)[0],
                               np.shape(grids[0]))
    return surface


def _path_style(index: int) -> dict:
    marker, line, size = PATH_STYLES[index % len(PATH_STYLES)]
    return {"marker": marker, "linestyle": line, "markersize": size, "markerfacecolor": "none",
            "markeredgewidth": 1.2, "linewidth": 1.2, "alpha": 0.9}


def optimizer_paths(cost, wrt: Mapping, optimizers: Mapping[str, object], *, steps: int = 50, data=None,
                    ax=None, span: float = 1.5, resolution: int = 120):
    r"""Run each optimizer from the same start and draw its path on :math:`J`.

    ``wrt`` is ``{w: start}`` (curve) or ``{w: start, b: start}`` (contours).
    """
    pyplot = _pyplot()
    symbols = list(wrt)
    if len(symbols) not in (1, 2):
        raise ValueError(f"optimizer_paths draws one or two parameters; given {len(symbols)}")
    paths = {}
    for label, optimizer in optimizers.items():
        result = minimize(cost, dict(wrt), data=data, optimizer=optimizer, steps=steps, trace=True)
        columns = [np.array(result.trace.column(str(s)), dtype=float) for s in symbols]
        final = [float(np.asarray(result.params[s])) for s in symbols]
        paths[label] = [np.append(c, f) for c, f in zip(columns, final)]
    ax = ax or pyplot.figure(figsize=(6, 4.5)).gca()
    every = np.concatenate([np.concatenate(p) for p in paths.values()])
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
    ax.legend()
    return ax
