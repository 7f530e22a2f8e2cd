r"""A per-step record of a training run: parameters, gradients and optimizer state.

``minimize(..., trace=True)`` fills a :class:`Trace`; it renders as a text table
(``str``), Markdown (``.markdown()``) and HTML in notebooks (``_repr_html_``).
For Adam the effective step size :math:`\alpha_t = \eta\sqrt{1-\beta_2^t}/(1-\beta_1^t)`
is recorded as ``lr_t``.
"""

from __future__ import annotations

import difflib
import html
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import sympy

from .errors import ConfigurationError, UnsupportedOperationError
from .symbols import why_two_symbols

__all__ = ["Trace"]

#: Names a user may give the cost's column, which is ``cost``.
_COST_NAMES = {"j": "cost", "loss": "cost", "value": "cost", "objective": "cost"}


def _refuse_same_name(symbol, parameters: dict) -> None:
    """``trace[W]`` with another ``W`` than the run's (made in a spawn worker, or by a notebook cell run again): a
    message naming both and the column's name, where "W is not a parameter (its parameters: W ...)" read as a
    contradiction (probe46 P46-7)."""
    same = [p for p in parameters if str(p) == str(symbol)]
    if not same:
        return
    raise ConfigurationError(f"{symbol} is another symbol than this run's parameter {same[0]}: they share the name "
                             f"{str(symbol)!r}, {why_two_symbols(symbol, same[0], 'the run')}. Read the column by its name, "
                             f"trace[{parameters[same[0]]!r}], "
                             "or by the run's own symbol")


def _real_name(parameter) -> str:
    return str(getattr(parameter, "name", parameter))


def _free(title: str, taken: set) -> str:
    """``title``, primed (``m_w′``) until no column bears it."""
    while title in taken:
        title += "′"
    taken.add(title)
    return title


def _derived_title(column: str, generated: dict, titles: dict) -> str:
    """A gradient (``dJ/dw``, ``clip(dJ/dw)``) or a parameter's slot (``m_w``: the slot's name, ``_`` and the
    parameter's generated name) titled by its parameter's title; a shared slot (``beta1_power``) as it is."""
    for pattern in ("dJ/d{}", "clip(dJ/d{})"):
        for name, parameter in generated.items():
            if column == pattern.format(name):
                return pattern.format(titles[parameter])
    owners = [name for name in generated if column.endswith(f"_{name}") and len(column) > len(name) + 1]
    if not owners:
        return column
    owner = max(owners, key=len)  # m_u_m_w: the slot m of the Variable m_w (generated u_m_w), not of w
    return f"{column[:-len(owner)]}{titles[generated[owner]]}"


def titled_columns(columns: list, parameters: dict) -> tuple[list, dict]:
    """Columns titled by the parameters' names as typed, and ``{parameter: its column}`` (probe52 P52-6).

    ``columns`` come from the generated program (``step``, ``cost``, each parameter's generated name and
    ``dJ/d`` + it, slots ``m_`` + it, shared slots); ``parameters`` is ``{parameter: its generated name}``.  A
    parameter's column bears its name (``lambda``, ``w.1``); where the step counter or another parameter holds that
    name first (a Variable ``step``, two ``w``), its generated name.  Then gradients and slots, titled by their
    parameter's column (``dJ/dlambda``, ``m_lambda``), and shared slots: one whose title a column holds already (a
    Variable ``m_w`` beside Adam's slot of ``w``) is primed, ``m_w′``, so no column bears another's name."""
    taken = set(columns[:2])  # step, cost
    counts = Counter(_real_name(p) for p in parameters)
    titles = {}
    for parameter in parameters:
        name = _real_name(parameter)
        if counts[name] == 1 and name not in taken:
            titles[parameter] = name
            taken.add(name)
    for parameter, generated in parameters.items():
        if parameter not in titles:
            titles[parameter] = _free(generated, taken)
    generated = {name: parameter for parameter, name in parameters.items()}
    retitled, placed = [], set()
    for index, column in enumerate(columns):
        if index < 2:
            retitled.append(column)
        elif column in generated and generated[column] not in placed:  # its own column: a later column of that
            placed.add(generated[column])  # name (Adam's lr_t beside a Variable lr_t) is primed (final40c F40c-11)
            retitled.append(titles[generated[column]])
        else:
            retitled.append(_free(_derived_title(column, generated, titles), taken))
    return retitled, titles


def _cell(value) -> str:
    array = np.asarray(value)
    if array.ndim == 0:
        return f"{float(array):.6g}"
    if array.size <= 4:
        return np.array2string(array.ravel(), precision=4, separator=", ")
    return f"{array.shape} max abs {float(np.abs(array).max()):.3g}"


