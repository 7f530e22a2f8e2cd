r"""A JAX step's integers: refused where its float dtype would round them (probe31 P31-9).

The NumPy session computes integer arithmetic on fed ids exactly (in integers, or through float64, exact up to
:math:`2^{53}`).  A JAX step computes an integer plus a float constant, and ``%`` / ``//`` by a number, in its
float dtype, so in float32 every value past :math:`2^{24}` loses its low bits: a hash of raw ids,
``(ids * 1103515245 + 12345) % n``, picked other rows than TF1, silently.  :class:`FloatStepChecks` computes, before
each JAX step, the integer values the step would round (:func:`~.wide_integer_checks.rounded_operands`, evaluated in
float64, exactly) and raises ``UnsupportedOperationError`` when one lies past the float dtype's exact integers
(:math:`2^{p}` for :math:`p` bits of significand), before anything changes.
"""

from __future__ import annotations

import numpy as np

from ...compiler import compile_expressions, free_inputs
from ...errors import UnsupportedOperationError
from .wide_integer_checks import first_past, integer_names, rounded_operands

__all__ = ["FloatStepChecks"]


class FloatStepChecks:
    """The integer values a JAX step of float ``dtype`` computes through floats, for ``expressions`` of ``graph``;
    :meth:`check` raises where one is past the dtype's exact integers."""

    def __init__(self, graph, expressions: list, dtype: str):
        self.names = integer_names(graph)
        self.operands = rounded_operands(expressions, set(self.names))
        self.bits = np.finfo(dtype).nmant + 1
        self.dtype = dtype
        self.symbols = free_inputs(self.operands)
        self.function = compile_expressions(self.operands, self.symbols, dtype="float64")[0] if self.operands \
            else None

    def check(self, value_of) -> None:
        """Raise ``UnsupportedOperationError`` when a value the step rounds is past :math:`2^{p}`;
        ``value_of(symbol)`` gives an input's value."""
        if self.function is None:
            return
        for operand, value in zip(self.operands, self.function(*(value_of(s) for s in self.symbols))):
            past = first_past(np.asarray(value), 2 ** self.bits, integers_only=False)
            if past is None:
                continue
            inputs = ", ".join(sorted(self.names[s] for s in free_inputs([operand]) if s in self.names))
            raise UnsupportedOperationError(
                f"this JAX step computes {past}, past 2**{self.bits}, from the integers {inputs} through "
                f"{self.dtype} (JAX adds an integer and a float constant in floats, and takes % and // by a number "
                "in floats), which would round it and pick other values than TF1, which computes integers "
                "exactly: compute such integer arithmetic in NumPy before feeding (e.g. buckets = (ids * "
                "1103515245 + 12345) % n), or run this program in the NumPy session (tf.Session() without "
                "backend=\"jax\"), which computes it exactly")
