"""TensorFlow 1.x's API on symopt: ``import symopt.compat.v1 as tf`` runs TF1 programs unchanged.

Tensors are SymPy expressions; ``Session.run`` compiles what it fetches into
generated NumPy code, and ``tf.train`` optimizers run symopt's fused steps with
TF1's exact arithmetic.  ``tf.nn`` holds activations, softmax and the losses.
A TF1 name symopt does not provide raises :class:`~symopt.errors.UnsupportedOperationError`
naming it (never a silent stand-in); see ``docs/compat.md``.
"""

from __future__ import annotations

import pkgutil
import sys

from ...lazy import LazyPackage, lazy_attribute

#: Submodules, loaded on first use: the public ones (``tf.train``, ``tf.nn``, ...) and the implementation
#: modules (``tf.math_ops``) that an eager import used to bind too.
SUBMODULES = tuple(module.name for module in pkgutil.iter_modules(__path__) if not module.name.startswith("_"))

#: The module (under ``symopt.compat.v1``) that defines each public name.
NAMES_BY_MODULE = {
    "app": ("flags",),
    "array_ops": ("convert_to_tensor", "equal", "identity", "one_hot", "ones", "ones_like", "tensordot", "transpose",
                  "zeros", "zeros_like"),
    "reduction_ops": ("arg_max", "arg_min", "argmax", "argmin", "reduce_max", "reduce_mean", "reduce_min",
                      "reduce_sum"),
    "reshape_ops": ("reshape",),
    "dtypes": ("DType", "as_dtype", "bool", "double", "float16", "float32", "float64", "half", "int8", "int16",
               "int32", "int64", "string", "uint8", "uint16"),
    "comparison_ops": ("where", "clip_by_norm", "clip_by_value", "greater", "greater_equal", "less", "less_equal", "logical_and",
                       "logical_not", "logical_or", "logical_xor", "maximum", "minimum", "not_equal"),
    "default_graph": ("Graph", "GraphKeys", "add_to_collection", "get_collection", "get_default_graph", "name_scope",
                      "reset_default_graph"),
    "graph": ("matmul",),
    "tensors": ("Tensor",),
    "operations": ("Operation",),
    "constants": ("constant",),
    "init_ops": ("constant_initializer", "glorot_normal_initializer", "glorot_uniform_initializer", "ones_initializer",
                 "random_normal_initializer", "random_uniform_initializer",
                 "set_random_seed", "truncated_normal_initializer", "variance_scaling_initializer",
                 "zeros_initializer"),
    "random_tensors": ("random_normal", "random_uniform", "truncated_normal"),
    "math_ops": ("abs", "acos", "acosh", "add", "asin", "asinh", "atan", "atanh", "cast", "ceil", "cos", "cosh", "div",
                 "divide", "erf", "erfc", "exp", "expm1", "floor", "floor_div", "floordiv", "floormod",
                 "log", "log1p", "mod", "multiply", "neg", "negative", "pow", "realdiv", "reciprocal", "relu", "round",
                 "rsqrt", "sigmoid", "sign", "sin", "sinh", "softplus", "sqrt", "square", "squared_difference",
                 "div_no_nan", "log_sigmoid",
                 "reduce_prod", "stop_gradient", "subtract", "tan", "tanh", "to_double", "to_float", "to_int32",
                 "to_int64", "truediv", "truncatediv"),
    "session": ("InteractiveSession", "Session"),
    "session_config": ("ConfigProto", "GPUOptions", "RunOptions", "RunMetadata"),
    "default_session": ("get_default_session",),
    "variable_collections": ("all_variables", "global_variables", "local_variables", "model_variables",
                             "trainable_variables"),
    "variable_initializers": ("global_variables_initializer", "initialize_all_variables", "local_variables_initializer",
                              "variables_initializer"),
    "tensor_shape": ("Dimension", "TensorShape", "dimension_value"),
    "number_tests": ("is_finite", "is_inf", "is_nan", "reduce_all", "reduce_any"),
    "variable_scope": ("AUTO_REUSE", "get_variable", "get_variable_scope", "variable_scope"),
    "variables": ("Variable", "assign", "assign_add", "assign_sub", "count_up_to"),
    "placeholders": ("placeholder",),
    "learning_rate_decay": ("hessians",),
    "shape_ops": ("shape", "size", "rank", "expand_dims", "eye", "placeholder_with_default", "range", "squeeze"),
    "control_flow_ops": ("device", "group", "no_op", "cond", "while_loop"),
    "case_ops": ("case",),
    "slice_ops": ("slice", "strided_slice"),
    "gradient_ops": ("gradients", "AggregationMethod"),
    "concat_ops": ("concat", "stack"),
    "summing": ("add_n", "clip_by_average_norm", "clip_by_global_norm", "global_norm", "norm"),
    "statistics": ("count_nonzero", "reduce_logsumexp"),
    "control_dependencies": ("control_dependencies",),
    "printing": ("Print", "print"),
    "gather_ops": ("gather", "gather_nd"),
    "array_pieces": ("tile", "split", "unstack"),
    "array_fills": ("fill", "linspace", "lin_space", "matrix_transpose", "cumsum"),
    "diagonals": ("diag", "matrix_diag", "diag_part", "matrix_diag_part", "trace"),
    "numeric_checks": ("check_numerics",),
    "reverse_pad": ("reverse", "reverse_v2", "pad"),
    "masks": ("sequence_mask", "boolean_mask"),
    "einsum_ops": ("einsum",),
    "inverses": ("matrix_inverse", "matrix_determinant"),
    "scatter_ops": ("scatter_update", "scatter_add", "scatter_sub"),
    "moving_averages": ("moving_average_variables",),
    "check_ops": ("Assert", "assert_equal", "assert_positive", "assert_negative", "assert_non_negative",
                  "assert_non_positive", "assert_less", "assert_less_equal", "assert_greater", "assert_greater_equal",
                  "assert_rank", "assert_type"),
}

