r"""The one-hot rows of a gather's indices, :class:`GatheredRows`, and their TF1 gradient rule: the indices are integers,
so no gradient flows into them (TF1's ``GatherV2`` gradient has none for ``indices``), even when they are computed from
the gathered variable itself (a VQ-VAE codebook lookup ``tf.gather(E, tf.argmin(dist(z, E), 1))``: probe18 G3).

:class:`Gathered` is the gather itself, :math:`O P` for the one-hot rows :math:`O` (:math:`P O^T` along columns),
printed as ``numpy.take``: a copy of the picked rows, so an ``inf`` or ``NaN`` in a row not picked stays out of
the result (the product made :math:`0 \cdot \infty = \mathrm{NaN}` of every picked row: ``tf.gather(tf.log(p),
idx)``).  Its gradient is the product's, :math:`O^T \bar Y` (:math:`\bar Y O`), computed as TF1's scatter-add
(:class:`ScatteredRows`, ``scatter_rows``: an ``inf`` in one row's gradient stays in its row)."""

from __future__ import annotations

from sympy import Integer, MatrixExpr, OneMatrix
from sympy.core.symbol import Str

from ...nodes import matmul
from ...stable import Select
from ...reductions import OneHot

__all__ = ["GatheredRows", "Gathered", "ChosenEntries", "ScatteredRows", "KeptRows", "KeptRowsScatter", "GATHER_RULES"]


class GatheredRows(OneHot):
    """The one-hot rows of a gather's indices: a :class:`~symopt.reductions.OneHot` of its own class, which a run
    that contains it checks (:mod:`~symopt.compat.v1.label_checks`); ``op`` (the name of the op that gathers, a
    third argument) keeps the rows of two ops apart, so each one's range error names it."""

    def __new__(cls, indices, depth, op=""):
        checked = OneHot.__new__(cls, indices, depth)  # a column of indices
        return MatrixExpr.__new__(cls, *checked.args, Str(str(op))) if op else checked


class Gathered(MatrixExpr):
    """The rows (``axis`` 0) or columns (1) of ``params`` that the one-hot ``rows`` (:class:`GatheredRows`) pick.
    The node holds the rows' arguments, not the rows: the program computes no one-hot matrix; :attr:`rows` (equal
    to the one marked for the range check) is what the gradient and the checks read."""

    def __new__(cls, params, axis, indices, depth, *op):
        return MatrixExpr.__new__(cls, params, Integer(axis), indices, Integer(depth), *op)

    @classmethod
    def of(cls, params, rows: GatheredRows, axis: int) -> "Gathered":
        """The node of ``params`` and ``rows`` along ``axis`` (a gather, or a subclass's: entries chosen, rows
        scattered)."""
        return cls(params, axis, *rows.args)

    @property
    def params(self):
        return self.args[0]

    @property
    def axis(self) -> int:
        return int(self.args[1])

    @property
    def rows(self) -> GatheredRows:
        indices, depth, *op = self.args[2:]
        return GatheredRows(indices, depth, *map(str, op))

    @property
    def shape(self):
        count = self.args[2].shape[0]
        return (count, self.params.shape[1]) if self.axis == 0 else (self.params.shape[0], count)

    def _indices_code(self, printer) -> str:
        """The indices as a flat integer array, clipped into range: a run checks them where they are used
        (:mod:`.label_checks`); in the branch a ``tf.cond`` does not take they may lie outside and are not read."""
        depth = int(self.args[3])
        return f"numpy.clip(numpy.ravel({printer._print(self.args[2])}), 0, {depth - 1}).astype(int)"

    def _symopt_code(self, printer) -> str:
        return f"numpy.take({printer._print(self.params)}, {self._indices_code(printer)}, axis={self.axis})"

    def _numpycode(self, printer) -> str:
        return self._symopt_code(printer)

    #: The node's name in printed math.
    math_name = "gather"

    def _sympystr(self, printer) -> str:
        return f"{self.math_name}({printer._print(self.params)}, {printer._print(self.args[2])}, axis={self.axis})"

    def _latex(self, printer) -> str:
        return r"\operatorname{%s}_{%d}\left(%s, %s\right)" % (self.math_name, self.axis, printer._print(self.params),
                                                                printer._print(self.args[2]))


class ChosenEntries(Gathered):
    """Each row's entry of ``params`` (``k x C``) at the column its index names (``q[i, a_i]``, ``tf.gather_nd``),
    a ``k x 1`` column: ``numpy.take_along_axis``, so an ``inf`` in a column not chosen stays out."""

    @property
    def shape(self):
        return (self.params.shape[0], Integer(1))

    def _symopt_code(self, printer) -> str:
        return f"numpy.take_along_axis({printer._print(self.params)}, {self._indices_code(printer)}[:, None], axis=1)"

    def _sympystr(self, printer) -> str:
        return f"choose({printer._print(self.params)}, {printer._print(self.args[2])})"

    def _latex(self, printer) -> str:
        return r"\operatorname{choose}\left(%s, %s\right)" % (printer._print(self.params), printer._print(self.args[2]))


