r"""Numbers in LaTeX math mode, where ``2.5e-07`` would read as 2.5·e − 07: ``2.5 \cdot 10^{-7}``.

Below the displays, so a schedule's own ``latex()`` writes its constants as :mod:`symopt.display` does.
"""

from __future__ import annotations

import re

__all__ = ["latex_of_printed"]


def latex_of_printed(printed: str) -> str:
    r"""A number printed by :func:`format_number` as LaTeX: ``1e-08`` as ``10^{-8}``, ``2.5e-07`` as
    ``2.5 \cdot 10^{-7}`` (in math mode ``2.5e-07`` reads as 2.5·e − 07), ``∞`` as ``\infty``, ``undefined`` as
    text; a matrix printed row by row (``[[undefined, 2.5e-07]]``) entry by entry; anything else unchanged."""
    if printed.startswith("["):
        return re.sub(r"[^\[\],\s]+", lambda entry: latex_of_printed(entry.group()), printed)
    if printed.isalpha():
        return rf"\text{{{printed}}}"
    if printed.lstrip("-") == "∞":
        return printed.replace("∞", r"\infty")
    mantissa, marker, exponent = printed.partition("e")
    if not marker:
        return printed
    power = f"10^{{{int(exponent)}}}"
    if mantissa in ("1", "-1"):
        return power if mantissa == "1" else f"-{power}"
    return f"{mantissa} \\cdot {power}"
