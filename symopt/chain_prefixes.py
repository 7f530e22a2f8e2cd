r"""A matrix chain whose leading product is computed elsewhere reads it: :func:`shared_chain_prefixes`.

SymPy flattens products, so the value :math:`x^\top A x` of a quadratic form is the chain ``x.T @ A @ x`` while
its gradient holds :math:`(x^\top A)^\top` as a node of its own: the generated code multiplied :math:`x^\top A`
twice (probe72 P72-2).  A chain printed as the left fold (:func:`~symopt.matrix_chains.chain_order`) computes each
of its prefixes first anyway, so one that is a node elsewhere, and left-folded there too, becomes a factor of the
chain: the program names it once, and the chain multiplies that name by the rest, the same products in the same
order (the same bits).  The nodes above it are rebuilt with their arguments in their order, and a chain is left as
it was where a scalar sum above it would print its terms in another order (it would round otherwise) or where it
is a factor of another chain (whose order would then group other products): final44a F44a-2, F44a-4.
"""

from __future__ import annotations

from sympy import MatMul, MatrixSymbol, Transpose

from .matrix_chains import chain_factors, chain_order
from .printed_order import rebuilt_in_order
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
    ``A.T @ (X.T @ (X @ A @ W))``, never forming the Gram matrix; as ``t0.T @ X @ A @ W`` it would).  A number
    times one matrix is no chain: the gradient :math:`\tfrac12 (x^\top A)^\top` of a halved quadratic form leaves
    :math:`x^\top A` free to be shared (final44a F44a-7)."""
    inside = set()
    for node in order:
        if isinstance(node, MatMul) and len(node.as_coeff_matrices()[1]) > 1:  # (1/2)*(x.T @ A).T is no chain
            for factor in node.args:
                inside.add(id(factor.arg) if isinstance(factor, Transpose) else id(factor))
    return inside


def _prefix_rewrites(order: list, products: dict, in_chains: set, kept: set) -> tuple:
    """The rebuilt nodes (by the id of the old one), and the chains under a sum whose printed order they change."""
    rebuilt: dict = {}  # id(node) -> the node over the shared prefixes, where it differs
    chains: dict = {}  # id(node) -> the ids of the rewritten chains in it
    moved: set = set()
    for node in order:
        arguments = node.args
        new = [rebuilt.get(id(a), a) for a in arguments]
        inside = set().union(*(chains.get(id(a), ()) for a in arguments))
        result = node
        if any(n is not a for n, a in zip(new, arguments)):
            result, same_order = rebuilt_in_order(node, new)
            if not same_order:
                moved |= inside
        factors = _plain_factors(result)
        if factors is not None and len(factors) > 2 and id(node) not in in_chains and id(node) not in kept:
            shared = next((j for j in range(len(factors) - 1, 1, -1) if factors[:j] in products), None)
            if shared is not None and _left_folded(factors) and _left_folded(factors[:shared]) and \
                    _left_folded((MatrixSymbol("prefix", *factors[0].shape[:1], factors[shared - 1].shape[1]),
                                  *factors[shared:])):  # the named prefix times the rest: the same fold
                result = MatMul(products[factors[:shared]], *factors[shared:])
                inside.add(id(node))
        if result is not node:
            rebuilt[id(node)] = result
        if inside:
            chains[id(node)] = inside
    return rebuilt, moved


def shared_chain_prefixes(outputs: list) -> list:
    """``outputs`` with each left-folded chain :math:`A_1 \\cdots A_k` whose prefix :math:`A_1 \\cdots A_j`
    (:math:`2 \\le j < k`, the longest) is a product elsewhere in them rebuilt as ``MatMul(prefix, A_{j+1}, ...)``;
    the nodes above a rebuilt chain are rebuilt on it, their arguments in their order.  A chain that is a factor of
    another chain (F44a-4), or under a scalar sum that would then print its terms in another order, is kept."""
    order = postorder(outputs)
    hash_bottom_up(order)
    in_chains = _factors_of_chains(order)
    products = {factors: node for node in order
                if (factors := _plain_factors(node)) is not None and id(node) not in in_chains}
    kept: set = set()
    while True:
        rebuilt, moved = _prefix_rewrites(order, products, in_chains, kept)
        if not moved:
            return [rebuilt.get(id(output), output) for output in outputs]
        kept |= moved
