"""TF1's math functions on :class:`~symopt.compat.v1.graph.Tensor`: add, multiply, square, exp, ...

Elementwise functions map a scalar SymPy function over matrices; binary ones reuse
the graph's broadcasting arithmetic.
"""

from __future__ import annotations

from functools import partial

import sympy
from sympy.codegen.cfunctions import expm1, log1p
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from ... import functions
from ...compiler import free_inputs
from ...nodes import ElementSum, elementwise, hadamard, lambda_parts, scale, transpose
from ...symbols import is_matrix
from . import dtypes
from ...errors import UnsupportedOperationError
from .folding import real_scalar
from .errors import InvalidArgumentError, UnimplementedError
from .graph import OP_TYPES, Tensor, as_tensor, binary, convert_pair, negate
from .read_snapshots import converted
from .program_dtypes import symbol_dtype
from .reduction_ops import float16_rounded, not_boolean, reduction_axes
from .kernel_functions import kernel_abs, kernel_round, kernel_sigmoid, uncancelled
from .output_gradients import kernel_reciprocal, kernel_rsqrt
from .integer_casts import float_of_integers, truncated_int
from .integer_wraps import exact_factor, in_int64, integer_value
from .kernel_dtypes import SIGNED_OPS, float_inputs, floating, kernel_dtype_error, kernel_inputs, signed, takes
from .function_operands import check_first_operand
from .default_graph import get_default_graph, unnamed
from .recording import recorded
from .variables import view

#: TF1's one-to-one elementwise math functions: name -> (SymPy function, TF1 op type).
UNARY_FUNCTIONS = {
    "sqrt": (sympy.sqrt, "Sqrt"), "exp": (sympy.exp, "Exp"), "log": (sympy.log, "Log"), "abs": (kernel_abs, "Abs"),
    "sigmoid": (lambda bits: (lambda x: kernel_sigmoid(x, bits)), "Sigmoid"), "tanh": (sympy.tanh, "Tanh"), "relu": (functions.relu, "Relu"),
    "square": (lambda x: x**2, "Square"), "sin": (sympy.sin, "Sin"), "cos": (sympy.cos, "Cos"),
    "tan": (sympy.tan, "Tan"), "asin": (sympy.asin, "Asin"), "acos": (sympy.acos, "Acos"),
    "atan": (sympy.atan, "Atan"), "sinh": (sympy.sinh, "Sinh"), "cosh": (sympy.cosh, "Cosh"),
    "asinh": (sympy.asinh, "Asinh"), "acosh": (sympy.acosh, "Acosh"), "atanh": (sympy.atanh, "Atanh"),
    "floor": (sympy.floor, "Floor"), "ceil": (sympy.ceiling, "Ceil"), "sign": (sympy.sign, "Sign"),
    "reciprocal": (kernel_reciprocal, "Reciprocal"), "rsqrt": (kernel_rsqrt, "Rsqrt"),
    "log1p": (log1p, "Log1p"), "expm1": (expm1, "Expm1"),
    "softplus": (functions.softplus, "Softplus"), "erf": (sympy.erf, "Erf"), "erfc": (sympy.erfc, "Erfc"),
}

__all__ = ["add", "subtract", "multiply", "divide", "div_no_nan", "log_sigmoid", "truediv", "realdiv", "div", "floordiv", "floor_div",
           "truncatediv", "floormod", "mod", "pow", "squared_difference", "negative", "neg", "cast", "to_float",
           "to_double", "to_int32", "to_int64", "round", "stop_gradient", "reduce_prod",
           "differentiable_inputs", "MAX_PRODUCT_ENTRIES", "UNARY_FUNCTIONS", "INTEGER_FUNCTIONS", "floating",
           *UNARY_FUNCTIONS]