@dataclass
class Trace:
    """Columns (``step``, ``cost``, then ``w``, ``dJ/dw``, slots ...) and one row per step."""

    columns: list
    rows: list = field(default_factory=list)
    #: ``{parameter: its column}``: given as ``{parameter: its generated name}`` with the generated program's
    #: columns, retitled by :func:`titled_columns`: a parameter's column is its name as typed (``lambda``,
    #: ``layer1.w``; a Variable named ``step`` or ``cost`` is ``step_`` beside the step counter).
    parameters: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.parameters:
            self.columns, self.parameters = titled_columns(list(self.columns), dict(self.parameters))

    def record(self, values: list) -> None:
        self.rows.append(values)

    def column(self, name) -> list:
        """Every recorded value of one column, by its name (``"cost"``, ``"dJ/dw"``) or a parameter's symbol;
        ``trace["cost"]`` is the same.  A name not among :attr:`columns` is a
        :class:`~symopt.errors.ConfigurationError` listing them, with the closest match."""
        index = self._index(name)
        return [row[index] for row in self.rows]

    __getitem__ = column

    def __contains__(self, name) -> bool:
        if isinstance(name, sympy.Basic):
            return name in self.__dict__.get("parameters", {s: None for s in [name] if str(s) in self.columns})
        return isinstance(name, str) and name in self.columns

    def __iter__(self):
        raise UnsupportedOperationError(
            "a Trace is not iterated: it has columns and rows, and either could be meant. Iterate trace.columns for "
            "the names, trace.rows for one list per step, or read a column with trace.column(name) or trace[name] "
            f"(columns {self.columns})")

    def _index(self, name) -> int:
        parameters = self.__dict__.get("parameters")
        if parameters is None:  # a Trace pickled before it had them: by name, as then (final38b F38b-7)
            parameters = {name: str(name)} if isinstance(name, sympy.Basic) and str(name) in self.columns else {}
        if isinstance(name, sympy.Basic) and name in parameters:  # a parameter: its column (final38a F38a-4)
            return self.columns.index(parameters[name])
        if isinstance(name, sympy.Basic) and not name.is_Number:  # final38b F38b-5: a symbol, not the run's
            _refuse_same_name(name, parameters)
            runs = ", ".join(f"{p} (column {c!r})" for p, c in parameters.items())
            raise ConfigurationError(f"{name} is not a parameter of this run (its parameters: {runs or 'unknown'}); "
                                     "index by the run's own symbol or by the column's name")
        shared = [p for p in parameters if isinstance(name, str) and _real_name(p) == name]
        if len(shared) > 1:  # as result[name] (probe52 P52-6): not the first of them
            raise ConfigurationError(f"trace[{name!r}]: two parameters share the name {name!r} (columns "
                                     f"{', '.join(repr(parameters[p]) for p in shared)}); index by the symbol, "
                                     "trace[w], or by the column's name")
        if isinstance(name, str) and name in self.columns:
            return self.columns.index(name)
        given = f"{name!r}" if isinstance(name, str) else f"{type(name).__name__} {name!r:.40}"
        if not isinstance(name, str):
            hint = " Read a step's row with trace.rows[k]." if isinstance(name, (int, np.integer, slice)) else ""
            raise ConfigurationError(f"a trace column is read by its name; expected one of {self.columns}, given "
                                     f"{given}.{hint}")
        folded = {c.lower(): c for c in self.columns}
        alias = _COST_NAMES.get(name.strip().lower())
        close = ([folded[name.lower()]] if name.lower() in folded else [alias] if alias in self.columns else
                 difflib.get_close_matches(name, self.columns, 1))
        advice = f" Did you mean {close[0]!r}?" if close else " Give one of those names."
        raise ConfigurationError(f"this trace has no column {given}; expected one of {self.columns}.{advice}")

    def __len__(self) -> int:
        return len(self.rows)

    def _table(self, limit: int | None = None) -> list[list[str]]:
        rows = self.rows if limit is None or len(self.rows) <= limit else self.rows[:limit]
        return [[_cell(v) for v in row] for row in rows]

    def __str__(self) -> str:
        body = self._table(limit=50)
        widths = [max([len(c)] + [len(r[i]) for r in body]) for i, c in enumerate(self.columns)]
        lines = ["  ".join(c.rjust(w) for c, w in zip(self.columns, widths))]
        lines += ["  ".join(cell.rjust(w) for cell, w in zip(row, widths)) for row in body]
        if len(self.rows) > len(body):
            lines.append(f"... {len(self.rows) - len(body)} more steps")
        return "\n".join(lines)

    __repr__ = __str__

    def markdown(self, limit: int = 50) -> str:
        body = self._table(limit)
        lines = ["| " + " | ".join(self.columns) + " |", "|" + "---|" * len(self.columns)]
        lines += ["| " + " | ".join(row) + " |" for row in body]
        more = [f"\n… {len(self.rows) - len(body)} more steps"] if len(self.rows) > len(body) else []
        return "\n".join(lines + more)  # the cut said, as in str() and the HTML (probe59 P59-5)

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def _repr_html_(self, limit: int = 50) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.columns)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                       for row in self._table(limit))
        more = f"<p>… {len(self.rows) - limit} more steps</p>" if len(self.rows) > limit else ""
        return f"<table class='symopt-trace'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"
