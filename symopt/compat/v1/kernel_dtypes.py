"""The dtypes TF1's kernels take, in one table, and TF1's ``TypeError`` for another (``Value passed to parameter 'x'
has DataType bool not in list of allowed values: ...``): arithmetic of bools, negation and ``abs`` / ``sign`` of
unsigned integers, ``tf.squared_difference`` of 8- and 16-bit integers, ``tf.one_hot``'s and ``tf.gather``'s indices and the functions
that take floats only, and bools given to ``tf.multiply``, ``tf.square``, ``tf.round``, ``tf.nn.relu`` /
``relu6``, ``tf.cumsum`` and ``tf.matmul`` (so ``tf.tensordot``, whatever its axes).  Each check names the op and says
what to cast."""

from __future__ import annotations

from .errors import InvalidArgumentError

__all__ = ["KERNEL_DTYPES", "SIGNED_OPS", "takes", "kernel_dtype_error", "signed", "floating", "float_inputs",
           "kernel_inputs", "KERNEL_PARAMETERS", "matmul_kernel"]

#: TF1's op type -> the dtypes its kernel takes, in TF 2.21's words ("float": the float-only functions, ``tf.exp``
#: ...).  An op not here takes every dtype symopt has.
KERNEL_DTYPES = {
    "Add": "bfloat16, float16, float32, float64, uint8, uint16, uint32, uint64, int8, int16, int32, int64, complex64, "
           "complex128",
    "Sub": "bfloat16, float16, float32, float64, uint8, int8, uint16, int16, int32, int64, complex64, complex128, "
           "uint32, uint64",
    "RealDiv": "uint8, int8, uint16, int16, uint32, int32, uint64, int64, bfloat16, float16, float32, float64, "
               "complex64, complex128",
    "FloorDiv": "bfloat16, float16, float32, float64, uint8, int8, uint16, int16, int32, uint32, uint64, int64, "
                "complex64, complex128",
    "TruncateDiv": "bfloat16, float16, float32, float64, uint8, int8, uint16, int16, int32, uint32, uint64, int64, "
                   "complex64, complex128",
    "FloorMod": "int8, int16, int32, int64, uint8, uint16, uint32, uint64, bfloat16, float16, float32, float64",
    "Pow": "bfloat16, float32, float16, float64, int8, int16, int32, int64, complex64, complex128",
    "Neg": "bfloat16, float16, float32, float64, int8, int16, int32, int64, complex64, complex128",
    "Sign": "bfloat16, float16, float32, float64, int8, int16, int32, int64, complex64, complex128",
    "Abs": "bfloat16, float16, float32, float64, int8, int16, int32, int64",
    "SquaredDifference": "bfloat16, float16, float32, float64, int32, int64, complex64, complex128",
    "OneHot": "uint8, int8, int32, int64",
    "GatherV2": "int16, int32, int64",  # its indices (tf.gather, tf.nn.embedding_lookup)
    "Maximum": "bfloat16, float16, float32, float64, int8, uint8, int16, uint16, int32, uint32, int64, uint64",
    "Minimum": "bfloat16, float16, float32, float64, int8, uint8, int16, uint16, int32, uint32, int64, uint64",
    "float": "float16, float32, float64",
    # tf.multiply's Mul kernel; the operator ``b * c`` of bools is TF1's logical and, which has no Mul (probe81 P81-2)
    "tf.multiply": "bfloat16, float16, float32, float64, uint8, int8, uint16, int16, int32, uint32, uint64, int64, "
                   "complex64, complex128",
    "Square": "bfloat16, float16, float32, float64, int8, int16, int32, int64, uint8, uint16, uint32, uint64, "
              "complex64, complex128",
    "Round": "bfloat16, float16, float32, float64, int8, int16, int32, int64, complex64, complex128",
    "Relu": "float32, float64, int32, uint8, int16, int8, int64, bfloat16, uint16, float16, uint32, uint64, qint8",
    "Relu6": "float32, float64, int32, uint8, int16, int8, int64, bfloat16, uint16, float16, uint32, uint64",
    "Cumsum": "float32, float64, int32, uint8, int16, int8, complex64, int64, qint8, quint8, qint32, bfloat16, "
              "qint16, quint16, uint16, complex128, float16, uint32, uint64",
    "MatMul": "bfloat16, float16, float32, float64, int32, int64, uint8, uint16, uint32, uint64, complex64, "
              "complex128",
    # the cross-entropies' (logits_dtypes.py): the softmax kernels' features; the ops sigmoid's is built from
    "SoftmaxCrossEntropyWithLogits": "float16, bfloat16, float32, float64",
    "GreaterEqual": "float32, float64, int32, uint8, int16, int8, int64, bfloat16, uint16, float16, uint32, uint64",
    "Exp": "bfloat16, float16, float32, float64, complex64, complex128",
    "Log": "bfloat16, float16, float32, float64, complex64, complex128",
    "Diag": "bfloat16, float16, float32, float64, int32, int64, complex64, complex128",
    "DiagPart": "bfloat16, float16, float32, float64, int32, int64, complex64, complex128",
    "TopKV2": "float32, float64, int32, uint8, int16, int8, int64, bfloat16, uint16, float16, uint32, uint64",
}

