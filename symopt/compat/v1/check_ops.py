"""TF1's assertions, ``tf.Assert`` and ``tf.assert_*``: operations that check a condition when a run runs them (the
idiom ``with tf.control_dependencies([tf.assert_positive(x)]): y = ...``) and raise TF1's ``InvalidArgumentError``
(``assertion failed: [message] [Condition x > 0 did not hold element-wise:] [x (Placeholder:0) = ] [1 -2]``) before
the run's updates.  A condition already decided by constants is checked when the graph is built, as TF1 does: a
true one is a ``no_op``, a false one raises at once.  ``assert_rank`` and ``assert_type`` check the static rank and
dtype.
"""

from __future__ import annotations

import numpy as np

from . import dtypes
from .comparison_ops import equal, greater, greater_equal, less, less_equal
from .control_flow_ops import no_op
from .default_graph import name_scope
from .errors import InvalidArgumentError
from .graph import Operation, Tensor, as_tensor, convert_pair
from .number_tests import reduce_all

__all__ = ["Assert", "assert_equal", "assert_positive", "assert_negative", "assert_non_negative",
           "assert_non_positive", "assert_less", "assert_less_equal", "assert_greater", "assert_greater_equal",
           "assert_rank", "assert_type"]


def _shown(value) -> str:
    """A value as TF1's assertion message prints it (``1 -2``: each entry in ``%g`` form)."""
    return " ".join(format(entry, "g") if not isinstance(entry, (bool, np.bool_)) else str(entry)
                    for entry in np.asarray(value).ravel().tolist())


def _asserting(condition: Tensor, static_message: str, data: list, name: str) -> Operation:
    """The operation that raises ``InvalidArgumentError`` (``data``: strings and tensors, their values shown) when
    ``condition`` (a ``tf.bool`` scalar) is false in a run; decided by constants, it is checked now (a false one
    raises ``static_message``)."""
    if getattr(condition.expr, "is_number", False):
        if bool(condition.expr):
            return no_op(name=f"{name}/static_checks_determined_all_ok")
        raise InvalidArgumentError(static_message)
    parts = [item if isinstance(item, str) else as_tensor(item) for item in data]
    tensors = [part for part in parts if isinstance(part, Tensor)]

    def run(session, feed):
        (holds, *values) = session.evaluate([condition, *tensors], feed)
        if not bool(holds):
            found = iter(values)
            shown = " ".join(f"[{part}]" if isinstance(part, str) else f"[{_shown(next(found))}]" for part in parts)
            raise InvalidArgumentError(f"assertion failed: {shown}")
    operation = Operation(name, run, type="Assert", exact_name=True)
    # rebuilt for a run that feeds a tensor the condition reads (probe15 Y6 addendum 2: a fed h was recomputed from
    # its placeholder): a recipe for recording.rebuild alone, as a tf.group's
    operation.control_recipe = (_asserting, (condition, static_message, data, name), {})
    return operation


def Assert(condition, data, summarize=None, name=None) -> Operation:  # noqa: N802 - TF1's name
    """``tf.Assert(condition, data)``: raise ``InvalidArgumentError`` with ``data``'s values when the ``tf.bool``
    scalar ``condition`` is false in a run that runs this operation."""
    condition = as_tensor(condition)
    if condition.dtype != dtypes.bool or condition.ndim != 0:
        raise TypeError(f"tf.Assert: condition must be a tf.bool scalar; given {condition!r}")
    with name_scope(name or "Assert") as scope:
        return _asserting(condition, "assertion failed", list(data), scope.rstrip("/"))


def _elementwise(op_name: str, compare, x, y, message, data, name, against_zero: bool) -> Operation:
    """``assert_<op_name>``: ``compare(x, y)`` must hold for every entry (``y`` is 0 ``against_zero``)."""
    with name_scope(name or op_name) as scope:
        x, y = convert_pair(x, y, op_name)
        holds = reduce_all(compare(x, y))
        prefix = [message] if message else []
        shown = [f"x ({x.name}) = ", x] + ([] if against_zero else [f"y ({y.name}) = ", y])
        described = [*prefix, *(data if data is not None else [_CONDITIONS[op_name], *shown])]
        static = "\n".join([*prefix, _CONDITIONS[op_name], f"x ({x.name}) = ", _value_text(x)])
        return _asserting(holds, static, described, scope.rstrip("/"))


