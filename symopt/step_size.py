r"""The largest stable step of first-order methods on a quadratic cost, and the sentence a
:class:`~symopt.errors.DivergenceError` quotes.

On :math:`J(\theta) = \tfrac12\theta^\top H\theta + b^\top\theta + c` gradient descent multiplies the error along
the eigenvector of :math:`\lambda` by :math:`1 - \eta\lambda` each step: it converges only for
:math:`\eta < 2/\lambda_{\max}`.  Heavy-ball momentum (TF1's :math:`a \leftarrow \mu a + g`,
:math:`\theta \leftarrow \theta - \eta a`) follows :math:`e_{k+1} = (1+\mu-\eta\lambda)e_k - \mu e_{k-1}`, stable only for
:math:`\eta < 2(1+\mu)/\lambda_{\max}`.
"""

from __future__ import annotations

from typing import Callable, Mapping

import numpy as np

from .errors import DivergenceError, SymoptError
from .hessian import HessianVectorProduct, code_hessian
from .optimizers import GradientDescent, Momentum
from .method_checks import negative_curvature
from .second_order import hessian_eigenvalues
from .symbols import symbolic
from .wrt import resolve_names

__all__ = ["step_size_advice", "divergence_advice", "add_step_size_advice", "ADVICE_ENTRIES", "ADVICE_BATCHES",
           "ADVICE_BATCH_ENTRIES", "DATA_SCOPES"]

#: Whose Hessian the sentence quotes, by how the run read its data (``values`` holds all of it, or a stream's first
#: batch), and what a run on mini-batches is told: each batch's step has the bound of its own Hessian, which the one
#: quoted does not give, so the quoted rate never reads as the cause (probe97 P97-2: "lr = 0.6 is 0.669 times that"
#: of a batch-1 run that diverged, whose batches' bound was 0.1675).  ``(scope, whose Hessian, the batches' note)``.
DATA_SCOPES = {
    "full batch": ("", "the largest Hessian eigenvalue", None),
    "mini-batches": ("on the whole data, ", "the largest eigenvalue of the whole data's Hessian",
                     "the whole data's bound (for a cost that is a mean over rows the largest batch λ_max is at least "
                     "the whole data's, the batches' Hessians averaging to it, so mini-batches need a smaller rate)"),
    "stream": ("on the stream's first mini-batch, ", "the largest eigenvalue of that batch's Hessian",
               "the first batch's bound"),
}


def step_size_advice(cost, wrt, values: Mapping, lr, momentum: float = 0.0, scope: str = "full batch",
                     batches: Callable[[], list | None] | None = None) -> str:
    r"""For a quadratic cost (constant Hessian), the sentence quoting the stable step for a
    :class:`~symopt.errors.DivergenceError` raised with learning rate ``lr``: :math:`2/\lambda_{\max}` for gradient
    descent, :math:`2(1+\mu)/\lambda_{\max}` for heavy-ball momentum :math:`\mu` (the error along the top eigenvector
    follows :math:`e_{k+1} = (1+\mu-\eta\lambda)e_k - \mu e_{k-1}`); where the Hessian has a negative eigenvalue (a
    saddle or a maximum: no minimum, and no step is stable), the sentence saying so; ``""`` otherwise.  ``scope``
    (:data:`DATA_SCOPES`) says whose Hessian ``values`` give: a run on mini-batches is told that each batch's step
    is stable only below the bound of its own, the smallest over the batches ``batches()`` gives (each
    ``{input: its rows}``, every batch the run reads; called only here, or None) where it gives them:
    :math:`2(1+\mu)/\max_b \lambda_{\max}(H_b)`."""
    if abs(momentum) > 1:  # no stable learning rate: divergence_message says so
        return ""
    parameters = resolve_names([symbolic(cost)], wrt)
    matrix = code_hessian(cost, parameters)
    if isinstance(matrix, HessianVectorProduct) or any(matrix.has(p) for p in parameters):
        return ""
    eigenvalues = hessian_eigenvalues(cost, parameters, values)
    if negative_curvature(eigenvalues):  # a saddle or a maximum: 1 - ηλ > 1 along λ < 0 for every η
        return (f" The cost is quadratic with a negative Hessian eigenvalue (λ_min = {eigenvalues[0]:.6g}): it has no "
                "minimum, and no learning rate is stable (the distance along that eigenvector grows by "
                "1 - lr·λ_min > 1 each step).")
    largest = float(eigenvalues[-1])
    if not largest > 0:
        return ""
    limit, bound = 2 * (1 + momentum) / largest, "2/λ_max" if not momentum else f"2(1 + μ)/λ_max with μ = {momentum:g}"
    method = "gradient descent" if not momentum else "momentum"
    where, eigenvalue, note = DATA_SCOPES[scope]
    quoted = (f" The cost is quadratic: {where}{method} is stable only for a learning rate below {bound} = "
              f"{limit:.6g} (λ_max = {largest:.6g}, {eigenvalue}); ")
    if note is None:
        return f"{quoted}lr = {lr} is {float(lr) / limit:.3g} times that."
    batches = batches() if batches is not None else None
    steep = max(float(hessian_eigenvalues(cost, parameters, {**values, **batch})[-1]) for batch in batches) \
        if batches else 0.0
    if steep > 0:
        steepest = 2 * (1 + momentum) / steep
        return (f"{quoted}but this run stepped on its {len(batches)} mini-batches, each stable only below the same "
                f"bound for its own Hessian: below {steepest:.6g} for all of them (λ_max = {steep:.6g}, the largest "
                f"eigenvalue of a batch's Hessian); lr = {lr} is {float(lr) / steepest:.3g} times that.")
    return (f"{quoted}but this run stepped on mini-batches, each stable only below the same bound for its own Hessian, "
            f"which that one does not give: lr = {lr} is {float(lr) / limit:.3g} times {note}.")


