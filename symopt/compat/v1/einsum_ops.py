r"""TF1's ``tf.einsum`` for operands and results of rank up to 2: :math:`\mathrm{out}_O = \sum_C a_A\, b_B`.

An equation is reduced to the ops that compute it, so gradients come with them: a label found in one operand
only and not in the output is summed out first (``ii`` takes the diagonal); two operands whose labels together
are at most two are multiplied entrywise with broadcasting and the labels not in the output summed out
(``ij,ij->i``, ``ij,j->i``, ``i,i->``); three labels in all are one matrix product over the one shared label
(``ij,jk->ik``, ``ji,jk->ik``); the result is transposed to the output's order.  The ellipsis and more than two
operands are not supported.
"""

from __future__ import annotations

from ...errors import UnsupportedOperationError
from .array_ops import reduce_sum, reshape, transpose
from .diagonals import matrix_diag_part
from .graph import Tensor, as_tensor, matmul, name_scope
from .recording import recorded
from .shape_ops import expand_dims

__all__ = ["einsum"]


def _parse(equation: str, count: int) -> tuple[list[str], str]:
    text = equation.replace(" ", "")
    if "." in text:
        raise UnsupportedOperationError(f"tf.einsum({equation!r}): the ellipsis is not supported by symopt.compat.v1")
    inputs, _, output = text.partition("->")
    labels = inputs.split(",")
    if len(labels) != count:
        raise ValueError(f"tf.einsum({equation!r}): {len(labels)} operand subscripts for {count} operands")
    if "->" not in text:  # implicit output: the labels seen once, in alphabetical order
        output = "".join(sorted(c for c in set(inputs) - {","} if inputs.count(c) == 1))
    return labels, output


def _summed_alone(x: Tensor, labels: str, keep: str) -> tuple[Tensor, str]:
    """``x`` with a repeated label taken along the diagonal and the labels nobody else needs summed out."""
    if len(labels) == 2 and labels[0] == labels[1]:
        x, labels = matrix_diag_part(x), labels[0]
    gone = [axis for axis, label in enumerate(labels) if label not in keep]
    if gone:
        x = reduce_sum(x, axis=gone)
        labels = "".join(label for label in labels if label in keep)
    return x, labels


def _aligned(x: Tensor, labels: str, order: str) -> Tensor:
    """``x`` (with ``labels``) laid out along ``order`` (a superset of at most two labels): transposed, and a size-1
    axis inserted for a label it lacks, so that it broadcasts."""
    if len(labels) == 2 and labels != order:
        x = transpose(x)
    if len(order) == 2 and len(labels) == 1:
        x = expand_dims(x, -1 if labels == order[0] else 0)
    return x


def _product(a: Tensor, la: str, b: Tensor, lb: str, output: str) -> tuple[Tensor, str]:
    shared = [label for label in la if label in lb]
    order = la + "".join(label for label in lb if label not in la)
    if len(order) <= 2:  # entrywise, then sum what the output drops
        product = _aligned(a, la, order) * _aligned(b, lb, order) if order else a * b
        return _summed_alone(product, order, output)
    if len(shared) != 1 or shared[0] in output:
        raise UnsupportedOperationError(f"tf.einsum of subscripts {la!r} and {lb!r}: symopt.compat.v1 computes "
                                        "results of rank up to 2 (three labels need one summed out)")
    (common,) = shared
    left = a if la[-1] == common else transpose(a)
    right = b if lb[0] == common else transpose(b)
    if left.ndim == 1:
        left = reshape(left, [1, -1])
    if right.ndim == 1:
        right = reshape(right, [-1, 1])
    result = matmul(left, right)
    labels = la.replace(common, "") + lb.replace(common, "")
    return (reshape(result, [-1]) if len(labels) == 1 else result), labels


@recorded
def einsum(equation, *inputs, **kwargs) -> Tensor:
    """``tf.einsum("ij,jk->ik", a, b)``: the sum over the labels not in the output of the products of the operands'
    entries, for one or two operands and a result of rank up to 2 (``name=`` names the scope)."""
    name = kwargs.pop("name", None)
    if kwargs:
        raise TypeError(f"tf.einsum: unexpected arguments {sorted(kwargs)}")
    if not 1 <= len(inputs) <= 2:
        raise UnsupportedOperationError(f"tf.einsum of {len(inputs)} operands: symopt.compat.v1 takes one or two")
    operands = [as_tensor(x) for x in inputs]
    labels, output = _parse(equation, len(operands))
    for x, label in zip(operands, labels):
        if len(label) != x.ndim:
            raise ValueError(f"tf.einsum({equation!r}): subscripts {label!r} for an operand of rank {x.ndim}")
    if len(output) > 2 or len(set(output)) != len(output):
        raise UnsupportedOperationError(f"tf.einsum({equation!r}): an output of rank up to 2 with distinct labels")
    with name_scope(name or "einsum"):
        needed = [output + "".join(other for j, other in enumerate(labels) if j != i) for i in range(len(labels))]
        reduced = [_summed_alone(x, label, keep) for x, label, keep in zip(operands, labels, needed)]
        result, result_labels = reduced[0] if len(reduced) == 1 else _product(*reduced[0], *reduced[1], output)
        if sorted(result_labels) != sorted(output):
            raise ValueError(f"tf.einsum({equation!r}): output subscripts {output!r} do not match the operands")
        if len(output) == 2 and result_labels != output:
            result = transpose(result)
        return Tensor(result.expr, result.shape, result.dtype, "Einsum")