def chosen_entries_adjoint(node: ChosenEntries, adjoint) -> list:
    r"""Each row's gradient :math:`\bar y_i` to its chosen entry, 0 elsewhere: :math:`(\bar y \mathbf 1^T) \circ O`
    chosen by the mask :math:`O` (an ``inf`` stays in its entry)."""
    return [(node.params, Select(node.rows, matmul(adjoint, OneMatrix(1, node.params.shape[1])), 0))]


class ScatteredRows(Gathered):
    """The gradient of a gather of rows: ``params``' role is played by the incoming gradient ``values`` (``n x d``),
    each row added to the row its index names in a ``depth x d`` zero matrix (``scatter_rows``: TF1's
    scatter-add, an ``inf`` staying in its own row; the product :math:`O^T \bar Y` made NaN of every other row of
    its column).  :attr:`rows` are the gather's, so the range check and the sparse updates read them."""

    math_name = "scatter"

    @property
    def shape(self):
        depth = self.args[3]
        return (depth, self.params.shape[1]) if self.axis == 0 else (self.params.shape[0], depth)

    def _symopt_code(self, printer) -> str:
        values, depth = printer._print(self.params), int(self.args[3])
        if self.axis == 0:
            return f"scatter_rows({values}, {self._indices_code(printer)}, {depth})"
        return f"scatter_rows(({values}).T, {self._indices_code(printer)}, {depth}).T"


def scattered_adjoint(node: ScatteredRows, adjoint) -> list:
    """The gradient of a scatter-add is the gather of the incoming gradient's rows (second derivatives)."""
    return [(node.params, Gathered.of(adjoint, node.rows, node.axis))]


def gathered_adjoint(node: Gathered, adjoint) -> list:
    r"""TF1's gather gradient, the scatter-add :math:`O^T \bar Y` (:math:`\bar Y O` along columns), as a
    :class:`ScatteredRows` node."""
    return [(node.params, ScatteredRows.of(adjoint, node.rows, node.axis))]


def gathered_rows_adjoint(node, adjoint) -> list:
    """No gradient into a gather's indices (integers in TF1): the gathered values carry it, through the product."""
    return []


class KeptRows(MatrixExpr):
    r"""The rows of ``params`` (``depth x d``) at ``positions``, a ``k x 1`` column of row numbers that a run computes
    from a ``tf.boolean_mask`` mask known only then (always in range): ``numpy.take``, so a row left out is never
    read and an ``inf`` in a kept row stays in its row (the product :math:`S\,x` with the one-hot selection
    :math:`S` made NaN of the other rows).  ``depth``, the rows of ``params``, may be the batch size m."""

    def __new__(cls, params, positions):
        return MatrixExpr.__new__(cls, params, positions)

    @property
    def params(self):
        return self.args[0]

    @property
    def positions(self):
        return self.args[1]

    @property
    def shape(self):
        return (self.positions.shape[0], self.params.shape[1])

    def _symopt_code(self, printer) -> str:
        return f"numpy.take({printer._print(self.params)}, numpy.ravel({printer._print(self.positions)}), axis=0)"

    _numpycode = _symopt_code

    def _sympystr(self, printer) -> str:
        return f"kept_rows({printer._print(self.params)}, {printer._print(self.positions)})"


class KeptRowsScatter(MatrixExpr):
    """The gradient of :class:`KeptRows`: each row of ``values`` (``k x d``) added to the row its position names in a
    ``depth x d`` zero matrix (``scatter_rows``), 0 in the rows left out."""

    def __new__(cls, values, positions, depth):
        return MatrixExpr.__new__(cls, values, positions, depth)

    @property
    def shape(self):
        return (self.args[2], self.args[0].shape[1])

    def _symopt_code(self, printer) -> str:
        values, positions, depth = (printer._print(arg) for arg in self.args)
        return f"scatter_rows({values}, numpy.ravel({positions}), {depth})"

    _numpycode = _symopt_code

    def _sympystr(self, printer) -> str:
        return "scatter({}, {}, {})".format(*(printer._print(arg) for arg in self.args))


def kept_rows_adjoint(node: KeptRows, adjoint) -> list:
    """TF1's gradient of the rows a mask keeps: scattered back into their rows (no gradient into the positions)."""
    return [(node.params, KeptRowsScatter(adjoint, node.positions, node.params.shape[0]))]


def kept_rows_scatter_adjoint(node: KeptRowsScatter, adjoint) -> list:
    """The gradient of the scatter: the kept rows of the incoming gradient (second derivatives)."""
    return [(node.args[0], KeptRows(adjoint, node.args[1]))]


#: The rule the TF1 layer differentiates gathers with (kernel_functions.tf1_rules), before the core's OneHot
#: refusal.
GATHER_RULES = {GatheredRows: gathered_rows_adjoint, Gathered: gathered_adjoint, ChosenEntries: chosen_entries_adjoint,
                ScatteredRows: scattered_adjoint, KeptRows: kept_rows_adjoint,
                KeptRowsScatter: kept_rows_scatter_adjoint}