def _binary_function(op: str, tf_name: str, doc: str, first: tuple | None = ("op", None)):
    """The TF1 function ``tf_name`` of the binary ``op``; ``first`` is ``(kind, op type)`` of TF1's error for a
    value given first whose own dtype is not the tensor's (:mod:`~symopt.compat.v1.function_operands`), None
    where TF1 converts it as the operators do (``tf.divide``)."""
    def apply(x, y, name=None):
        if first is not None:
            check_first_operand(x, y, first[1] or OP_TYPES.get(op, tf_name), first[0])
        if tf_name in FLOAT_KERNELS:
            _float_kernel(x, y, tf_name, name)
        if op == "mul":  # bools: the operator's logical and has no tf.multiply (P81-2)
            kernel_inputs("tf.multiply", "x", "y")(x, y)
        result = binary(op, x, y, name=name or tf_name)
        if name and result is not x and result is not y:  # tf.add(y, 1.0, name="out"): TF1's type AddV2
            result.op_type = OP_TYPES.get(tf_name.lower(), tf_name)
        return result
    apply.__name__ = tf_name.lower() if tf_name[0].isupper() else tf_name
    apply.__doc__ = doc
    return apply


#: TF1's binary ops whose kernels take floats only (an integer tensor is its InvalidArgumentError when run).
FLOAT_KERNELS = frozenset({"RealDiv"})


def _operand_dtype(x, y):
    """The dtype of a binary op's operands, as TF1 converts them: a tensor's, else the first value's own."""
    return next((t.dtype for t in (x, y) if isinstance(t, Tensor)), None) or dtypes.infer_dtype(x)


def _float_kernel(x, y, tf_name: str, name) -> None:
    """TF1's ``InvalidArgumentError`` (no kernel) where the operands of ``tf_name`` are integers, raised when the
    graph is built (TF1 raises it when run): ``tf.realdiv`` of int32 tensors (probe18 G12)."""
    dtype = _operand_dtype(x, y)
    if dtype.is_integer:
        raise InvalidArgumentError(f"No OpKernel was registered to support Op '{tf_name}' used by {{{{node "
                                   f"{name or tf_name}}}}} with these attrs: [T=DT_{dtype.name.upper()}] ({tf_name} "
                                   "divides floats: tf.truediv / tf.divide give floats of integers, or cast both "
                                   "operands first, tf.cast(x, tf.float32))")


add = _binary_function("add", "Add", "``tf.add(x, y)``: ``x + y`` with broadcasting.")
subtract = _binary_function("sub", "Sub", "``tf.subtract(x, y)``: ``x - y``.")
multiply = _binary_function("mul", "Mul", "``tf.multiply(x, y)``: elementwise ``x * y``.")
divide = _binary_function("truediv", "truediv", "``tf.divide(x, y)``: true division (integers give float64).",
                          first=None)
truediv = _binary_function("truediv", "truediv", "``tf.truediv(x, y)``: true division (integers give float64).",
                           first=("truediv", None))
realdiv = _binary_function("truediv", "RealDiv", "``tf.realdiv(x, y)``: division of real numbers.")
floordiv = _binary_function("floordiv", "floordiv", r"``tf.floordiv(x, y)``: :math:`\lfloor x / y \rfloor` "
                            "(``floordiv(-7, 2) = -4``).")
floor_div = _binary_function("floordiv", "FloorDiv", r"``tf.floor_div(x, y)``: :math:`\lfloor x / y \rfloor`.")
truncatediv = _binary_function("truncatediv", "TruncateDiv", "``tf.truncatediv(x, y)``: the quotient rounded "
                               "toward zero (``truncatediv(-7, 2) = -3``).", first=("op", "TruncateDiv"))
floormod = _binary_function("floormod", "FloorMod", r"``tf.floormod(x, y)``: :math:`x - \lfloor x/y\rfloor y`.",
                            first=("op", "FloorMod"))
mod = floormod
pow = _binary_function("pow", "Pow", "``tf.pow(x, y)``: elementwise ``x ** y`` (``y`` a number).")  # noqa: A001


def div(x, y, name=None):
    """``tf.div(x, y)``: Python 2's division: integers floor-divide (``div(7, 2) = 3``), floats divide."""
    check_first_operand(x, y, "Div", "div")
    x, y = convert_pair(x, y, "Div")
    return binary("floordiv" if x.dtype.is_integer else "truediv", x, y, name=name or "div")


