"""The numbers TF1's optimizers take: the learning rate (a number, or a tensor evaluated at every step) and the
other hyperparameters, as TF1 converts and checks them (train.py's optimizers)."""

from __future__ import annotations

import numpy as np

from ...errors import UnsupportedOperationError
from ...hyperparameters import AnyReal
from .assignments import RefTensor
from .errors import InvalidArgumentError
from .graph import Tensor, constant

__all__ = ["learning_rate_input", "tf1_constant_rate", "check_positive_rate", "tf1_numbers"]


def learning_rate_input(learning_rate, name: str) -> tuple:
    """``(number for the rule, tensor or None)``: a Tensor learning rate (a schedule, or a placeholder fed at every
    run) is evaluated at every step.  A constant rate that symopt's rules refuse but TF1 runs, 0 or below (a frozen
    model's sanity check, a sweep from ``lr = 0.0``, gradient ascent) or one float32 makes 0 or infinite (``1e-50``,
    ``1e308``), is TF1's constant tensor ``<name>/learning_rate`` evaluated the same way (float32 for a Python
    number, as TF1 converts it; a NumPy float keeps its dtype): the slots still move, the variables by ``lr`` times
    the step."""
    if isinstance(learning_rate, RefTensor):
        learning_rate = learning_rate.as_input()  # an assignment, or a value computed from one (``0.1 / inc``)
    if isinstance(learning_rate, Tensor):
        if (learning_rate.shape.known_rank and learning_rate.ndim != 0) or not (
                learning_rate.dtype.is_floating or learning_rate.dtype.is_integer):  # an int rate is cast, as TF1's
            raise TypeError(f"learning_rate must be a float scalar tensor; given {learning_rate!r}")
        return 1.0, learning_rate
    value = tf1_constant_rate(learning_rate)
    if value is None:
        return learning_rate, None
    # float32 makes 1e-50 0 and 1e308 infinite: TF1's numbers; inf and NaN themselves stay refused (symopt's rules)
    if value <= 0 or (np.isinf(value) and np.isfinite(learning_rate)):
        return 1.0, constant(value, name=f"{name}/learning_rate")
    return learning_rate, None


def tf1_constant_rate(learning_rate):
    """A constant learning rate as TF1's tensor of it holds it: a Python number in float32 (1e308 is inf: review6
    R6-4), a NumPy float in its own dtype; ``None`` for anything else (a tensor, a schedule)."""
    if isinstance(learning_rate, bool) or not isinstance(learning_rate, (int, float, np.integer, np.floating)):
        return None
    with np.errstate(over="ignore"):
        return learning_rate if isinstance(learning_rate, np.floating) else np.float32(learning_rate)


def check_positive_rate(learning_rate, kernel: str) -> None:
    """TF1's ``ApplyFtrl`` and ``ApplyProximalAdagrad`` kernels check ``lr > 0`` when the step runs ("lr is not a
    positive scalar"), where the other kernels run any rate (:func:`learning_rate_input`): a constant rate of 0 or
    below (or one float32 makes 0) is TF1's InvalidArgumentError, raised here, before anything runs (final32 #4)."""
    value = tf1_constant_rate(learning_rate)
    if value is not None and not value > 0:
        raise InvalidArgumentError(f"lr is not a positive scalar: {value} (TF1's {kernel} kernel raises this when the "
                                   "step runs; give a learning rate above 0)")


def tf1_numbers(optimizer: str, **values) -> dict:
    """``values`` as TF1 takes them: any real number (probe18 G18: the undamped ``momentum=1.0``, ``epsilon=0.0``,
    Adam's ``beta1=1.0``, which gives TF1's NaN), passed to symopt's update rule as
    :class:`~symopt.hyperparameters.AnyReal`, whose range is TF1's rather than the one a symopt optimizer checks.  TF1
    also takes tensors for these (a momentum ramp, a fed ``decay``); symopt's rules take numbers: a typed refusal
    naming the argument (probe13 W12)."""
    for argument, value in values.items():
        if isinstance(value, Tensor) or hasattr(value, "as_input"):
            raise UnsupportedOperationError(
                f"tf.train.{optimizer}: {argument} as a tensor ({value!r}) is not supported yet by symopt.compat.v1; "
                "pass a Python number (the learning rate may be a tensor: a schedule or a fed placeholder)")
    return {argument: AnyReal(value) for argument, value in values.items()}
