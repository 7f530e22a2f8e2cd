"""An exact number as ``explain`` prints it where float64 cannot hold it (``exp(1000)``: ``1.97007e+434``;
``3*(1e-200)**2``: ``3e-400``; a subnormal's digits), and a computed float64 number beside the exact one it
rounds (``7.44015e-44 exactly, computed as 0``): a printed value is the true value to the digits shown."""

from __future__ import annotations

import re

import numpy as np
import sympy

from .glyphs import format_number
from .values import FLOAT_MAX

__all__ = ["FLOAT_TINY", "beyond_float64", "rounded", "exactly", "exponential_tower"]

#: float64's smallest normal number: a value nearer 0 keeps fewer than 53 bits (-1.42436e-323 is -1.4822e-323) or
#: none (0).
FLOAT_TINY = float(np.finfo(np.float64).tiny)


def beyond_float64(number) -> str:
    """A real number, one past float64's range too (``exp(1000)``: ``1.97007e+434``; ``exp(exp(100))``: ``about
    10^1.16743e+43``; ``-exp(exp(100))``: ``about -10^1.16743e+43``; ``3*(1e-200)**2``: ``3e-400``), with six
    significant digits; SymPy's digits below float64's smallest normal number, where float64 would round them.  ``number`` may hold a constant SymPy keeps exact
    (``-2.73e-391/√π``, the slope of ``erfc(w)`` at ``w = 30``): it is evaluated to six digits."""
    if 0 < abs(number) < FLOAT_TINY:
        return re.sub(r"\.?0*e", "e", sympy.sstr(sympy.N(number, 6)))
    if abs(number) <= FLOAT_MAX:
        return format_number(number)
    shown = re.sub(r"\.?0*e", "e", sympy.sstr(sympy.N(number, 6)))  # 1e+400, as 1e-400 (not 1.00000e+400)
    if len(shown) <= 20:
        return shown
    sign = "-" if number < 0 else ""  # the sign log(|number|) drops: -exp(w²) at 1e10 is -10^…, not 10^… (47d-10)
    # evalf(6) then format_number's six digits rounded twice: 4.34295e+19 for 4.342944e+19
    return f"about {sign}10^{format_number(sympy.log(abs(number), 10).evalf(15))}"


def rounded(computed: float) -> bool:
    """Whether a computed float64 number may not be the exact one by more than its last digits: 0, a subnormal,
    ±∞ or NaN."""
    return not np.isfinite(computed) or abs(computed) < FLOAT_TINY


def exactly(computed: float, exact) -> str:
    """``computed`` as shown (``-4``), or where it is :func:`rounded` and ``exact`` (a finite SymPy number, or None:
    unknown) is not 0, both: ``7.44015e-44 exactly, computed as 0``."""
    shown = "NaN" if np.isnan(computed) else ("0" if computed == 0 else format_number(computed))
    if exact is None or exact.is_zero or not rounded(computed):
        return shown
    exact_shown = beyond_float64(exact)  # "about 10^…" is no exact number: not "about 10^… exactly"
    return f"{exact_shown}{'' if exact_shown.startswith('about') else ' exactly'}, computed as {shown}"


def exponential_tower(formula) -> bool:
    """Whether an exponential in ``formula`` (``exp(u)``, ``a^u``) has another in its exponent (``exp(exp(exp(w)))``):
    its exact value at a point past float64's range can have more digits than memory holds, so none is computed."""
    exponents = [node.args[0] for node in formula.atoms(sympy.exp)] + [
        node.exp for node in formula.atoms(sympy.Pow) if not node.exp.is_number]
    return any(exponent.has(sympy.exp) or any(not p.exp.is_number for p in exponent.atoms(sympy.Pow))
               for exponent in exponents)
