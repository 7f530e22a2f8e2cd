r"""``tf.case(pairs, default, exclusive)``: the outputs of the first branch whose predicate is true when the graph
runs (nested ``tf.cond`` calls); ``exclusive=True`` also checks, in every run that computes it, that at most one
predicate is true (TF1's ``InvalidArgumentError`` otherwise).  A ``dict`` of pairs is taken in the order of the
predicates' names, as TF1 sorts it."""

from __future__ import annotations

from collections import OrderedDict

from ...errors import UnsupportedOperationError
from . import dtypes
from .check_ops import Assert
from .concat_ops import stack
from .control_dependencies import control_dependencies
from .control_flow_ops import cond
from .graph import Tensor, name_scope
from .math_ops import cast
from .array_ops import identity
from .summing import add_n

__all__ = ["case"]


def case(pred_fn_pairs, default=None, exclusive=False, strict=False, name="case"):
    """``tf.case([(p1, f1), (p2, f2), ...], default, exclusive)``: the outputs of the first ``f`` whose ``p`` is true
    when the graph runs, else of ``default`` (nested ``tf.cond`` calls, the first pair outermost); a ``dict`` in the
    order of its predicates' names (TF1's)."""
    if isinstance(pred_fn_pairs, dict) and not isinstance(pred_fn_pairs, OrderedDict):
        pairs = sorted(pred_fn_pairs.items(), key=lambda item: getattr(item[0], "name", ""))
    else:
        pairs = list(pred_fn_pairs.items()) if isinstance(pred_fn_pairs, dict) else list(pred_fn_pairs)
    if default is None:
        raise UnsupportedOperationError(
            "tf.case without a default checks when the graph runs that some predicate is true, which "
            "symopt.compat.v1 does not; give default= (e.g. the last pair's function)")
    for pair in pairs:
        if not isinstance(pair, (list, tuple)) or len(pair) != 2 or not callable(pair[1]):
            raise TypeError(f"tf.case: each pair must be (boolean scalar tensor, callable); given {pair!r}")

    def chosen(index: int):
        if index == len(pairs):
            return default()
        predicate, branch = pairs[index]
        return cond(predicate, branch, lambda: chosen(index + 1), strict=strict)
    with name_scope(name):
        try:
            if not exclusive or len(pairs) < 2:
                return chosen(0)
            return _exclusive(pairs, chosen)
        except UnsupportedOperationError as error:  # the nested tf.cond's refusal, in the words of the call made
            text = str(error)
            if not text.startswith("tf.cond:"):
                raise
            raise UnsupportedOperationError("tf.case:" + text.removeprefix("tf.cond:")) from None


def _exclusive(pairs: list, chosen):
    """The case's outputs, each computed after TF1's check that at most one predicate is true."""
    predicates = [predicate for predicate, _ in pairs]
    names = ", ".join(sorted(getattr(p, "name", "?") for p in predicates))
    flags = [cast(p, dtypes.int32) for p in predicates]
    check = Assert(add_n(flags) <= 1, [f"Input error: exclusive=True: more than 1 conditions ({names}) evaluated as "
                                       "True:", stack(flags)])
    outputs = chosen(0)
    with control_dependencies([check]):
        if isinstance(outputs, Tensor):
            return identity(outputs)
        return type(outputs)(identity(output) for output in outputs)
