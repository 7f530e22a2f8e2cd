r"""A per-step record of a training run: parameters, gradients and optimizer state.

``minimize(..., trace=True)`` fills a :class:`Trace`; it renders as a text table
(``str``), Markdown (``.markdown()``) and HTML in notebooks (``_repr_html_``).
For Adam the effective step size :math:`\alpha_t = \eta\sqrt{1-\beta_2^t}/(1-\beta_1^t)`
is recorded as ``lr_t``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import numpy as np

__all__ = ["Trace"]


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

    def record(self, values: list) -> None:
        self.rows.append(values)

    def column(self, name: str) -> list:
        """Every recorded value of one column."""
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

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
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def _repr_html_(self, limit: int = 50) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.columns)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                       for row in self._table(limit))
        more = f"<p>… {len(self.rows) - limit} more steps</p>" if len(self.rows) > limit else ""
        return f"<table class='symopt-trace'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"
