r"""A matrix chain whose leading product is computed elsewhere reads it: :func:`shared_chain_prefixes`.

SymPy flattens products, so the value :math:`x^\top A x` of a quadratic form is the chain ``x.T @ A @ x`` while
its gradient holds :math:`(x^\top A)^\top` as a node of its own: the generated code multiplied :math:`x^\top A`
twice (probe72 P72-2).  A chain printed as the left fold (:func:`~symopt.matrix_chains.chain_order`) computes each
of its prefixes first anyway, so one that is a node elsewhere, and left-folded there too, becomes a factor of the
chain: the program names it once, and the chain multiplies that name by the rest, the same products in the same
order (the same bits).
"""

from __future__ import annotations

from sympy import MatMul, MatrixSymbol, Transpose

from .matrix_chains import chain_factors, chain_order
from .traversal import hash_bottom_up, postorder

__all__ = ["shared_chain_prefixes"]


def _plain_factors(node) -> tuple | None:
    """The factors of a plain matrix product (no number in front, SymPy's own class), else None."""
    if type(node) is not MatMul:
        return None
    coefficient, matrices = node.as_coeff_matrices()
    return tuple(matrices) if coefficient == 1 and len(matrices) > 1 else None


def _left_folded(matrices: tuple) -> bool:
    """Whether the chain is printed as the left fold ``((A @ B) @ C) @ ...``, each factor one of the chain."""
    factors = chain_factors(list(matrices))
    if len(factors) != len(matrices):
        return False
    fold = 0
    for index in range(1, len(factors)):
        fold = (fold, index)
    return chain_order(factors) == fold


def _factors_of_chains(order: list) -> set:
    r"""The ids of the products that are a factor of another chain, as they are or transposed: named, such a product
    would hide its factors from that chain's order (:math:`(XA)^\top X A W` is printed
    ``A.T @ (X.T @ (X @ A @ W))``, never forming the Gram matrix; as ``t0.T @ X @ A @ W`` it would)."""
    inside = set()
    for node in order:
        if isinstance(node, MatMul):
            for factor in node.args:
                inside.add(id(factor.arg) if isinstance(factor, Transpose) else id(factor))
    return inside


def shared_chain_prefixes(outputs: list) -> list:
    """``outputs`` with each left-folded chain :math:`A_1 \\cdots A_k` whose prefix :math:`A_1 \\cdots A_j`
    (:math:`2 \\le j < k`, the longest) is a product elsewhere in them rebuilt as ``MatMul(prefix, A_{j+1}, ...)``;
    the nodes above a rebuilt chain are rebuilt on it."""
    order = postorder(outputs)
    hash_bottom_up(order)
    in_chains = _factors_of_chains(order)
    products = {factors: node for node in order
                if (factors := _plain_factors(node)) is not None and id(node) not in in_chains}
    rebuilt: dict = {}  # id(node) -> the node over the shared prefixes, where it differs
    for node in order:
        arguments = node.args
        new = [rebuilt.get(id(a), a) for a in arguments]
        result = node.func(*new) if any(n is not a for n, a in zip(new, arguments)) else node
        factors = _plain_factors(result)
        if factors is not None and len(factors) > 2:
            shared = next((j for j in range(len(factors) - 1, 1, -1) if factors[:j] in products), None)
            if shared is not None and _left_folded(factors) and _left_folded(factors[:shared]) and \
                    _left_folded((MatrixSymbol("prefix", *factors[0].shape[:1], factors[shared - 1].shape[1]),
                                  *factors[shared:])):  # the named prefix times the rest: the same fold
                result = MatMul(products[factors[:shared]], *factors[shared:])
        if result is not node:
            rebuilt[id(node)] = result
    return [rebuilt.get(id(output), output) for output in outputs]
