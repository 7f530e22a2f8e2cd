"""The one-hot rows of a gather's indices, :class:`GatheredRows`, and their TF1 gradient rule: the indices are integers,
so no gradient flows into them (TF1's ``GatherV2`` gradient has none for ``indices``), even when they are computed from
the gathered variable itself (a VQ-VAE codebook lookup ``tf.gather(E, tf.argmin(dist(z, E), 1))``: probe18 G3)."""

from __future__ import annotations

from sympy import MatrixExpr
from sympy.core.symbol import Str

from ...reductions import OneHot

__all__ = ["GatheredRows", "GATHER_RULES"]


class GatheredRows(OneHot):
    """The one-hot rows of a gather's indices: a :class:`~symopt.reductions.OneHot` of its own class, which a run
    that contains it checks (:mod:`~symopt.compat.v1.label_checks`); ``op`` (the name of the op that gathers, a
    third argument) keeps the rows of two ops apart, so each one's range error names it."""

    def __new__(cls, indices, depth, op=""):
        checked = OneHot.__new__(cls, indices, depth)  # a column of indices
        return MatrixExpr.__new__(cls, *checked.args, Str(str(op))) if op else checked


def gathered_rows_adjoint(node, adjoint) -> list:
    """No gradient into a gather's indices (integers in TF1): the gathered values carry it, through the product."""
    return []


#: The rule the TF1 layer differentiates gathers with (kernel_functions.tf1_rules), before the core's OneHot
#: refusal.
GATHER_RULES = {GatheredRows: gathered_rows_adjoint}
