"""TensorFlow 1.x's API on symopt: ``import symopt.compat.v1 as tf`` runs the lecture unchanged.

Tensors are SymPy expressions; ``Session.run`` compiles what it fetches into
generated NumPy code, and ``tf.train`` optimizers run symopt's fused steps with
TF1's exact arithmetic.  ``tf.nn`` holds activations, softmax and the losses.
"""

from . import dtypes, errors, nn, train
from .array_ops import (argmax, argmin, equal, one_hot, ones, ones_like, reduce_max, reduce_mean, reduce_sum,
                        reshape, transpose, zeros, zeros_like)
from .dtypes import DType, bool, float32, float64, int32, int64  # noqa: A004 - TF1's name
from .graph import (Graph, Operation, Tensor, Variable, constant, get_default_graph, matmul, placeholder,
                    reset_default_graph)
from .init_ops import (constant_initializer, glorot_normal_initializer, glorot_uniform_initializer,
                       ones_initializer, random_normal, random_normal_initializer, random_uniform,
                       random_uniform_initializer, set_random_seed, truncated_normal, truncated_normal_initializer,
                       variance_scaling_initializer, zeros_initializer)
from .math_ops import (abs, add, cast, divide, exp, gradients, log, multiply, negative, pow, sigmoid, sqrt,
                       square, subtract, tanh)
from .session import (InteractiveSession, Session, get_default_session, global_variables_initializer,
                      variables_initializer)
from .variable_scope import AUTO_REUSE, get_variable, get_variable_scope, variable_scope

__all__ = [
    "DType", "float32", "float64", "int32", "int64", "bool", "dtypes", "errors", "train", "nn",
    "Graph", "Operation", "Tensor", "Variable", "constant", "placeholder", "get_default_graph",
    "reset_default_graph", "Session", "InteractiveSession", "get_default_session",
    "global_variables_initializer", "variables_initializer",
    "add", "subtract", "multiply", "divide", "pow", "negative", "square", "sqrt", "exp", "log", "abs",
    "sigmoid", "tanh", "cast", "gradients",
    "matmul", "transpose", "reshape", "reduce_sum", "reduce_mean", "reduce_max", "argmax", "argmin", "equal",
    "one_hot", "zeros", "ones", "zeros_like", "ones_like",
    "get_variable", "variable_scope", "get_variable_scope", "AUTO_REUSE", "set_random_seed",
    "zeros_initializer", "ones_initializer", "constant_initializer", "random_normal_initializer",
    "truncated_normal_initializer", "random_uniform_initializer", "variance_scaling_initializer",
    "glorot_uniform_initializer", "glorot_normal_initializer",
    "random_normal", "truncated_normal", "random_uniform",
]