@recorded
def div_no_nan(x, y, name=None) -> Tensor:
    r"""``tf.div_no_nan(x, y)``: :math:`x / y` with broadcasting, and TF1's literal ``+0.0`` where :math:`y = 0`:
    the quotient :math:`x / \operatorname{select}(y = 0, 1, y)` (finite everywhere) with a selection of 0 where
    :math:`y = 0` (probe56 P56-8).  The gradients there are ``+0.0`` too, each through a selection (TF1's: its
    w.r.t. :math:`y` is :math:`g \cdot 0`, ``-0.0`` for a negative :math:`g`: final41a F41a-4).  One op of TF1's
    type ``DivNoNan``: the inner tensors take none of the program's names (F41a-10).  Unlike TF1's kernel, an
    infinite or NaN :math:`x` over :math:`y = 0` gives NaN, not 0."""
    from .array_ops import equal, ones_like, zeros_like  # arrays build on this module's arithmetic
    from .comparison_ops import where
    x, y = convert_pair(x, y, "DivNoNan")
    floating(x, "DivNoNan")
    with unnamed():  # TF1's one DivNoNan op
        y_is_zero = equal(y, 0.0)
        quotient = binary("truediv", x, where(y_is_zero, ones_like(y), y))
        zeros = zeros_like(quotient)
        at_zero = equal(binary("add", cast(y_is_zero, x.dtype), zeros), 1.0)  # [y = 0] in the quotient's shape
        selected = where(at_zero, zeros, quotient)
    result = Tensor(selected.expr, selected.shape, selected.dtype, f"{name or 'div_no_nan'}:0")
    result.op_type = "DivNoNan"
    return result


@recorded
def log_sigmoid(x, name=None) -> Tensor:
    r"""``tf.log_sigmoid``: :math:`\log\sigma(x) = -\mathrm{softplus}(-x)`, TF1's formula (no overflow)."""
    x = floating(as_tensor(x), "LogSigmoid")
    return negate(softplus(negate(x)), name=name or "LogSigmoid")


def squared_difference(x, y, name=None):
    r"""``tf.squared_difference(x, y)``: elementwise :math:`(x - y)^2`."""
    with get_default_graph().name_used_on_failure(name or "SquaredDifference"):
        return _squared_difference(x, y, name)  # a failed build uses its name up, as TF1's (F43b-4)


def _squared_difference(x, y, name):
    check_first_operand(x, y, "SquaredDifference")
    dtype = _operand_dtype(x, y)
    if dtype.is_integer and not takes("SquaredDifference", dtype.name):  # TF1 has no kernel for 8- and 16-bit ones
        raise kernel_dtype_error("SquaredDifference", dtype.name, "SquaredDifference: cast the operands first, e.g. "
                                 "tf.cast(x, tf.int32)")
    return square(binary("sub", x, y), name=name or "SquaredDifference")


def negative(x, name=None):
    return negate(x, name=name)


neg = negative


#: The elementwise functions TF1 also takes on integer tensors (the others are floating point only).
INTEGER_FUNCTIONS = frozenset({"abs", "square", "sign", "relu", "stop_gradient"})


#: The integer functions of UNARY_FUNCTIONS whose value may leave the dtype's range.
_OVERFLOWING = frozenset({"abs", "square"})
#: The functions of UNARY_FUNCTIONS made per float width (TF1's kernel in float32 or float64).
PER_DTYPE = frozenset({"sigmoid"})


