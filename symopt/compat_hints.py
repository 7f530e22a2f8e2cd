"""What to pass instead of a ``symopt.compat.v1`` object given to symopt's own API (``derive``, ``graph``,
``explain``, ``update_rule``): a tensor, variable or placeholder holds its SymPy expression in ``.expr``, an
optimizer its symopt update rule in ``.rule`` (probe75 P75-4: the course's TF1 program drawn as a graph).  The
object is recognised by its class's module, so this module imports nothing of ``symopt.compat``."""

from __future__ import annotations

__all__ = ["compat_advice"]

#: The package of TF1's compatibility layer.
COMPAT_PACKAGE = "symopt.compat."

#: What to pass instead, by the attribute the compat object holds it in; ``{name}`` is the argument's name.
ADVICE = {
    "expr": ("{given} is a symopt.compat.v1 tensor: pass its SymPy expression, {name}.expr, and a variable's or a "
             "placeholder's as well, e.g. symopt.derive(cost.expr, w.expr, at={{x.expr: coefficients}}) or "
             "symopt.graph(cost.expr)"),
    "rule": "{given} is a symopt.compat.v1 optimizer: pass its symopt update rule, {name}.rule, e.g. "
            "symopt.update_rule(optimizer.rule)",
}


def compat_advice(value, name: str) -> str:
    """The advice for ``value`` where it is an object of ``symopt.compat.v1`` (``name``: what the caller calls it,
    ``cost``, ``w``), else ``""``."""
    if not type(value).__module__.startswith(COMPAT_PACKAGE):
        return ""
    for attribute, advice in ADVICE.items():
        if getattr(value, attribute, None) is not None:
            return advice.format(given=type(value).__name__, name=name)
    return ""
