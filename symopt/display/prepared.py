r"""A cost as the course writes it, before it is split into steps (:func:`prepare`).

:func:`prepare` undoes SymPy's automatic distribution of a number over a sum (``3*(a + b*c)`` arrives as
``3*a + 3*b*c``): the numeric content of every sum is factored back out, and a sum of negative terms becomes a
negated sum.  It also gives every elementwise function the same bound variable, so that two separately built
``ops.sigmoid(Z)`` are equal.
"""

from __future__ import annotations

import sympy
from sympy import Add, Mul
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from ..nodes import lambda_parts
from ..numeric_content import numeric_content
from ..symbols import symbolic
from ..traversal import hash_bottom_up, postorder
from .step_nodes import is_constant, is_input, operands, post_order, rebuild

__all__ = ["prepare", "PREPARED"]

_BOUND = sympy.Dummy("x", real=True)


def _numeric_content(add):
    """``3a + 3bc`` → ``3(a + bc)``; ``-a - b`` → ``-(a + b)``; otherwise unchanged (see
    :func:`~symopt.numeric_content.numeric_content`)."""
    content, primitive = numeric_content(add)
    return add if content == 1 else Mul(content, primitive, evaluate=False)


#: Where :func:`prepare` keeps a node's prepared form on the node (the operation nodes that have a ``__dict__``; an
#: input is its own prepared form, and a Variable or Placeholder is the user's, never written to).
PREPARED = "_symopt_prepared"


def prepare(expr):
    """Undo distribution of numbers over sums and give elementwise functions one bound variable.

    A node's prepared form is kept on the node (and on the form itself), so preparing an expression again, a
    larger one that shares it, or a prepared one returns the same objects: a second, equal copy of a deep network's layers made SymPy's constructor
    cache compare it with the first one level by level, a recursion as deep as the network."""
    root = _hashed(symbolic(expr))
    children: dict = {}
    memo: dict = {}

    def children_of(node) -> tuple:
        if node not in children:
            kept = getattr(node, "__dict__", {}).get(PREPARED)
            if kept is not None:
                memo[node] = kept
                children[node] = ()
            elif is_input(node) or is_constant(node) or not node.args:
                children[node] = ()
            else:
                children[node] = (node.expr,) if isinstance(node, ElementwiseApplyFunction) else operands(node)
        return children[node]

    for node in post_order(root, children_of):
        if node in memo:
            continue
        _prepare_node(node, children[node], memo)
        for kept in (node, memo[node]):  # a prepared form is its own: preparing it again returns it
            if hasattr(kept, "__dict__") and not is_input(kept):  # never on the user's symbols (they pickle their
                kept.__dict__.setdefault(PREPARED, memo[node])  # __dict__: a Variable kept itself, a RecursionError)
    return _hashed(memo[root])


def _prepare_node(node, children: tuple, memo: dict) -> None:
    """``memo[node]``: the prepared form of ``node`` from those of its ``children``."""
    if not children:
        memo[node] = node
    elif isinstance(node, ElementwiseApplyFunction):
        memo[node] = _unary_maps(type(node), node.function, memo[node.expr])
    else:
        arguments = [memo[argument] for argument in children]
        changed = any(new is not old for new, old in zip(arguments, children))
        result = rebuild(node, arguments) if changed else node
        memo[node] = _numeric_content(result) if isinstance(result, Add) else result


def _unary_maps(cls, function, matrix):
    """``f.(A)`` with the bound variable :data:`_BOUND`; a chain of one-argument calls ``log(σ(x))`` (SymPy's ``doit``
    composes ``log.(σ.(A))`` into one map) is split back into one map per call, so a ``σ.(A)`` that the cost
    also uses alone is one step, drawn as ``σ`` then ``log``."""
    bound, body = lambda_parts(function)
    calls, inner = [], body
    while isinstance(inner, sympy.Function) and len(inner.args) == 1:
        calls.append(inner.func)
        inner = inner.args[0]
    if inner != bound or len(calls) < 2:
        return cls(sympy.Lambda(_BOUND, body.xreplace({bound: _BOUND})), matrix)
    for call in reversed(calls):
        matrix = cls(sympy.Lambda(_BOUND, call(_BOUND)), matrix)
    return matrix


def _hashed(root):
    """``root`` with every node's hash computed children first: SymPy's first hash of a deep node recurses
    through all its descendants (and overflows the stack on a deep network); later hashes are cached."""
    hash_bottom_up(postorder([root]))
    return root
