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

from . import schedules  # noqa: E402
from .schedules import (CosineDecay, ExponentialDecay, InverseTimeDecay, PiecewiseConstant,  # noqa: E402
                        PolynomialDecay, Schedule, Warmup)

__all__ += ["schedules", "Schedule", "ExponentialDecay", "PiecewiseConstant", "PolynomialDecay", "InverseTimeDecay",
            "CosineDecay", "Warmup"]

from .display import explain  # noqa: E402  (h5a: why a gradient is zero or NaN)

__all__ += ["explain"]

from .hessian import hessian, hvp, jacobian  # noqa: E402

__all__ += ["hessian", "hvp", "jacobian"]

from .more_optimizers import (AdamW, Adadelta, Ftrl, KerasAdam, Nadam, ProximalAdagrad,  # noqa: E402
                              ProximalGradientDescent, PyTorchAdam)

__all__ += ["Adadelta", "Ftrl", "ProximalGradientDescent", "ProximalAdagrad", "PyTorchAdam", "KerasAdam", "AdamW",
            "Nadam"]
