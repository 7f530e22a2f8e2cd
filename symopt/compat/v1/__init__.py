"""TensorFlow 1.x's API on symopt: ``import symopt.compat.v1 as tf`` runs the lecture unchanged.

Tensors are SymPy expressions; ``Session.run`` compiles what it fetches into
generated NumPy code, and ``tf.train`` optimizers run symopt's fused steps with
TF1's exact arithmetic.
"""

from . import dtypes, errors, train
from .dtypes import DType, float32, float64, int32, int64
from .graph import (Graph, Operation, Tensor, Variable, constant, get_default_graph, placeholder,
                    reset_default_graph)
from .math_ops import (abs, add, cast, divide, exp, gradients, log, multiply, negative, pow, sigmoid, sqrt,
                       square, subtract, tanh)
from .session import (InteractiveSession, Session, get_default_session, global_variables_initializer,
                      variables_initializer)

__all__ = [
    "DType", "float32", "float64", "int32", "int64", "dtypes", "errors", "train",
    "Graph", "Operation", "Tensor", "Variable", "constant", "placeholder", "get_default_graph",
    "reset_default_graph", "Session", "InteractiveSession", "get_default_session",
    "global_variables_initializer", "variables_initializer",
    "add", "subtract", "multiply", "divide", "pow", "negative", "square", "sqrt", "exp", "log", "abs",
    "sigmoid", "tanh", "cast", "gradients",
]
