"""What to write for ``optimizer=`` given a name symopt's optimizers do not have but another library's or symopt's own
``method=`` has (PyTorch's, Keras' and optax's ``"sgd"``, ``"nesterov"``, a second-order method: ``"lbfgs"``), or
another library's optimizer object (``optax.adam(0.1)``).
The reverse mistake, ``method="adam"``, is :func:`symopt.keyword_advice.method_advice`'s.
"""

from __future__ import annotations

__all__ = ["optimizer_name_advice", "shown_optimizer", "OTHER_SPELLINGS", "SECOND_ORDER_NAMES", "FOREIGN_OPTIMIZERS"]

#: Other libraries' first-order optimizer names (lowercase) → what symopt writes.
OTHER_SPELLINGS = {
    "sgd": ("Plain stochastic gradient descent (torch.optim.SGD, optax.sgd, Keras' 'sgd') is optimizer='gd', or "
            "symopt.GradientDescent(lr); with momentum it is optimizer='momentum', or symopt.Momentum(lr, 0.9)"),
    "nesterov": "Nesterov momentum is symopt.Momentum(lr, 0.9, nesterov=True)",
}

#: Second-order and quasi-Newton names (lowercase, SciPy's spellings too) → symopt's ``method=`` name.
SECOND_ORDER_NAMES = {"newton": "newton", "lbfgs": "lbfgs", "l-bfgs": "lbfgs", "l-bfgs-b": "lbfgs", "bfgs": "bfgs",
                      "newton-cg": "newton-cg", "trust-ncg": "trust-ncg"}


#: Other libraries' optimizer objects, by the package their type comes from → symopt's counterparts.
FOREIGN_OPTIMIZERS = {
    "optax": ("optax.adam(lr) is symopt.PyTorchAdam(lr) (symopt.Adam is TF1's, with its own epsilon), "
              "optax.adamw(lr) is symopt.AdamW(lr, weight_decay=1e-4) (optax's default decay; symopt's is 0.01), "
              "optax.nadam(lr) is symopt.Nadam(lr), optax.sgd(lr) is symopt.GradientDescent(lr) and "
              "optax.sgd(lr, momentum) is symopt.Momentum(lr, momentum)"),
}


def foreign_package(given) -> str | None:
    """The package of :data:`FOREIGN_OPTIMIZERS` that ``given``'s type comes from, else None."""
    package = type(given).__module__.split(".")[0]
    return package if package in FOREIGN_OPTIMIZERS else None


def shown_optimizer(given) -> str:
    """``given`` as an unknown optimizer's message shows it: its repr, or for another library's optimizer object
    (whose repr lists its functions' addresses) its type."""
    package = foreign_package(given)
    if package is None:
        return repr(given)
    return f"{type(given).__qualname__} (an {package} optimizer)"


def optimizer_name_advice(given) -> str:
    """The sentence (with a leading space) telling what to write for ``optimizer=given``; ``""`` for a name neither
    table holds."""
    package = foreign_package(given)
    if package is not None:
        return (f" symopt writes the optimizer's update rule into the generated step, so it takes its own optimizers: "
                f"{FOREIGN_OPTIMIZERS[package]}.")
    if not isinstance(given, str):
        return ""
    name = given.lower()
    if name in OTHER_SPELLINGS:
        return f" {OTHER_SPELLINGS[name]}."
    if name in SECOND_ORDER_NAMES:
        method = SECOND_ORDER_NAMES[name]
        return (f" {given!r} is a second-order or quasi-Newton method: run it with method={method!r} and no optimizer= "
                f"(minimize(cost, wrt, method={method!r}): docs/second_order.md); optimizer= names a first-order "
                "optimizer.")
    return ""