def _unary(function, name: str, tf_name: str):
    @recorded
    def apply(x, name=None):
        x = as_tensor(x)
        if apply.__name__ not in INTEGER_FUNCTIONS:
            floating(x, tf_name)
        if tf_name in SIGNED_OPS:
            signed(x, tf_name)
        kernel_inputs(tf_name)(x)  # tf.square of bools (P81-2)
        chosen = function(64 if x.dtype.name == "float64" else 32) if apply.__name__ in PER_DTYPE else function
        operand = exact_factor(x.expr, x.dtype) if apply.__name__ == "square" else x.expr  # exact past 2**53
        if is_matrix(operand):
            expr = elementwise(chosen, operand)
        else:
            build = partial(uncancelled, chosen) if x.dtype.is_floating else chosen  # exp(log(x)): U12
            expr = real_scalar(build, (operand,), symbol_dtype(x.dtype), x.dtype.name)
        if apply.__name__ in _OVERFLOWING:  # abs(-2**31) of int32 is itself, as TF1's kernel
            expr = integer_value(expr, x.dtype)
        return Tensor(expr, x.shape, x.dtype, name or tf_name)
    apply.__name__ = name
    apply.__qualname__ = name
    apply.__doc__ = f"Elementwise ``{name}`` (TF1's ``{tf_name}``)."
    apply.tf_name = tf_name
    apply.check_when_deferred = float_inputs(tf_name, "x") if name not in INTEGER_FUNCTIONS else \
        kernel_inputs(tf_name)
    return apply




_UNARY = {name: _unary(function, name, tf_name) for name, (function, tf_name) in UNARY_FUNCTIONS.items()}
sqrt, exp, log, square = _UNARY["sqrt"], _UNARY["exp"], _UNARY["log"], _UNARY["square"]
abs = _UNARY["abs"]  # noqa: A001
sigmoid, tanh, relu, softplus = _UNARY["sigmoid"], _UNARY["tanh"], _UNARY["relu"], _UNARY["softplus"]
sin, cos, tan, asin, acos, atan = (_UNARY[n] for n in ("sin", "cos", "tan", "asin", "acos", "atan"))
sinh, cosh, asinh, acosh, atanh = (_UNARY[n] for n in ("sinh", "cosh", "asinh", "acosh", "atanh"))
floor, ceil, sign, reciprocal, rsqrt = (_UNARY[n] for n in ("floor", "ceil", "sign", "reciprocal", "rsqrt"))
log1p, expm1 = _UNARY["log1p"], _UNARY["expm1"]
erf, erfc = _UNARY["erf"], _UNARY["erfc"]
_held = _unary(functions.stop_gradient, "stop_gradient", "StopGradient")


def stop_gradient(input, name=None) -> Tensor:  # noqa: A002 - TF1's name
    """``tf.stop_gradient(x)``: the value of ``x``; no gradient flows through it
    (``tf.gradients(tf.stop_gradient(w) * w, w)`` is ``w``)."""
    x = as_tensor(input)
    return view(_held(x, name=name), x)


stop_gradient.tf_name = "StopGradient"


