r"""Equal elementwise maps computed once: :func:`share_equal_maps`.

Each map holds a bound variable of its own (a fresh ``Dummy``), so :math:`\exp.(xw)` written twice in a cost, or a
map and the equal map a derivative makes (:math:`\frac{d}{dz}e^z` is :math:`e^z` again), are different nodes, and
the generated code computed each of them.  Before a program is made, maps that are equal up to the name of their
bound variable and read the same argument become one node.  Only the program's copy of the expressions changes: the
user's cost, its gradient and what the displays show keep their maps (one shared bound variable for all maps made
two builds of a deep network compare equal level by level: a RecursionError, see the history of this module).
"""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from .nodes import lambda_parts, scale
from .printed_order import rebuilt_as_written
from .traversal import COMMUTING_PAIRS, hash_bottom_up, postorder

__all__ = ["share_equal_maps"]

#: The bound variable of every map's key (no assumptions: ``ops.exp`` binds a real variable, ``applyfunc`` a plain
#: one; renaming to a variable with fewer assumptions leaves a built body as it is).  Only in keys, never in a program.
_KEY_VARIABLE = sympy.Dummy("k")


def _key_function(function) -> sympy.Lambda:
    """``function`` with its bound variable renamed to :data:`_KEY_VARIABLE`: two maps' functions are equal here
    when they differ only in that variable."""
    variable, body = lambda_parts(function)
    return sympy.Lambda(_KEY_VARIABLE, body.xreplace({variable: _KEY_VARIABLE}))


def _argument_key(argument):
    """A map's argument as its key: a sum or elementwise product of two in either order is one key
    (:data:`~symopt.traversal.COMMUTING_PAIRS`: ``exp.(b + a)`` is ``exp.(a + b)``, bit for bit)."""
    if isinstance(argument, COMMUTING_PAIRS) and len(argument.args) == 2:
        return type(argument), frozenset(argument.args)
    return argument


def share_equal_maps(outputs: list) -> list:
    """``outputs`` with every elementwise map replaced by the first map equal to it up to the name of its bound
    variable (the same body over the same argument: ``ops.exp`` and ``applyfunc(exp)`` alike), an identity map by
    its argument, and a map whose body does not read its variable by that constant times a matrix of ones of the
    argument's shape (printed alone, the body was a scalar: ``sum`` of it lost the factor m); the nodes above a
    replaced map are rebuilt on it, in their order: a scalar sum adds its terms in their order, a scalar product
    that SymPy would order otherwise keeps its own maps (it would round otherwise: compile's value would
    differ from ``symopt.evaluate``'s)."""
    order = postorder(outputs)
    hash_bottom_up(order)  # SymPy hashes recursively once: a deep expression is hashed children first
    first: dict = {}
    rebuilt: dict = {}  # id(node) -> the node over the shared maps, where it differs
    for node in order:
        arguments = node.args
        new = [rebuilt.get(id(a), a) for a in arguments]
        result = rebuilt_as_written(node, new)  # the order it prints in (final44a F44a-2)
        if isinstance(result, ElementwiseApplyFunction):
            variable, body = lambda_parts(result.function)
            if body == variable:  # the identity map (a derivative written in terms of its output) is its argument
                result = result.expr
            elif variable not in body.free_symbols:  # a constant body: the constant in every entry of the argument
                result = scale(body, sympy.OneMatrix(*result.expr.shape))
            else:
                result = first.setdefault((_key_function(result.function), _argument_key(result.expr)), result)
        if result is not node:
            rebuilt[id(node)] = result
    return [rebuilt.get(id(output), output) for output in outputs]