#: Public name → its module; each is imported on first use, so ``import symopt.compat.v1`` loads no SymPy.
EXPORTS = {name: module for module, names in NAMES_BY_MODULE.items() for name in names}

__all__ = [
    "DType", "as_dtype", "float16", "half", "float32", "float64", "double", "int8", "int16", "int32", "int64",
    "uint8", "uint16", "bool", "string", "dtypes", "errors", "train", "nn", "summary", "app", "flags", "layers",
    "contrib", "Graph", "Operation", "Tensor", "TensorShape", "Dimension", "dimension_value", "Variable", "constant",
    "placeholder",
    "get_default_graph", "reset_default_graph", "name_scope", "Session", "InteractiveSession", "get_default_session",
    "global_variables_initializer", "initialize_all_variables", "variables_initializer", "global_variables",
    "trainable_variables", "assign", "assign_add", "assign_sub", "local_variables_initializer", "ConfigProto",
    "GPUOptions", "RunOptions", "RunMetadata", "GraphKeys", "AggregationMethod", "get_collection", "add_to_collection", "reduce_min", "greater", "less",
    "greater_equal", "less_equal", "not_equal", "logical_and", "logical_or", "logical_not", "logical_xor", "maximum", "minimum",
    "clip_by_value", "clip_by_norm", "where", "concat", "stack", "shape", "size", "rank", "range", "eye", "expand_dims", "squeeze", "placeholder_with_default", "group",
    "no_op", "slice", "strided_slice", "losses", "math", "random", "is_nan", "is_inf", "is_finite", "reduce_any", "reduce_all",
    "add", "subtract", "multiply", "divide", "div", "truediv", "realdiv", "floordiv", "floor_div", "truncatediv",
    "floormod", "mod", "pow", "negative", "neg", "square", "squared_difference", "sqrt", "rsqrt", "exp", "expm1",
    "log", "log1p", "abs", "sign", "reciprocal", "round", "floor", "ceil", "sin", "cos", "tan", "asin", "acos",
    "atan", "sinh", "cosh", "asinh", "acosh", "atanh", "erf", "erfc", "sigmoid", "tanh", "relu", "softplus", "cast",
    "to_float", "to_double", "to_int32", "to_int64", "gradients", "hessians", "stop_gradient", "reduce_prod",
    "matmul", "tensordot", "transpose", "reshape", "identity", "convert_to_tensor", "reduce_sum", "reduce_mean",
    "reduce_max", "argmax", "argmin", "arg_max", "arg_min", "equal", "one_hot", "zeros", "ones", "zeros_like",
    "ones_like", "get_variable", "variable_scope", "get_variable_scope", "AUTO_REUSE", "set_random_seed",
    "zeros_initializer", "ones_initializer", "constant_initializer", "random_normal_initializer",
    "truncated_normal_initializer", "random_uniform_initializer", "variance_scaling_initializer",
    "glorot_uniform_initializer", "glorot_normal_initializer",
    "random_normal", "truncated_normal", "random_uniform", "compat", "disable_eager_execution",
    "disable_v2_behavior", "executing_eagerly", "gfile", "io", "logging", "newaxis",
    "add_n", "clip_by_global_norm", "global_norm", "div_no_nan", "count_nonzero", "reduce_logsumexp", "norm", "log_sigmoid",
    "control_dependencies", "Print", "print", "gather", "tile", "split", "unstack", "fill", "linspace", "lin_space",
    "diag", "matrix_transpose", "cumsum", "linalg", "cond", "while_loop", "metrics", "local_variables", "model_variables",
    "matrix_diag", "diag_part", "matrix_diag_part", "trace", "check_numerics", "case", "reverse", "reverse_v2", "pad", "gather_nd", "sequence_mask", "einsum",
    "all_variables", "matrix_inverse", "matrix_determinant", "AggregationMethod",
    "scatter_update", "scatter_add", "scatter_sub", "moving_average_variables", "boolean_mask",
    "Assert", "assert_equal", "assert_positive", "assert_negative", "assert_non_negative", "assert_non_positive",
    "assert_less", "assert_less_equal", "assert_greater", "assert_greater_equal", "assert_rank", "assert_type",
]


__version__ = "1.15.0+symopt"  # a PEP 440 local version: packaging.version.Version parses it
VERSION = __version__  # TF1's tf.VERSION ("1.15.0" there)

#: ``x[:, tf.newaxis]``: a new axis of size 1 in a slice (TF1's ``tf.newaxis`` is ``None``).
newaxis = None


def disable_eager_execution() -> None:
    """``tf.compat.v1.disable_eager_execution()``: symopt.compat.v1 always builds graphs; nothing to do."""


disable_v2_behavior = disable_eager_execution


def executing_eagerly() -> bool:
    """``tf.executing_eagerly()``: False, as in TF1's graph mode (symopt.compat.v1 always builds graphs)."""
    return False


def unsupported(name: str) -> AttributeError:
    """A TF1 name symopt does not provide: say so by name, never guess."""
    if name.startswith("_"):
        return AttributeError(name)
    from .errors import unsupported_name
    return unsupported_name("tf", name)


def __getattr__(name: str):
    if name == "compat":  # tf.compat.v1 is this module
        return sys.modules[__name__.rsplit(".", 1)[0]]
    return lazy_attribute(sys.modules[__name__], EXPORTS, SUBMODULES, name, unsupported)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


sys.modules[__name__].__class__ = LazyPackage
