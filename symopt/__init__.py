"""symopt: a symbolic math compiler for optimization.

A cost is a SymPy expression; symopt derives its gradient symbolically, compiles
cost, gradient and an optimizer's update into readable NumPy source, and runs the
minimizer with data bound to placeholders.  This module is exactly the public API.

Each name is imported from its module on first use (PEP 562 ``__getattr__``), so
``import symopt`` and the command line's ``--help`` do not pay for importing SymPy.
"""

from __future__ import annotations

import sys

from .lazy import LazyPackage, lazy_attribute

__version__ = "0.1.0"

#: Public submodules.
SUBMODULES = ("ops", "errors", "display", "schedules", "optimizers", "plot", "checkpoint", "parse", "initializers")

#: Public name → the module (under ``symopt``) that defines it.
EXPORTS = {
    "Variable": "symbols", "Placeholder": "symbols", "BATCH": "symbols",
    "grad": "calculus",
    "compile": "compiler", "CompiledFunction": "compiler", "evaluate": "evaluation", "evaluate_in_batches": "batched",
    "minimize": "minimize", "Result": "minimize",
    "Optimizer": "optimizers", "GradientDescent": "optimizers", "Momentum": "optimizers",
    "Adagrad": "optimizers", "RMSProp": "optimizers", "Adam": "optimizers",
    "sigmoid": "functions", "relu": "functions", "softplus": "functions", "leaky_relu": "functions",
    "derive": "display", "graph": "display", "update_rule": "display", "explain": "display",
    "Schedule": "schedules", "ExponentialDecay": "schedules", "PiecewiseConstant": "schedules",
    "PolynomialDecay": "schedules", "InverseTimeDecay": "schedules", "CosineDecay": "schedules", "Warmup": "schedules",
    "hessian": "hessian", "hvp": "hessian", "jacobian": "jacobian",
    "Adadelta": "more_optimizers", "Ftrl": "more_optimizers", "ProximalGradientDescent": "more_optimizers",
    "ProximalAdagrad": "more_optimizers", "PyTorchAdam": "more_optimizers", "KerasAdam": "more_optimizers",
    "AdamW": "more_optimizers", "Nadam": "more_optimizers",
    "NaturalExpDecay": "more_schedules", "LinearCosineDecay": "more_schedules", "CosineDecayRestarts": "more_schedules",
    "get_optimizer": "optimizers",
}

__all__ = [
    "Variable", "Placeholder", "BATCH",
    "grad", "compile", "CompiledFunction", "evaluate", "evaluate_in_batches", "minimize", "Result",
    "Optimizer", "GradientDescent", "Momentum", "Adagrad", "RMSProp", "Adam",
    "sigmoid", "relu", "softplus", "leaky_relu",
    "derive", "graph", "update_rule",
    "ops", "errors", "display",
    "schedules", "Schedule", "ExponentialDecay", "PiecewiseConstant", "PolynomialDecay", "InverseTimeDecay",
    "CosineDecay", "Warmup",
    "explain",
    "hessian", "hvp", "jacobian",
    "Adadelta", "Ftrl", "ProximalGradientDescent", "ProximalAdagrad", "PyTorchAdam", "KerasAdam", "AdamW", "Nadam",
    "NaturalExpDecay", "LinearCosineDecay", "CosineDecayRestarts", "get_optimizer",
]


#: Other libraries' names of symopt's optimizers (probe26 P26-D: PyTorch's ``SGD``, Keras' ``RMSprop``).
_OTHER_NAMES = {"SGD": "symopt.GradientDescent (with momentum: symopt.Momentum)", "RMSprop": "symopt.RMSProp",
                "sgd": "symopt.GradientDescent"}


def _missing(name: str) -> AttributeError:
    """A name symopt does not export; another library's name of one of its optimizers names symopt's."""
    other = _OTHER_NAMES.get(name)
    return AttributeError(f"module 'symopt' has no attribute {name!r}" + (f"; symopt's is {other}" if other else ""))


def __getattr__(name: str):
    return lazy_attribute(sys.modules[__name__], EXPORTS, SUBMODULES, name, _missing)


# loading the submodule symopt.minimize must not hide the function symopt.minimize; pickled by reference (P58-2)
sys.modules[__name__].__class__ = LazyPackage


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
