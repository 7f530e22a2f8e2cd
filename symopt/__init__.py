"""symopt: a symbolic math compiler for optimization.

A cost is a SymPy expression; symopt derives its gradient symbolically, compiles
cost, gradient and an optimizer's update into readable NumPy source, and runs the
minimizer with data bound to placeholders.  This module is exactly the public API.
"""

from . import display, errors, ops
from .batched import evaluate_in_batches
from .calculus import grad
from .compiler import CompiledFunction, compile, evaluate
from .display import derive, graph, update_rule
from .functions import leaky_relu, relu, sigmoid, softplus
from .minimize import Result, minimize
from .optimizers import Adagrad, Adam, GradientDescent, Momentum, Optimizer, RMSProp
from .symbols import BATCH, Placeholder, Variable

__version__ = "0.1.0"

__all__ = [
    "Variable", "Placeholder", "BATCH",
    "grad", "compile", "CompiledFunction", "evaluate", "evaluate_in_batches", "minimize", "Result",
    "Optimizer", "GradientDescent", "Momentum", "Adagrad", "RMSProp", "Adam",
    "sigmoid", "relu", "softplus", "leaky_relu",
    "derive", "graph", "update_rule",
    "ops", "errors", "display",
]
