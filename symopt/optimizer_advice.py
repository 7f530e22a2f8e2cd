"""What to write for ``optimizer=`` given a name symopt's optimizers do not have but another library's or symopt's own
``method=`` has (PyTorch's, Keras' and optax's ``"sgd"``, ``"nesterov"``, a second-order method: ``"lbfgs"``, a SciPy
method symopt does not run: ``"cg"``), or another library's optimizer object (``optax.adam(0.1)``); the names are
:mod:`symopt.method_names`'.
The reverse mistake, ``method="adam"``, is :func:`symopt.keyword_advice.method_advice`'s.
"""

from __future__ import annotations

import types

from .compat_hints import OPTIMIZER, compat_advice
from .method_names import FIRST_ORDER_SPELLINGS, SCIPY_ONLY_METHODS, SYMOPT_METHOD_SPELLINGS

__all__ = ["optimizer_name_advice", "shown_optimizer", "unknown_optimizer_message", "rate_beside_instance_message",
           "FOREIGN_OPTIMIZERS", "FOREIGN_SCHEDULES"]

#: Other libraries' optimizer objects, by the package their type comes from → symopt's counterparts.
FOREIGN_OPTIMIZERS = {
    "optax": ("optax.adam(lr) is symopt.PyTorchAdam(lr) (symopt.Adam is TF1's, with its own epsilon), "
              "optax.adamw(lr) is symopt.AdamW(lr, weight_decay=1e-4) (optax's default decay; symopt's is 0.01), "
              "optax.nadam(lr) is symopt.Nadam(lr), optax.sgd(lr) is symopt.GradientDescent(lr) and "
              "optax.sgd(lr, momentum) is symopt.Momentum(lr, momentum)"),
}


#: Other libraries' learning-rate schedules (plain functions of the step), by package → symopt's counterparts.
FOREIGN_SCHEDULES = {
    "optax": ("an optax schedule is a learning rate, not an optimizer: symopt's schedules (symopt.ExponentialDecay("
              "lr, decay_steps, decay_rate), symopt.CosineDecay, symopt.PiecewiseConstant, ...) are given as an optimizer's rate, "
              "optimizer=symopt.Adam(symopt.ExponentialDecay(0.1, 1000, 0.96))"),
}


def foreign_package(given) -> str | None:
    """The package of :data:`FOREIGN_OPTIMIZERS` that ``given``'s type comes from, else None."""
    package = type(given).__module__.split(".")[0]
    return package if package in FOREIGN_OPTIMIZERS else None


def foreign_schedule(given) -> str | None:
    """The package of :data:`FOREIGN_SCHEDULES` that ``given``, a plain function, comes from, else None."""
    if not isinstance(given, types.FunctionType):
        return None
    package = given.__module__.split(".")[0]
    return package if package in FOREIGN_SCHEDULES else None


def shown_optimizer(given) -> str:
    """``given`` as an unknown optimizer's message shows it: its repr, or for another library's optimizer object
    (whose repr lists its functions' addresses) its type, for its schedule the function's name."""
    package, schedule = foreign_package(given), foreign_schedule(given)
    if schedule is not None:
        return f"{given.__qualname__} (a function from {schedule})"
    if package is None:
        return repr(given)
    return f"{type(given).__qualname__} (an {package} optimizer)"


def optimizer_name_advice(given) -> str:
    """The sentence (with a leading space) telling what to write for ``optimizer=given``; ``""`` for a name neither
    table holds."""
    compat = compat_advice(given, OPTIMIZER)
    if compat:
        return f" {compat}."
    package = foreign_package(given)
    if package is not None:
        return (f" symopt writes the optimizer's update rule into the generated step, so it takes its own optimizers: "
                f"{FOREIGN_OPTIMIZERS[package]}.")
    schedule = foreign_schedule(given)
    if schedule is not None:
        return f" {FOREIGN_SCHEDULES[schedule][0].upper()}{FOREIGN_SCHEDULES[schedule][1:]}."
    if not isinstance(given, str):
        return ""
    name = given.lower()
    if name in FIRST_ORDER_SPELLINGS:
        return f" {FIRST_ORDER_SPELLINGS[name][0].upper()}{FIRST_ORDER_SPELLINGS[name][1:]}."
    if name in SYMOPT_METHOD_SPELLINGS:
        method = SYMOPT_METHOD_SPELLINGS[name]
        return (f" {given!r} is a second-order or quasi-Newton method: run it with method={method!r} and no optimizer= "
                f"(minimize(cost, wrt, method={method!r}): docs/second_order.md); optimizer= names a first-order "
                "optimizer.")
    if name in SCIPY_ONLY_METHODS:
        return f" {given!r} is a SciPy method: {SCIPY_ONLY_METHODS[name].format(given=given)}."
    return ""


def unknown_optimizer_message(given, names) -> str:
    """The refusal of ``optimizer=given`` (or ``get_optimizer(given)``), an optimizer symopt does not have: the
    ``names`` it has, and what to write (:func:`optimizer_name_advice`)."""
    return (f"unknown optimizer {shown_optimizer(given)}; expected one of {sorted(names)} or an Optimizer instance "
            f"such as symopt.Adam(0.1).{optimizer_name_advice(given)}")


def rate_beside_instance_message(given, lr: float, by_name: bool) -> str:
    """The refusal of ``get_optimizer(given, lr)`` for an optimizer object ``given`` (its rate is its own; probe36),
    naming ``get_optimizer(given.name, lr=lr)`` where ``by_name`` (that name makes the same class)."""
    name_advice = f", or pass its name, get_optimizer({given.name!r}, lr={lr!r})" if by_name else ""
    return (f"get_optimizer({given!r}, lr={lr!r}): the optimizer given has its own rate, and lr replaces the rate only "
            f"of an optimizer given by name; make it with the rate, {type(given).__name__}({lr!r}, ...){name_advice}")
