"""What a first-order run's :class:`~symopt.errors.DivergenceError` says, by how the cost stopped being finite: at
the start (no step was taken: the learning rate is not the cause), falling to :math:`-\\infty` (the cost has no
minimum: no learning rate helps), or growing without bound (a smaller learning rate, clipping, normalized data).
"""

from __future__ import annotations

import numbers
import re

import numpy as np

__all__ = ["divergence_message", "gradient_fault", "gradient_fault_advice", "GRADIENT_FAULT_ADVICE",
           "NO_REAL_VALUE_ADVICE", "KEPT"]

KEPT = "error.result holds the best parameters seen."

#: What to do where the gradient is not finite and the cost is (``sqrt`` at 0): no step size helps.
GRADIENT_FAULT_ADVICE = ("start elsewhere, or write the cost so that it is differentiable where it is trained "
                         "(sqrt(x + eps) for sqrt(x))")


#: What to do where the gradient has no real value and the cost has one (``(w - 3)**v`` at ``w = 0``: its slope in
#: ``v`` is ``(w - 3)**v*log(w - 3)``): the base of a real power with a parameter exponent must stay positive.
NO_REAL_VALUE_ADVICE = ("start where every log and every power with a parameter exponent has a positive argument, or "
                        "write the cost so that it is real wherever it is trained (a base kept positive: Abs(b)**v, "
                        "or b = exp(u) with u trained)")

#: The NumPy functions whose "invalid value" is an argument outside their real domain (not an ``inf*0`` at a
#: point with no derivative), with what that argument is.
NO_REAL_VALUE = {
    "log": "the log of a negative number (the slope in v of a real power b**v is b**v*log(b), real only for b > 0)",
    "log2": "the log of a negative number", "log10": "the log of a negative number",
    "log1p": "log1p below -1", "sqrt": "the square root of a negative number",
    "power": "a negative number to a fractional power", "arcsin": "arcsin outside [-1, 1]",
    "arccos": "arccos outside [-1, 1]", "arctanh": "arctanh outside [-1, 1]", "arccosh": "arccosh below 1",
}


def _outside_domain(culprit: str | None) -> str | None:
    """What NumPy's invalid value in ``culprit`` (:func:`symopt.domain.numpy_culprit`'s words) was, where the
    function it names has no real value there (:data:`NO_REAL_VALUE`); else ``None``."""
    found = re.search(r"invalid value in (\w+)", culprit or "")
    return NO_REAL_VALUE.get(found.group(1)) if found else None


def gradient_fault_advice(culprit: str | None) -> str:
    """What to do about the gradient fault whose ``culprit`` :func:`gradient_fault` names: keep the arguments real
    (:data:`NO_REAL_VALUE_ADVICE`) or the cost differentiable (:data:`GRADIENT_FAULT_ADVICE`)."""
    return NO_REAL_VALUE_ADVICE if _outside_domain(culprit) else GRADIENT_FAULT_ADVICE


def gradient_fault(point: str, value: float, names: list, culprit: str | None, pinned: str | None = None) -> str:
    """The diagnosis of a gradient that is not finite where the cost is, as every run words it: ``point``
    (``w = 0, v = 0``), the cost ``value`` there, ``names`` of the non-finite entries (``dJ/dw``), and ``culprit``
    (:func:`symopt.domain.numpy_culprit`'s generated line, or ``None``), or ``pinned``, the ``Piecewise`` whose
    branch holds at that point alone (:func:`symopt.domain.pinned_culprit`).  An invalid value of a function outside
    its real domain (``log(-3)``) is named as no real value, not as a point with no derivative (probe87 P87-3)."""
    outside = _outside_domain(culprit)
    cause = f"a subexpression has no real value there: {outside}" if outside else \
        "a subexpression has no derivative there, such as sqrt at 0"
    reason = pinned or f"{cause}{'; ' + culprit if culprit else ''}"
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
