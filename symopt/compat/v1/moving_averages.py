r"""TF1's ``tf.train.ExponentialMovingAverage``: shadow variables that follow variables (or tensors) slowly.

``ema.apply(var_list)`` makes, for each variable :math:`v`, a shadow variable ``v/ExponentialMovingAverage``
(inside ``tf.variable_scope("s")`` ``s/v/ExponentialMovingAverage``, as TF1's slot creator names it; not trainable,
starting at :math:`v`'s initialized value; a tensor's starts at zeros) and returns the operation
that updates every shadow :math:`s` as TF1's ``assign_moving_average``:

.. math:: s \leftarrow s - (s - v)\,(1 - d), \qquad d = \min\!\left(\text{decay}, \frac{1 + n}{10 + n}\right)

in float32 (:math:`n` is ``num_updates`` when given, e.g. the global step, read when the update runs, and the
ratio is rounded to float32 before the subtraction, as TF1 computes it; without it :math:`d` is ``decay``, a number
or a float32 scalar tensor computed when the update runs), cast to the shadow's dtype.  The TF1 idiom ``with tf.control_dependencies([train]):
train_op = tf.group(ema_op)`` updates the shadows from the variables after the step.  ``ema.average(v)`` is the
shadow variable, ``ema.average_name(v)`` its name and ``ema.variables_to_restore()`` TF1's name map for a
``tf.train.Saver`` that loads the averages into the variables.
"""

from __future__ import annotations

import numpy as np

from ...errors import UnsupportedOperationError
from ...functions import in_float
from . import dtypes as _dtypes
from .control_flow_ops import group
from .default_graph import name_scope
from .graph import Tensor, constant, get_default_graph
from .math_ops import cast
from .recording import recorded
from .comparison_ops import minimum
from .variable_scope import slot_prefix
from .variables import Variable, assign_sub

__all__ = ["ExponentialMovingAverage", "moving_average_variables", "MOVING_AVERAGE_VARIABLES"]

#: TF1's ``tf.GraphKeys.MOVING_AVERAGE_VARIABLES``: the variables whose averages an ``apply`` maintains.
MOVING_AVERAGE_VARIABLES = "moving_average_variables"

#: The dtypes TF1 averages (``TypeError: The variables must be half, float, or double`` for others).
_AVERAGED = ("float16", "float32", "float64")