#: The condition each assertion prints (TF1's words).
_CONDITIONS = {"assert_equal": "Condition x == y did not hold element-wise:",
               "assert_less": "Condition x < y did not hold element-wise:",
               "assert_less_equal": "Condition x <= y did not hold element-wise:",
               "assert_greater": "Condition x > y did not hold element-wise:",
               "assert_greater_equal": "Condition x >= y did not hold element-wise:",
               "assert_positive": "Condition x > 0 did not hold element-wise:",
               "assert_negative": "Condition x < 0 did not hold element-wise:",
               "assert_non_negative": "Condition x >= 0 did not hold element-wise:",
               "assert_non_positive": "Condition x <= 0 did not hold element-wise:"}


def _value_text(tensor: Tensor) -> str:
    """A constant tensor's entries (TF1's static assertion message shows them)."""
    expr = tensor.expr
    try:
        return f"[{_shown(np.asarray(expr.tolist() if hasattr(expr, 'tolist') else float(expr), dtype=float))}]"
    except TypeError:
        return ""


def _pairwise(op_name: str, compare):
    def check(x, y, data=None, summarize=None, message=None, name=None) -> Operation:
        return _elementwise(op_name, compare, x, y, message, data, name, against_zero=False)
    check.__name__ = check.__qualname__ = op_name
    check.__doc__ = f"``tf.{op_name}(x, y)``: {_CONDITIONS[op_name].split(' did')[0].lower()}, entry by entry."
    return check


def _against_zero(op_name: str, compare):
    def check(x, data=None, summarize=None, message=None, name=None) -> Operation:
        x = as_tensor(x)
        return _elementwise(op_name, compare, x, np.zeros((), x.dtype.name).item(), message, data, name,
                            against_zero=True)
    check.__name__ = check.__qualname__ = op_name
    check.__doc__ = f"``tf.{op_name}(x)``: {_CONDITIONS[op_name].split(' did')[0].lower()}, entry by entry."
    return check


assert_equal = _pairwise("assert_equal", equal)
assert_less = _pairwise("assert_less", less)
assert_less_equal = _pairwise("assert_less_equal", less_equal)
assert_greater = _pairwise("assert_greater", greater)
assert_greater_equal = _pairwise("assert_greater_equal", greater_equal)
assert_positive = _against_zero("assert_positive", greater)
assert_negative = _against_zero("assert_negative", less)
assert_non_negative = _against_zero("assert_non_negative", greater_equal)
assert_non_positive = _against_zero("assert_non_positive", less_equal)


def assert_rank(x, rank, message=None, name=None) -> Operation:
    """``tf.assert_rank(x, rank)``: TF1's ``ValueError`` now when the static rank differs, else a ``no_op``."""
    x = as_tensor(x)
    if x.shape.known_rank and x.ndim != int(rank):
        raise ValueError(f"{message + '.  ' if message else ''}Tensor {x.name} must have rank {int(rank)}.  "
                         f"Received rank {x.ndim}, shape {x.shape}")
    return no_op(name=f"{name or 'assert_rank'}/static_checks_determined_all_ok")


def assert_type(tensor, tf_type, message=None, name=None) -> Operation:
    """``tf.assert_type(tensor, tf_type)``: TF1's ``TypeError`` now when the dtype differs, else a ``no_op``."""
    tensor, expected = as_tensor(tensor), dtypes.as_dtype(tf_type)
    if tensor.dtype != expected:
        raise TypeError(f"{message + ' ' if message else ''}{tensor.name} must be of type {expected!r}; got "
                        f"{tensor.dtype!r}")
    return no_op(name=name or "assert_type")