@recorded
def cast(x, dtype, name=None) -> Tensor:
    """``tf.cast``, with TF1's values inside the program.

    * to ``tf.bool``: ``x != 0`` (NaN is true), 1.0 / 0.0 inside the program;
    * between floats: rounded to the target's precision, and what follows computes in it (a float32 tensor cast
      to float64 is rounded to float32 first, even where a float64 program computed it, and computed in float64
      afterwards; float16 is rounded and computed in float32);
    * integers (and booleans) to floats: rounded to the target's precision and computed in it afterwards
      (:mod:`~symopt.compat.v1.integer_casts`: ``tf.cast(i, tf.float32) * 0.37`` is a float32 product);
    * floats to integers: truncated toward zero by the CPU's conversion to int32 (int64), the smallest integer
      for NaN, infinities and values out of range (:mod:`~symopt.compat.v1.integer_casts`); to ``int8``,
      ``uint8``, ``int16``, ``uint16`` that integer (or an integer tensor) wraps around (``uint8(1000) = 232``);
    * to ``int64``: computed in int64 afterwards (``tf.cast(i, tf.int64) * tf.cast(i, tf.int64)`` of an int32
      ``i`` of 100000 is 10**10, not int32's wrapped product)."""
    x = as_tensor(x)
    dtype = dtypes.as_dtype(dtype)
    if dtype == x.dtype:  # TF1 makes no op: the input itself (a variable's read), no control inputs of a block
        return converted(x)
    if dtypes.string in (dtype, x.dtype):  # TF1 has no kernel: its UnimplementedError at run, here when built
        raise UnimplementedError(f"Cast {x.dtype.tf_name} to {dtype.tf_name} is not supported (tf.cast of {x.name}: "
                                 + ("convert the strings to numbers in Python or NumPy, e.g. np.asarray(strings, "
                                    "np.float32), before making the tensor or feeding them)" if x.dtype == dtypes.string
                                    else "format the numbers as strings in Python after running the graph)"))
    if dtype == dtypes.bool:
        if not (x.dtype.is_floating or x.dtype.is_integer):
            raise UnsupportedOperationError(f"tf.cast of a {x.dtype.name} tensor to bool is not supported by "
                                            "symopt.compat.v1")
        from .comparison_ops import not_equal  # comparisons build on this module's arithmetic
        return not_equal(x, 0, name=name or "Cast")
    expr = x.expr
    if dtype.is_floating and x.dtype.is_floating:
        source, target = int(x.dtype.name[5:]), int(dtype.name[5:])
        if source < target:  # a float32 value is a float32 number, also where a float64 program computes it
            expr = _each(lambda v: functions.in_float(functions.in_float(v, source), target), expr)
        else:
            expr = _each(lambda v: functions.in_float(v, target), expr)
    elif dtype.is_floating:  # rounded to the target's precision, computed in it afterwards (integer_casts.py)
        expr = float_of_integers(expr, int(dtype.name[5:]))
    elif dtype.is_integer and x.dtype.is_floating:  # the CPU's conversion (integer_casts.py), then the low bits
        bits = 64 if dtype.name == "int64" else 32
        expr = _each(lambda v: truncated_int(v, bits), expr)
    if dtype.is_integer and (x.dtype.is_integer or dtype.max < 2 ** 31):  # the low bits, as TF1 (integer_wraps.py)
        expr = integer_value(expr, dtype)
    if dtype.is_integer and dtype.max > 2 ** 32:  # int64 arithmetic afterwards (int32 products wrap); a quotient
        expr = _each(in_int64, expr) if x.dtype.is_floating else exact_factor(expr, x.dtype)  # stays nan: TF1's error
    return Tensor(expr, x.shape, dtype, name or "Cast")


def _each(function, expr):
    """``function`` of a scalar expression, or of each entry of a matrix one."""
    return elementwise(function, expr) if is_matrix(expr) else function(expr)


def to_float(x, name="ToFloat") -> Tensor:
    """``tf.to_float``: ``tf.cast(x, tf.float32)``."""
    return cast(x, dtypes.float32, name=name)


def to_double(x, name="ToDouble") -> Tensor:
    return cast(x, dtypes.float64, name=name)


def to_int32(x, name="ToInt32") -> Tensor:
    """``tf.to_int32``: ``tf.cast(x, tf.int32)`` (floats truncated toward zero)."""
    return cast(x, dtypes.int32, name=name)


def to_int64(x, name="ToInt64") -> Tensor:
    return cast(x, dtypes.int64, name=name)


@recorded
def round(x, name=None) -> Tensor:  # noqa: A001 - TF1's name
    """``tf.round``: to the nearest integer, halves to even (banker's rounding, as TF1)."""
    x = as_tensor(x)
    if not x.dtype.is_integer:  # TF1's tf.round returns integers as they are; a bool reaches the kernel (46b-1)
        kernel_inputs("Round")(x)
    half_even = sympy.Lambda(_ROUNDED, kernel_round(_ROUNDED))
    expr = elementwise(half_even, x.expr) if is_matrix(x.expr) else \
        real_scalar(half_even, (x.expr,), symbol_dtype(x.dtype), x.dtype.name)  # -0.0 of a negative constant, as TF1
    return Tensor(expr, x.shape, x.dtype, name or "Round")


_ROUNDED = sympy.Dummy("x", real=True)


#: The most entries ``tf.reduce_prod`` multiplies: its product is symbolic, and the gradient holds, for each
#: entry, the product of all the others (size grows as the square of the count).
MAX_PRODUCT_ENTRIES = 64