class ExponentialMovingAverage:
    """``tf.train.ExponentialMovingAverage(decay, num_updates=None, zero_debias=False,
    name="ExponentialMovingAverage")``: see the module's docstring for the update rule."""

    def __init__(self, decay, num_updates=None, zero_debias=False, name="ExponentialMovingAverage"):
        self.decay = decay
        self.num_updates = num_updates
        self.zero_debias = zero_debias
        self.name = name
        self._averages: dict = {}  # id(variable or tensor) -> (it, its shadow variable)

    def apply(self, var_list=None):
        """Make the shadow variables of ``var_list`` (the trainable variables when None) not made yet, and return
        the operation that moves every one of them towards its variable (or tensor)."""
        graph = get_default_graph()
        items = graph.get_collection("trainable_variables") if var_list is None else list(var_list)
        for item in items:  # every refusal before anything is made
            if not isinstance(item, Tensor):
                raise TypeError(f"ExponentialMovingAverage.apply: var_list holds {item!r}; expected tf.Variable or "
                                "tf.Tensor objects")
            if item.dtype.name not in _AVERAGED:
                raise TypeError(f"The variables must be half, float, or double: {item.name}")
            if self.zero_debias and not isinstance(item, Variable):
                raise UnsupportedOperationError(
                    f"ExponentialMovingAverage(zero_debias=True).apply of the tensor {item.name} is not supported yet "
                    "by symopt.compat.v1; use zero_debias=False (the default) or average a tf.Variable")
        for item in items:
            if id(item) not in self._averages:
                self._averages[id(item)] = (item, self._shadow(item, graph))
        with name_scope(self.name) as scope:
            decay = self._decay_tensor()
            if self.num_updates is not None:
                updates = cast(self.num_updates, _dtypes.float32, name="num_updates")
                decay = minimum(decay, _in_float32((1.0 + updates) / (10.0 + updates)))
            moves = [_assign_moving_average(self._averages[id(item)][1], item, decay) for item in items]
        return group(*moves, name=scope.rstrip("/"), exact_name=True)  # TF1's group takes the scope's own name

    def _decay_tensor(self) -> Tensor:
        """``decay`` as TF1's ``convert_to_tensor(decay, dtype=tf.float32)``: a number as the constant ``decay``, a
        float32 scalar tensor as it is (a warm-up schedule computed in the graph; probe48 P48-1)."""
        if not isinstance(self.decay, Tensor):
            return constant(self.decay, dtype=_dtypes.float32, name="decay")
        if self.decay.dtype != _dtypes.float32 or not self.decay.shape.known_rank or self.decay.ndim != 0:
            raise UnsupportedOperationError(
                f"ExponentialMovingAverage(decay={self.decay.name}): expected a number or a float32 scalar tensor "
                f"(TF1 converts decay to float32; symopt.compat.v1 takes one decay for every shadow); given a "
                f"{self.decay.dtype.name} tensor of shape {self.decay.shape}: tf.cast it to tf.float32, use one "
                "ExponentialMovingAverage per decay, or pass num_updates= for TF1's warm-up "
                "min(decay, (1 + n) / (10 + n))")
        return self.decay

    def _shadow(self, item: Tensor, graph) -> Variable:
        """The shadow variable of ``item``: its initialized value (a variable), else zeros (a tensor)."""
        if isinstance(item, Variable):
            start = item.initialized_value()
            graph.add_to_collection(MOVING_AVERAGE_VARIABLES, item)
        else:
            if not item.shape.is_fully_defined():
                raise UnsupportedOperationError(f"ExponentialMovingAverage.apply of {item.name}, of shape "
                                                f"{item.shape}: symopt.compat.v1 averages tensors of known shape")
            start = np.zeros(tuple(item.shape), dtype=item.dtype.name)
        return Variable(start, trainable=False, name=f"{slot_prefix()}{item.op_name}/{self.name}", dtype=item.dtype,
                        scoped=False)  # in tf.variable_scope("bn"): bn/bn/moments/Squeeze/ExponentialMovingAverage

    def average(self, var):
        """The shadow variable of ``var``, or None when ``apply`` has not made one."""
        entry = self._averages.get(id(var))
        return None if entry is None else entry[1]

    def average_name(self, var) -> str:
        """The name of ``var``'s shadow variable (``w/ExponentialMovingAverage``), made or to be made."""
        shadow = self.average(var)
        return shadow.op_name if shadow is not None else f"{var.op_name}/{self.name}"

    def variables_to_restore(self, moving_avg_variables=None) -> dict:
        """TF1's map for ``tf.train.Saver``: each averaged (by default: trainable or ``apply``'d) variable under its
        shadow's name, every other global variable under its own name."""
        graph = get_default_graph()
        if moving_avg_variables is None:
            moving_avg_variables = graph.get_collection("trainable_variables") + \
                graph.get_collection(MOVING_AVERAGE_VARIABLES)
        names = {}
        for variable in moving_avg_variables:
            names[self.average_name(variable)] = variable
        averaged = {variable.name for variable in moving_avg_variables}
        for variable in graph.get_collection("variables"):
            if variable.name not in averaged and variable.op_name not in names:
                names[variable.op_name] = variable
        return names


def _assign_moving_average(shadow: Variable, value: Tensor, decay: Tensor):
    """TF1's ``assign_moving_average(shadow, value, decay, zero_debias=False)``: ``shadow -= (shadow - value) *
    (1 - decay)``, the factor computed in float32 and cast to the shadow's dtype."""
    with name_scope("AssignMovingAvg") as scope:
        factor = 1.0 - decay
        if factor.dtype != shadow.dtype:
            factor = cast(factor, shadow.dtype)
        return assign_sub(shadow, (shadow - value) * factor, name=scope)  # TF1 names it as its scope (F41a-3)


@recorded  # rebuilt for a run that feeds the step (TF1 decays with the fed value)
def _in_float32(ratio: Tensor, name=None) -> Tensor:
    """The scalar ``ratio`` rounded to float32, as TF1's float32 division gives it: ``1 - (1 + n) / (10 + n)`` must
    subtract the rounded ratio (TF1's ``1 - f32(22/31)``), not round the exact ``9/31`` (probe48 P48-6: one ulp of
    the decay, 3e-8 on a float64 shadow)."""
    return Tensor(in_float(ratio.expr, 32), (), _dtypes.float32, name or "truediv")


def moving_average_variables(scope=None) -> list:
    """TF1's ``tf.moving_average_variables()``: the variables an ``ExponentialMovingAverage.apply`` averages."""
    return get_default_graph().get_collection(MOVING_AVERAGE_VARIABLES, scope)
