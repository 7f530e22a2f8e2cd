"""TF1's default names of the ops symopt records (``tf.matmul`` makes ``MatMul``, ``tf.gather`` ``GatherV2``): what a
deferred tensor prints, and the name a build that fails uses up (TF1 enters an op's name scope before it checks its
inputs, so after a failed ``tf.matmul`` the next one is ``MatMul_1``: probe63 P63-3)."""

from __future__ import annotations

import functools
import inspect
from typing import Callable

from .dtypes import as_dtype

__all__ = ["TF1_OP_NAMES", "given_op_name", "default_op_name", "check_before_scope"]

#: TF1's op names (the outer name scope of an op made of several) of the functions whose Python names differ other
#: than in case (TF 2.21 ``tf.compat.v1``, graph mode).
TF1_OP_NAMES = {
    "matmul": "MatMul", "reduce_sum": "Sum", "reduce_mean": "Mean", "reduce_max": "Max", "reduce_min": "Min",
    "reduce_prod": "Prod", "reduce_logsumexp": "ReduceLogSumExp",
    "cast": "Cast", "reshape": "Reshape", "softmax": "Softmax", "log_softmax": "LogSoftmax", "argmax": "ArgMax",
    "argmin": "ArgMin", "equal": "Equal", "identity": "Identity", "bias_add": "BiasAdd", "leaky_relu": "LeakyRelu",
    "l2_loss": "L2Loss", "greater": "Greater", "less": "Less", "greater_equal": "GreaterEqual",
    "less_equal": "LessEqual", "not_equal": "NotEqual", "maximum": "Maximum", "minimum": "Minimum",
    "negate": "Neg", "round": "Round", "tensordot": "Tensordot", "shape": "Shape", "size": "Size", "concat": "concat",
    "where": "Select", "transpose": "transpose", "assign": "Assign",
    "softmax_cross_entropy_with_logits": "softmax_cross_entropy_with_logits",
    "softmax_cross_entropy_with_logits_v2": "softmax_cross_entropy_with_logits",
    "sparse_softmax_cross_entropy_with_logits": "SparseSoftmaxCrossEntropyWithLogits",
    "sigmoid_cross_entropy_with_logits": "logistic_loss", "weighted_cross_entropy_with_logits": "logistic_loss",
    "strided_slice": "StridedSlice", "scatter_update": "ScatterUpdate", "scatter_add": "ScatterAdd",
    "scatter_sub": "ScatterSub", "sequence_mask": "SequenceMask", "expand_dims": "ExpandDims",
    "diag_part": "DiagPart", "matrix_diag_part": "diag_part", "check_numerics": "CheckNumerics",
    "matrix_inverse": "MatrixInverse", "matrix_determinant": "MatrixDeterminant", "gather": "GatherV2",
    "gather_nd": "GatherNd", "reverse": "ReverseV2", "add_n": "AddN", "logical_and": "LogicalAnd",
    "logical_or": "LogicalOr", "logical_xor": "LogicalXor", "logical_not": "LogicalNot", "log_sigmoid": "LogSigmoid",
    "batch_normalization": "batchnorm", "exponential_decay": "ExponentialDecay",
    "piecewise_constant": "PiecewiseConstant", "polynomial_decay": "PolynomialDecay",
    "inverse_time_decay": "InverseTimeDecay", "cosine_decay": "CosineDecay", "natural_exp_decay": "ExponentialDecay",
    "linear_cosine_decay": "LinearCosineDecay", "cosine_decay_restarts": "SGDRDecay", "print_v2": "PrintV2",
    "cumsum": "Cumsum", "squeeze": "Squeeze", "tile": "Tile",
}

#: The dtype arguments TF1 parses before it opens the op's name scope (TF 2.21: after ``tf.cast(x, "notatype")``'s
#: TypeError the next cast is ``Cast``, after ``tf.argmax(x, 1, output_type="notatype")`` the next is ``ArgMax``;
#: ``tf.one_hot``, ``tf.range``, ``tf.zeros_like``, ``tf.random_normal`` parse theirs inside it: ``one_hot_1``).
DTYPES_PARSED_FIRST = {"cast": ("dtype",), "argmax": ("output_type",), "argmin": ("output_type",)}


def _name_argument(op: Callable, args: tuple, kwargs: dict):
    """The ``name`` argument of the call ``op(*args, **kwargs)``, by keyword or position; None where not given."""
    name = kwargs.get("name")
    position = _name_position(op)
    if name is None and position is not None and position < len(args):
        name = args[position]
    return name


def given_op_name(op: Callable, args: tuple, kwargs: dict) -> str | None:
    """The name the call ``op(*args, **kwargs)`` gives its op (its ``name`` argument), or None."""
    name = _name_argument(op, args, kwargs)
    return name if isinstance(name, str) else None


def default_op_name(op: Callable, args: tuple, kwargs: dict) -> str | None:
    """The name the call ``op(*args, **kwargs)`` of a recorded op takes: its ``name`` argument, else TF1's default
    (a binary op's first argument, ``"add"``; :data:`TF1_OP_NAMES`; the function's own name); None for a private
    helper (``_reduced``), which takes whatever name its caller gives."""
    name = _name_argument(op, args, kwargs)
    if name is not None:
        return name if isinstance(name, str) else None
    if args and isinstance(args[0], str):  # binary("add", x, y)
        return args[0]
    named = getattr(op, "tf_name", None) or TF1_OP_NAMES.get(op.__name__)
    if named is not None:
        return named
    return None if op.__name__.startswith("_") else op.__name__


@functools.lru_cache(maxsize=None)
def _name_position(op: Callable) -> int | None:
    """The position of ``op``'s ``name`` parameter among its positional ones, or None."""
    try:
        parameters = list(inspect.signature(op).parameters.values())
    except (TypeError, ValueError):
        return None
    positional = [p.name for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return positional.index("name") if "name" in positional else None


def check_before_scope(op: Callable, args: tuple, kwargs: dict) -> None:
    """Raise what TF1 raises for the call ``op(*args, **kwargs)`` before it opens the op's name scope, which takes no
    name (TF 2.21: a missing argument or unknown keyword is Python's TypeError at the call, ``tf.matmul(a)`` leaves
    the next product ``MatMul``; a dtype argument of :data:`DTYPES_PARSED_FIRST` that names no dtype)."""
    signature = _signature(op)
    if signature is None:
        return
    bound = signature.bind(*args, **kwargs)  # TypeError: missing argument, unknown keyword
    for parameter in DTYPES_PARSED_FIRST.get(op.__name__, ()):
        value = bound.arguments.get(parameter)
        if value is not None:
            as_dtype(value)


@functools.lru_cache(maxsize=None)
def _signature(op: Callable) -> inspect.Signature | None:
    """``op``'s signature, or None where Python cannot read it."""
    try:
        return inspect.signature(op)
    except (TypeError, ValueError):
        return None
