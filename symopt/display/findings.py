r"""What ``explain`` finds for one parameter (:class:`Finding`), and the status of a gradient array
(:func:`status_of`: zero, vanishing, not finite, partly zero, fine) or of a scalar parameter's signed slope
(:func:`scalar_status`: ``fine: dJ/dw = -4``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .glyphs import format_number

__all__ = ["TINY", "INPUTS", "Finding", "status_of", "scalar_status", "parameter_status"]

#: Below this magnitude a gradient entry (or an activation's derivative) counts as vanishing.
TINY = 1e-8

#: The word for a weight's inputs in a "partly zero" status (``0 for 2 of 5 inputs``).
INPUTS = "inputs"


@dataclass(frozen=True)
class Finding:
    """One parameter: its ``status``, the ``causes`` found (``(kind, message)``) and the ``line`` they point at."""

    parameter: str
    status: str
    detail: str
    causes: tuple = ()
    line: str | None = None


def status_of(gradient: np.ndarray, unit_axis: int | None = None, input_axis: int | None = None) -> tuple[str, str]:
    """``(status, detail)`` of a gradient array; ``unit_axis`` indexes units (rows of dW₁ for Z₁ = W₁X),
    ``input_axis`` the layer's inputs (columns of dW₂ for Z₂ = W₂A₁: a dead unit of A₁ zeroes one)."""
    gradient = np.atleast_2d(gradient)
    bad = ~np.isfinite(gradient)
    if bad.any():
        return "not finite", f"not finite in {int(bad.sum())} of {gradient.size} entries (NaN or ∞)"
    largest = float(np.max(np.abs(gradient))) if gradient.size else 0.0
    if largest == 0:
        return "zero", "0 in every entry"
    if largest < TINY:
        return "vanishing", f"vanishing (largest |entry| {largest:.2g})"
    if unit_axis is not None:
        other = tuple(axis for axis in range(gradient.ndim) if axis != unit_axis)
        quiet = np.all(np.abs(gradient) < TINY, axis=other)
        if quiet.any():
            return "partly zero", f"0 for {int(quiet.sum())} of {quiet.size} units"
    if input_axis is not None:
        quiet = np.all(np.abs(gradient) < TINY, axis=1 - input_axis)
        if quiet.any():
            return "partly zero", f"0 for {int(quiet.sum())} of {quiet.size} {INPUTS}"
    return "fine", f"fine (largest |entry| {largest:.4g})"


def scalar_status(slope: float, name: str, shown: str) -> tuple[str, str]:
    """``(status, detail)`` of a scalar parameter's slope ``name`` (``dJ/dw``), signed, as ``shown`` (the number the
    derivation prints): ``("fine", "fine: dJ/dw = -4")``, ``("zero", "zero: dJ/dw = 0")``, ``("not finite",
    "not finite: dJ/dw is NaN")``; the sign says which way gradient descent moves (none for 0: the code's -0.0 reads
    ``0``)."""
    status = status_of(np.asarray(slope, dtype=float))[0]
    value = "is NaN" if np.isnan(slope) else f"= {'0' if status == 'zero' else shown}"
    return status, f"{status}: {name} {value}"


def parameter_status(gradient: np.ndarray, slope: str | None, unit_axis: int | None = None,
                     input_axis: int | None = None) -> tuple[str, str]:
    """``(status, detail)`` of a network parameter's computed gradient: a scalar parameter's (``slope`` its name,
    ``dJ/db``) signed, :func:`scalar_status`; a matrix's (``slope`` None) by entry, :func:`status_of`."""
    if slope is None or np.size(gradient) != 1:
        return status_of(gradient, unit_axis, input_axis)
    number = float(np.asarray(gradient, dtype=float).item())
    return scalar_status(number, slope, format_number(number))
