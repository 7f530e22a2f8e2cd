"""symopt: a symbolic math compiler for optimization.

A cost is a SymPy expression; symopt derives its gradient symbolically, compiles
cost, gradient and an optimizer's update into readable NumPy source, and runs the
minimizer with data bound to placeholders.  This module is exactly the public API.

Each name is imported from its module on first use (PEP 562 ``__getattr__``), so
``import symopt`` and the command line's ``--help`` do not pay for importing SymPy.
"""

from __future__ import annotations

import importlib
import sys
import types

__version__ = "0.1.0"

#: Public submodules.
_MODULES = ("ops", "errors", "display", "schedules", "optimizers", "plot", "checkpoint", "parse")

#: Public name → the module (under ``symopt``) that defines it.
_EXPORTS = {
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
    "hessian": "hessian", "hvp": "hessian", "jacobian": "hessian",
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


def __getattr__(name: str):
    if name in _MODULES:
        return importlib.import_module(f".{name}", __name__)
    if name not in _EXPORTS:
        other = _OTHER_NAMES.get(name)
        raise AttributeError(f"module 'symopt' has no attribute {name!r}" + (f"; symopt's is {other}" if other else ""))
    value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    """The package: loading the submodule ``symopt.minimize`` must not hide the function ``symopt.minimize``."""

    def __setattr__(self, name: str, value) -> None:
        if name in _EXPORTS and isinstance(value, types.ModuleType):
            return  # the import system records a submodule that shares an exported name
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