#: The most parameter entries for which a divergence message computes the dense Hessian's eigenvalues.
ADVICE_ENTRIES = 400
#: The most mini-batches whose Hessians' eigenvalues a divergence message computes, each a Hessian on its rows and an
#: ``eigvalsh``: 64 batches cost about 0.1 s at :data:`ADVICE_BATCH_ENTRIES` parameter entries (final48g 48g-7) ...
ADVICE_BATCHES = 64
#: ... and only where the parameters have at most this many entries (at 400, 64 batches took a second).
ADVICE_BATCH_ENTRIES = 100


def divergence_advice(cost, optimizer, parameters: Mapping, data: Mapping, scope: str = "full batch",
                      batches: Callable[[], list | None] | None = None) -> str:
    r"""The step-size sentence a :class:`~symopt.errors.DivergenceError` of a first-order run quotes:
    :func:`step_size_advice` when ``optimizer`` is gradient descent or (heavy-ball) momentum with a constant
    learning rate and ``cost`` is quadratic in ``parameters`` (``{symbol: value}``, e.g. the run's start) given
    ``data`` (``{symbol: value}``, read as ``scope`` says, and ``batches``, asked for only where at most
    :data:`ADVICE_BATCH_ENTRIES` parameter entries); ``""`` otherwise, and whenever the advice cannot be computed (it
    never replaces the error it explains)."""
    if optimizer.schedules() or type(optimizer) not in (GradientDescent, Momentum) or \
            optimizer.options().get("nesterov"):
        return ""
    entries = sum(int(np.size(v)) for v in parameters.values())
    if not parameters or entries > ADVICE_ENTRIES:
        return ""
    if entries > ADVICE_BATCH_ENTRIES:
        batches = None
    try:
        return step_size_advice(cost, list(parameters), {**parameters, **data}, optimizer.hyperparameters["lr"],
                                optimizer.hyperparameters.get("momentum", 0.0), scope, batches)
    except (SymoptError, np.linalg.LinAlgError, ValueError, TypeError):
        return ""


def add_step_size_advice(error: DivergenceError, cost, optimizer, parameters: Mapping, data: Mapping,
                         scope: str = "full batch", batches: Callable[[], list | None] | None = None) -> None:
    """Append :func:`divergence_advice` to ``error``'s message (in place, so the traceback stays the run's); not
    where the cost was never finite (no step was taken: the message says the learning rate is not the cause)."""
    if error.result is not None and not np.isfinite(error.result.history).any():
        return
    advice = divergence_advice(cost, optimizer, parameters, data, scope, batches)
    if advice:
        error.args = (str(error) + advice,) + error.args[1:]