#: TF1's names of a kernel's inputs where they are not ``x`` (its TypeError names them).
KERNEL_PARAMETERS = {"Relu": ("features",), "Relu6": ("features",), "MatMul": ("a", "b"), "Diag": ("diagonal",),
                     "DiagPart": ("input",), "TopKV2": ("input",)}

#: The ops of :data:`KERNEL_DTYPES` that take signed numbers only (``-x``, ``tf.abs``, ``tf.sign``).
SIGNED_OPS = frozenset({"Neg", "Sign", "Abs"})


def takes(op: str, dtype_name: str) -> bool:
    """Whether TF1's kernel of ``op`` takes ``dtype_name`` (an op not in :data:`KERNEL_DTYPES`: every dtype)."""
    return op not in KERNEL_DTYPES or dtype_name in KERNEL_DTYPES[op].split(", ")


def kernel_dtype_error(op: str, dtype_name: str, context: str, parameter: str = "x") -> TypeError:
    """TF1's ``TypeError`` for ``dtype_name`` given to ``op``'s ``parameter``; ``context`` (in parentheses) names the
    op and the tensor and says what to cast."""
    return TypeError(f"Value passed to parameter '{parameter}' has DataType {dtype_name} not in list of allowed "
                     f"values: {KERNEL_DTYPES[op]} ({context})")


def signed(x, op: str):
    """``x``, or TF1's ``TypeError`` where ``x`` is unsigned or bool: ``op`` (one of :data:`SIGNED_OPS`) has no
    kernel for them (``-x`` of a uint8 ``x``)."""
    if x.dtype.is_unsigned or x.dtype.name == "bool":
        raise kernel_dtype_error(op, x.dtype.name, f"'{op}' of {x.name}: cast it to a signed dtype first, e.g. "
                                                   f"tf.cast({x.op_name}, tf.int32)")
    return x


def floating(tensor, op: str, parameter: str = "x"):
    """``tensor`` when its dtype is a float; TF1's ``TypeError`` at graph construction otherwise (``tf.exp`` of an
    int32 tensor: NumPy would compute it in integers, a truncated number)."""
    own = KERNEL_DTYPES.get(op, "int")  # the op's own list where it has one of floats only: Exp's (47a2-10)
    kernel = op if "int" not in own else "float"
    if not takes(kernel, tensor.dtype.name):
        raise kernel_dtype_error(kernel, tensor.dtype.name, f"in '{op}'; cast it first: tf.cast({tensor.op_name}, "
                                 "tf.float32)", parameter)
    return tensor


def float_inputs(op: str, *parameters: str):
    """A ``check_when_deferred`` for an op whose ``parameters`` take floats only (``tf.log``'s ``x``, ``tf.nn.softmax``'s
    ``logits``): :func:`floating`'s ``TypeError`` when the op is built, also of a placeholder without a shape (probe70
    P70-8)."""
    def check(*args, **kwargs):
        given = dict(zip(parameters, args)) | {name: kwargs[name] for name in parameters if name in kwargs}
        for parameter, value in given.items():
            if getattr(getattr(value, "dtype", None), "name", None) is not None and hasattr(value, "op_name"):
                floating(value, op, parameter)
    return check


def kernel_inputs(op: str, *parameters: str):
    """A check of ``op``'s ``parameters`` (an op of :data:`KERNEL_DTYPES`: ``tf.maximum``'s ``x`` and ``y``; none
    given: its :data:`KERNEL_PARAMETERS`, else ``x``), called when the op is built and as its
    ``check_when_deferred``: TF1's ``TypeError`` for a dtype its kernel lacks (a bool), also of a placeholder without
    a shape (final44b F44b-2)."""
    parameters = parameters or KERNEL_PARAMETERS.get(op, ("x",))

    def check(*args, **kwargs):
        given = dict(zip(parameters, args)) | {name: kwargs[name] for name in parameters if name in kwargs}
        for parameter, value in given.items():
            dtype = getattr(getattr(value, "dtype", None), "name", None)
            if dtype is not None and hasattr(value, "op_name") and not takes(op, dtype):
                raise kernel_dtype_error(op, dtype, f"'{op}' of {value.name}: cast it first, e.g. "
                                                    f"tf.cast({value.op_name}, tf.int32)", parameter)
    return check


def matmul_kernel(a, b, op: str = "MatMul") -> None:
    """TF1's errors for the dtypes of ``tf.matmul`` (and ``tf.tensordot``, which builds one whatever its axes): a
    bool, int8 or int16 operand is its ``TypeError`` (:func:`kernel_inputs`); unsigned integers, which MatMul
    declares but has no CPU kernel for, are its ``InvalidArgumentError``, raised when the op is built (TF1 raises it
    when run: final46b 46b-8)."""
    kernel_inputs("MatMul")(a, b)
    dtype = a.dtype
    if dtype.is_unsigned:
        raise InvalidArgumentError(f"No OpKernel was registered to support Op 'MatMul' used by {{{{node {op}}}}} with "
                                   f"these attrs: [T=DT_{dtype.name.upper()}] (TF1 has no CPU kernel multiplying "
                                   f"{dtype.name} matrices: cast both operands first, e.g. tf.cast({a.op_name}, "
                                   "tf.int32))")
