"""What to write for ``optimizer=`` given a name symopt's optimizers do not have but another library's or symopt's own
``method=`` has: PyTorch's, Keras' and optax's ``"sgd"``, ``"nesterov"``, a second-order method (``"lbfgs"``).
The reverse mistake, ``method="adam"``, is :func:`symopt.keyword_advice.method_advice`'s.
"""

from __future__ import annotations

__all__ = ["optimizer_name_advice", "OTHER_SPELLINGS", "SECOND_ORDER_NAMES"]

#: Other libraries' first-order optimizer names (lowercase) → what symopt writes.
OTHER_SPELLINGS = {
    "sgd": ("Plain stochastic gradient descent (torch.optim.SGD, optax.sgd, Keras' 'sgd') is optimizer='gd', or "
            "symopt.GradientDescent(lr); with momentum it is optimizer='momentum', or symopt.Momentum(lr, 0.9)"),
    "nesterov": "Nesterov momentum is symopt.Momentum(lr, 0.9, nesterov=True)",
}

#: Second-order and quasi-Newton names (lowercase, SciPy's spellings too) → symopt's ``method=`` name.
SECOND_ORDER_NAMES = {"newton": "newton", "lbfgs": "lbfgs", "l-bfgs": "lbfgs", "l-bfgs-b": "lbfgs", "bfgs": "bfgs",
                      "newton-cg": "newton-cg", "trust-ncg": "trust-ncg"}


def optimizer_name_advice(given) -> str:
    """The sentence (with a leading space) telling what to write for ``optimizer=given``; ``""`` for a name neither
    table holds."""
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