@recorded
def reduce_prod(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None) -> Tensor:
    r"""``tf.reduce_prod``: :math:`\prod_i x_i` over ``axis`` (``None``: every entry), dims kept with ``keepdims``,
    of a tensor of known shape (no batch dimension) with at most :data:`MAX_PRODUCT_ENTRIES` entries.

    Every entry: a symbolic product; its gradient is the exact one, TF1's: :math:`\partial/\partial x_k =
    \prod_{i \ne k} x_i`, right with zero entries too.  Along one axis of a matrix: the elementwise product of its
    columns (or rows), differentiated through the slices that pick them (TF1's gradient)."""
    op = name or "Prod"
    x = not_boolean(as_tensor(input_tensor), op)
    axis = reduction_indices if axis is None else axis
    keepdims = bool(keep_dims if keepdims is None else keepdims)
    axes = set(reduction_axes(x, axis, op))  # TF1's checks, as reduce_sum's (probe56 P56-3, P56-2)
    if not axes:  # a scalar, or axis=[]: x itself (probe56 P56-4)
        return Tensor(x.expr, tuple(x.shape), x.dtype, op)
    count = x.shape.num_elements()
    if count is None or count > MAX_PRODUCT_ENTRIES:
        raise UnsupportedOperationError(f"tf.reduce_prod of {x.name} with shape {x.shape}: symopt.compat.v1 "
                                        f"multiplies the entries of a known shape (no batch dimension), at most "
                                        f"{MAX_PRODUCT_ENTRIES}")
    if axes == set(range(x.ndim)):
        product = integer_value(sympy.Mul(*(exact_factor(entry, x.dtype) for entry in _entries(x.expr))), x.dtype)
        product = float16_rounded(product, x.dtype)  # TF1's float16 product overflows at 65504 (final41a F41a-2)
        if keepdims:
            return Tensor(scale(product, sympy.OneMatrix(1, 1)), (1,) * x.ndim, x.dtype, op)
        return Tensor(product, (), x.dtype, op)
    (reduced_axis,) = axes  # one axis of a matrix
    size = x.shape.as_list()[reduced_axis]
    slices = [x.expr[:, j:j + 1] if reduced_axis == 1 else x.expr[j:j + 1, :] for j in range(size)]
    product = float16_rounded(integer_value(hadamard(*(exact_factor(piece, x.dtype) for piece in slices)), x.dtype),
                              x.dtype)
    kept = x.shape.as_list()[1 - reduced_axis]
    if keepdims:
        return Tensor(product, (1, kept) if reduced_axis == 0 else (kept, 1), x.dtype, op)
    return Tensor(transpose(product) if reduced_axis == 0 else product, (kept,), x.dtype, op)


def _entries(matrix) -> list:
    """The entries of a matrix expression of known shape, row by row: ``matrix[i, j]``, or, of a node SymPy cannot
    index (``Softmax``, a cross-entropy), the sum of its ``1 x 1`` slice (probe56 P56-11)."""
    rows, cols = (int(n) for n in matrix.shape)
    try:
        return [matrix[i, j] for i in range(rows) for j in range(cols)]
    except NotImplementedError:  # SymPy's "Indexing not implemented for Softmax"
        return [ElementSum(matrix[i:i + 1, j:j + 1]) for i in range(rows) for j in range(cols)]


def differentiable_inputs(expressions, stopped=None) -> set:
    """The inputs a gradient reaches: those read outside every :func:`stop_gradient` (TF1 gives ``None`` for an
    input read only inside one); ``stopped(node)``, where given, stops the walk at more nodes."""
    reached, seen, stack = set(), set(), [sympy.sympify(e) for e in expressions]
    while stack:
        node = stack.pop()
        if node in seen or _stopped(node) or (stopped is not None and stopped(node)):
            continue
        seen.add(node)
        if node.is_Symbol or isinstance(node, sympy.MatrixSymbol):
            reached.add(node)
        else:
            stack.extend(arg for arg in node.args if isinstance(arg, sympy.Basic))
    return reached & set(free_inputs(expressions))


def _stopped(node) -> bool:
    if isinstance(node, functions.stop_gradient):
        return True
    if isinstance(node, ElementwiseApplyFunction):
        dummy, body = lambda_parts(node.function)
        return body == functions.stop_gradient(dummy)
    return False
