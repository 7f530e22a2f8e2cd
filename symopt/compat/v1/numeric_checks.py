"""``tf.check_numerics(x, message)``: ``x`` unchanged; a run that computes it first checks its values and raises
TF1's ``InvalidArgumentError`` (``message : Tensor had NaN values``, ``Inf values`` or ``Inf and NaN values``)
before any operation of the run changes a variable."""

from __future__ import annotations

import numpy as np

from .control_dependencies import marks_runs
from .errors import InvalidArgumentError
from .graph import Tensor, as_tensor, get_default_graph
from .recording import recorded
from .variables import view

__all__ = ["check_numerics"]


class NumericsCheck:
    """The check of one ``tf.check_numerics`` tensor: ``tensor``'s values are finite, else ``message``."""

    def __init__(self, tensor: Tensor, message: str):
        self.tensor, self.message = tensor, message

    def emit(self, session, original, feed: dict) -> None:
        """Compute the values in ``session`` and raise TF1's error for a NaN or an infinity among them."""
        (value,) = session.compute([self.tensor], feed)
        value = np.asarray(value)
        nan, inf = bool(np.isnan(value).any()), bool(np.isinf(value).any())
        if nan or inf:
            found = "Inf and NaN" if nan and inf else "NaN" if nan else "Inf"
            raise InvalidArgumentError(f"{self.message} : Tensor had {found} values (in {original.name})")


@recorded
def check_numerics(tensor, message, name=None) -> Tensor:
    """``tf.check_numerics(x, message)``: ``x``; computing it raises ``InvalidArgumentError`` when ``x`` holds a NaN
    or an infinity (a float tensor only)."""
    x = as_tensor(tensor)
    if not x.dtype.is_floating:
        raise TypeError(f"Value passed to parameter 'tensor' has DataType {x.dtype.name} not in list of allowed "
                        "values: bfloat16, float16, float32, float64")
    result = view(Tensor(x.expr, x.shape, x.dtype, name or "CheckNumerics"), x)
    result.run_effect = NumericsCheck(x, str(message))
    marks_runs(get_default_graph())
    return result


check_numerics.has_run_effect = True  # run_steps: computing it checks
