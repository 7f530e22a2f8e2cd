"""``tf.nn.log_poisson_loss``: the negative log-likelihood of Poisson counts given their log-rates, TF1's formula."""

from __future__ import annotations

import numpy as np

from .array_ops import ones_like, zeros_like
from .comparison_ops import greater_equal, less_equal, logical_and, where
from .graph import Tensor, binary, convert_pair, name_scope
from .kernel_dtypes import floating
from .math_ops import exp, log
from .recording import recorded
from .statistics import checked_pair

__all__ = ["log_poisson_loss"]


@recorded
def log_poisson_loss(targets, log_input, compute_full_loss=False, name=None) -> Tensor:
    r"""``tf.nn.log_poisson_loss``: :math:`e^{c} - c\,t` for log-rates :math:`c` and targets :math:`t`, elementwise;
    with ``compute_full_loss`` plus Stirling's :math:`t\log t - t + \tfrac12\log(2\pi t)` where :math:`t > 1` (0 for
    :math:`0 \le t \le 1`), TF1's formula (Stirling's term is evaluated at 1 there, so no log of 0 is computed)."""
    log_input, targets = convert_pair(log_input, targets, "log_poisson_loss")
    floating(log_input, "log_poisson_loss", "log_input")
    checked_pair(log_input, targets, ("log_input", "targets"))
    with name_scope(name, "log_poisson_loss"):
        result = binary("sub", exp(log_input), binary("mul", log_input, targets))
        if not compute_full_loss:
            return result
        small = logical_and(greater_equal(targets, 0.0), less_equal(targets, 1.0))
        safe = where(small, ones_like(targets), targets)
        stirling = binary("add", binary("sub", binary("mul", safe, log(safe)), safe),
                          binary("mul", 0.5, log(binary("mul", 2 * np.pi, safe))))
        return binary("add", result, where(small, zeros_like(targets), stirling))
