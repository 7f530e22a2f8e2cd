"""What a first-order run's :class:`~symopt.errors.DivergenceError` says, by how the cost stopped being finite: at
the start (no step was taken: the learning rate is not the cause), falling to :math:`-\\infty` (the cost has no
minimum: no learning rate helps), or growing without bound (a smaller learning rate, clipping, normalized data).
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = ["divergence_message", "gradient_fault", "GRADIENT_FAULT_ADVICE", "KEPT"]

KEPT = "error.result holds the best parameters seen."

#: What to do where the gradient is not finite and the cost is (``sqrt`` at 0): no step size helps.
GRADIENT_FAULT_ADVICE = ("start elsewhere, or write the cost so that it is differentiable where it is trained "
                         "(sqrt(x + eps) for sqrt(x))")


def gradient_fault(point: str, value: float, names: list, culprit: str | None, pinned: str | None = None) -> str:
    """The diagnosis of a gradient that is not finite where the cost is, as every run words it: ``point``
    (``w = 0, v = 0``), the cost ``value`` there, ``names`` of the non-finite entries (``dJ/dw``), and ``culprit``
    (:func:`symopt.domain.numpy_culprit`'s generated line, or ``None``), or ``pinned``, the ``Piecewise`` whose
    branch holds at that point alone (:func:`symopt.domain.pinned_culprit`)."""
    reason = pinned or f"a subexpression has no derivative there, such as sqrt at 0{'; ' + culprit if culprit else ''}"
    return f"the gradient is not finite at {point}, where the cost is {float(value):.6g} ({', '.join(names)}: {reason})"


def divergence_message(step: int, history: np.ndarray, lr, where: str = "", momentum=0.0) -> str:
    """The message of a divergence at ``step`` whose costs so far are ``history`` (its last entry not finite);
    ``where`` follows the step (``" on the JAX backend"``); ``momentum``: the optimizer's, when it has one."""
    finite = history[np.isfinite(history)]
    last = f"{finite[-1]:.6g}" if finite.size else "none"
    if step == 0 and not finite.size:
        return (f"training diverged at step 0{where}: the cost became {history[-1]} (last finite cost: none): it is not "
                "finite at the starting point, so no step was taken and the learning rate is not the cause. Start "
                f"where the cost is finite, or check the cost and the data there. {KEPT}")
    if history[-1] == -np.inf:  # a cost bounded below never reaches -inf, whatever the learning rate
        return (f"training diverged at step {step}{where}: the cost became -inf (last finite cost: {last}): it fell without "
                "bound: the cost has no minimum along the steps taken (it is unbounded below), so no learning rate helps. Check the cost: "
                "is it bounded below? A log-likelihood is maximized, so minimize its negative; else add "
                f"regularization, or keep the parameters in a box (method='lbfgs', bounds=). {KEPT}")
    if isinstance(momentum, numbers.Real) and abs(momentum) > 1:  # no learning rate helps (the heavy ball's two
        # rates along an eigenvector multiply to μ: one of them is outside the unit circle)
        return (f"training diverged at step {step}{where}: the cost became {history[-1]} (last finite cost: {last}). "
                f"With momentum {momentum:g} (|momentum| > 1) the velocity grows at every learning rate, so a smaller "
                f"one does not help: take a momentum of at most 1 in size, usually in [0, 1) (0.9 is common). {KEPT}")
    return (f"training diverged at step {step}{where}: the cost became {history[-1]} (last finite cost: {last}). Try a "
            f"smaller learning rate than {lr}, clip the gradients (clip_norm=...), or normalize the data. {KEPT}")
