r"""Numbers in LaTeX math mode, where ``2.5e-07`` would read as 2.5·e − 07: ``2.5 \cdot 10^{-7}``.

Below the displays, so a schedule's own ``latex()`` writes its constants as :mod:`symopt.display` does.
"""

from __future__ import annotations

import re

__all__ = ["latex_of_printed"]

#: A number as format_number prints it in exponent form (``-2.5e-07``, ``1e+20``).
_NUMBER = re.compile(r"-?\d+(\.\d+)?e[+-]?\d+")


def latex_of_printed(printed: str) -> str:
    r"""A number printed by :func:`format_number` as LaTeX: ``1e-08`` as ``10^{-8}``, ``2.5e-07`` as
    ``2.5 \cdot 10^{-7}`` (in math mode ``2.5e-07`` reads as 2.5·e − 07), ``∞`` as ``\infty``, ``undefined`` as
    text; a matrix printed row by row (``[[undefined, 2.5e-07]]``) entry by entry; a large matrix's summary,
    ``(7×7 matrix, entries from -2.325 to 1.9603)``, as text, its × in math (no ``$`` of its own: a
    markdown note is inline ``$…$``); anything else that is not a number unchanged."""
    if printed.startswith("(") and printed.endswith(")"):  # split at the "e" of "entries", it raised (47d-7)
        return r"\text{%s}" % printed.replace("×", r"}\times\text{")
    if printed.startswith("["):
        return re.sub(r"[^\[\],\s]+", lambda entry: latex_of_printed(entry.group()), printed)
    if printed.isalpha():
        return rf"\text{{{printed}}}"
    if printed.lstrip("-") == "∞":
        return printed.replace("∞", r"\infty")
    mantissa, marker, exponent = printed.partition("e")
    if not marker or not _NUMBER.fullmatch(printed):
        return printed
    power = f"10^{{{int(exponent)}}}"
    if mantissa in ("1", "-1"):
        return power if mantissa == "1" else f"-{power}"
    return f"{mantissa} \\cdot {power}"
