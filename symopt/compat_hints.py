"""What to pass instead of a ``symopt.compat.v1`` object given to symopt's own API (``derive``, ``graph``,
``explain``, ``update_rule``, ``grad``, ``minimize``): where an expression, a symbol or an ``at=`` key is expected, a
tensor's SymPy expression, ``.expr``; where an optimizer is expected, a ``tf.train`` optimizer's symopt update rule,
``.rule`` (probe75 P75-4: the course's TF1 program drawn as a graph).  The object is recognised by its class's
module and the attributes it holds, read statically (``inspect.getattr_static``): building a message runs none of
its code (``tf.app.flags.FLAGS.__getattr__`` parses ``sys.argv``).  This module imports nothing of ``symopt.compat``."""

from __future__ import annotations

import inspect

__all__ = ["EXPRESSION", "PARAMETER", "OPTIMIZER", "BUILD_ADVICE", "compat_advice", "with_compat_advice",
           "expression_advice"]

#: The package of TF1's compatibility layer.
COMPAT_PACKAGE = "symopt.compat."

#: The kinds of argument a compat object is given as: an expression (a cost, an ``at=`` key), a parameter to
#: differentiate by (``wrt``) or an optimizer.
EXPRESSION, PARAMETER, OPTIMIZER = "expression", "parameter", "optimizer"

#: What to do with an expression that is no SymPy one (and no compat object).
BUILD_ADVICE = ("Build it from symopt.Variable / symopt.Placeholder (a string is parsed only by the command line, or "
                "by symopt.parse.parse_expression: SymPy's own parser would run it as Python)")

#: An absent attribute, told apart from one that is None (a deferred tensor's ``.expr``).
MISSING = object()


def _static(value, attribute: str):
    """``value``'s ``attribute`` without running its ``__getattr__`` or a property; :data:`MISSING` if it has none."""
    return inspect.getattr_static(value, attribute, MISSING)


def _tensor_advice(value, expected: str) -> str:
    given = type(value).__name__
    if expected == OPTIMIZER:
        return (f"{given} is a symopt.compat.v1 tensor, not an optimizer: pass a tf.train optimizer's symopt update "
                "rule, its .rule, e.g. optimizer.rule for optimizer = tf.train.AdamOptimizer(0.1)")
    if _static(value, "expr") is None:
        return (f"{given} is a symopt.compat.v1 tensor of a placeholder whose shape is deferred until a session "
                "feeds it ([None, None]): it has no SymPy expression yet (its .expr is None); declare the "
                "placeholder's shape with at most one None, e.g. tf.placeholder(tf.float32, [None, 1])")
    shape = _static(value, "shape")
    one_entry = isinstance(shape, tuple) and len(shape) >= 1 and all(size == 1 for size in shape)
    return (f"{given} is a symopt.compat.v1 tensor: pass its SymPy expression, its .expr"
            + (f"; a variable of shape {str(shape)} is a 1×1 matrix there, which explain does not take as a scalar "
               "parameter: declare a scalar one, tf.Variable(0.0)" if expected == PARAMETER and one_entry else ""))


def _optimizer_advice(value, expected: str) -> str:
    given = type(value).__name__
    if expected == OPTIMIZER:
        return f"{given} is a symopt.compat.v1 optimizer: pass its symopt update rule, its .rule"
    return (f"{given} is a symopt.compat.v1 optimizer, not an expression: its symopt update rule, .rule, is shown by "
            "symopt.update_rule(optimizer.rule)")


#: The advice by the attribute a compat object holds (a tensor ``.expr``, an optimizer ``.rule``).
ADVICE_BY_ATTRIBUTE = {"expr": _tensor_advice, "rule": _optimizer_advice}


def compat_advice(value, expected: str) -> str:
    """The advice for ``value`` where it is an object of ``symopt.compat.v1`` given where ``expected``
    (:data:`EXPRESSION`, :data:`PARAMETER` or :data:`OPTIMIZER`) is; else ``""``."""
    if not type(value).__module__.startswith(COMPAT_PACKAGE):
        return ""
    for attribute, advice in ADVICE_BY_ATTRIBUTE.items():
        if _static(value, attribute) is not MISSING:
            return advice(value, expected)
    return ""


def with_compat_advice(message: str, value, expected: str) -> str:
    """``message``, followed by :func:`compat_advice` where there is some."""
    advice = compat_advice(value, expected)
    return f"{message}. {advice}" if advice else message


def expression_advice(value) -> str:
    """What to do with ``value`` given as an expression that is no SymPy one: :func:`compat_advice`, else
    :data:`BUILD_ADVICE`."""
    return compat_advice(value, EXPRESSION) or BUILD_ADVICE
