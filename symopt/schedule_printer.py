"""The printer of a learning-rate schedule's line in a fused step (:class:`SchedulePrinter`)."""

from __future__ import annotations

from .printers import NumPyProgramPrinter

__all__ = ["SchedulePrinter", "CONSTANT_POWERS"]

#: TF1's graph optimizer (Grappler's ``ConvertPowStage``) rewrites ``Pow(b, p)`` of a constant ``p`` as another op,
#: correctly rounded where the C library's ``powf`` is an ulp off at some points (``polynomial_decay(0.1, gs, 777,
#: 0.001, power=0.5, cycle=True)`` at step 267, review final44b F44b-10): p -> the op's code of the printed base ``b``
CONSTANT_POWERS = {2.0: "(({b})*({b}))", 3.0: "(({b})*(({b})*({b})))", 1.0: "({b})", 0.5: "numpy.sqrt({b})"}


class SchedulePrinter(NumPyProgramPrinter):
    """Prints a schedule for float32 NumPy scalars: conditionals as Python ``if``/``else``, ``min`` of two, powers
    and cosines as TF1's kernels compute one float32 number (``float32_power``, ``float32_cos``)."""

    #: Prints :meth:`~symopt.schedules.Schedule.traced_expression` (traced code: JAX), not ``expression``.
    traced = False

    #: What a comparison prints for a symbol (the step as an integer, where ``step`` is its float32 conversion).
    compared_names: dict = {}

    #: The schedule's constants, symbol -> value: a power of one of them is :data:`CONSTANT_POWERS`' op.
    constant_values: dict = {}

    def _print_Pow(self, expr, rational=False):
        if expr.exp == -1:  # a division
            return super()._print_Pow(expr, rational=rational)
        rewritten = CONSTANT_POWERS.get(self.constant_values.get(expr.exp))
        if rewritten is not None:
            return rewritten.format(b=self._print(expr.base))
        return f"float32_power({self._print(expr.base)}, {self._print(expr.exp)})"

    def _print_cos(self, expr):
        return f"float32_cos({self._print(expr.args[0])})"

    def _print_Piecewise(self, expr):
        *cases, (last, _) = expr.args
        text = self._print(last)
        for value, condition in reversed(cases):
            text = self._branch(self._print(condition), self._print(value), text)
        return text

    def _branch(self, condition: str, value: str, otherwise: str) -> str:
        return f"({value} if {condition} else {otherwise})"

    def _print_Relational(self, expr):
        return f"{self._compared(expr.lhs)} {expr.rel_op} {self._compared(expr.rhs)}"

    def _compared(self, operand) -> str:
        """An operand of a comparison: the step as :attr:`compared_names` names it, anything else printed."""
        return self.compared_names.get(operand) or self._print(operand)

    def _print_Min(self, expr):
        return self._extreme("min", [self._print(a) for a in expr.args])

    def _print_Max(self, expr):
        return self._extreme("max", [self._print(a) for a in expr.args])

    def _extreme(self, name: str, arguments: list[str]) -> str:
        """``min(a, b, ...)`` or ``max(...)`` of the printed ``arguments``."""
        return f"{name}({', '.join(arguments)})"
