"""``tf.train``: TF1's optimizers on symopt's fused steps."""

from __future__ import annotations


from ...calculus import adjoints
from ...compiler import free_inputs
from ...fused import compile_step
from ...nodes import ElementSum
from ...optimizers import Adagrad, Adam, GradientDescent, Momentum, RMSProp
from ...symbols import is_matrix
from .errors import FailedPreconditionError
from .graph import Operation, Tensor, get_default_graph
from .learning_rate_decay import (core_learning_rate, cosine_decay, exponential_decay, inverse_time_decay,
                                  piecewise_constant, polynomial_decay, scheduled_step)

__all__ = ["Saver", "GradientDescentOptimizer", "MomentumOptimizer", "AdagradOptimizer", "RMSPropOptimizer", "AdamOptimizer",
           "Optimizer", "exponential_decay", "piecewise_constant", "polynomial_decay", "inverse_time_decay",
           "cosine_decay"]


def _scalar(loss: Tensor):
    """TF1 minimizes the sum of a non-scalar loss."""
    return ElementSum(loss.expr) if is_matrix(loss.expr) else loss.expr


class Optimizer:
    """Base: ``minimize`` = ``compute_gradients`` + ``apply_gradients``."""

    def __init__(self, rule, learning_rate=None):
        self.rule = rule
        self.learning_rate = learning_rate  # a tf.train.*_decay tensor is read at its global step every step

    def compute_gradients(self, loss: Tensor, var_list=None):
        """``[(gradient tensor or None, variable), ...]``; ``None`` where the loss does not depend on it."""
        variables = list(var_list) if var_list is not None else \
            [v for v in get_default_graph().variables if v.trainable]
        cost = _scalar(loss)
        present = set(free_inputs([cost]))
        symbols = [v.expr for v in variables]
        gradients = list(map(adjoints(cost, symbols).get, symbols))  # TF1: None (zero) where absent
        pairs = []
        for variable, gradient in zip(variables, gradients):
            if variable.expr not in present:
                pairs.append((None, variable))
            else:
                pairs.append((Tensor(gradient, variable.shape, variable.dtype, f"gradients/{variable.op_name}:0"),
                              variable))
        self._loss = loss
        return pairs

    def apply_gradients(self, grads_and_vars, global_step=None, name=None) -> Operation:
        pairs = [(g, v) for g, v in grads_and_vars if g is not None]
        if not pairs:
            names = [v.name for _, v in grads_and_vars]
            loss = getattr(self, "_loss", None)
            raise ValueError(f"No gradients provided for any variable, check your graph for ops that do not "
                             f"support gradients, between variables {names} and loss {loss}.")
        variables = [v for _, v in pairs]
        for variable in variables:
            if not variable.dtype.is_floating:
                raise TypeError(f"{variable.name} has dtype {variable.dtype.name}: only float variables can be "
                                "trained; create it with dtype=tf.float32")
        loss = getattr(self, "_loss", None)
        cost = _scalar(loss) if loss is not None else 0
        gradients = [g.expr for g, _ in pairs]
        parameters = [v.expr for v in variables]
        data = [s for s in free_inputs(gradients + [cost]) if s not in parameters]
        dtype = variables[0].dtype.name
        compiled = compile_step(cost, parameters, self.rule, data, dtype=dtype, gradients=gradients)
        step = _TrainStep(compiled, parameters, data, compiled.hyper_arguments(), global_step)
        step.learning_rate = self.learning_rate
        get_default_graph().train_steps.append(step)
        return Operation(name or "train", step)

    def minimize(self, loss: Tensor, global_step=None, var_list=None, name=None) -> Operation:
        return self.apply_gradients(self.compute_gradients(loss, var_list), global_step=global_step, name=name)


class _TrainStep:
    """Runs the fused step with the session's values; the state changes only after the step succeeds."""

    def __init__(self, compiled, parameters, data, hyper, global_step):
        self.compiled, self.parameters, self.data, self.hyper = compiled, parameters, data, hyper
        self.global_step = global_step

    def __call__(self, session, feed):
        values = session.values
        try:
            params = [values[p] for p in self.parameters]
        except KeyError as missing:
            raise FailedPreconditionError(f"Attempting to use uninitialized value {missing.args[0]}: "
                                          "run tf.global_variables_initializer() first") from None
        data = [session._value_of(s, feed) for s in self.data]
        state = session.optimizer_state.get(self)
        if state is None:
            state = self.compiled.initial_slots(params)
        shared = scheduled_step(getattr(self, "learning_rate", None), state[1],
                                [s.name for s in self.compiled.optimizer.slots if s.shared], values)
        _, new_params, new_slots, new_shared, _ = self.compiled.step(*params, *state[0], *shared, *self.hyper,
                                                                  *data)
        for parameter, value in zip(self.parameters, new_params):
            values[parameter] = value
        session.optimizer_state[self] = (new_slots, new_shared)
        if self.global_step is not None:
            values[self.global_step.expr] = values.get(self.global_step.expr, 0) + 1


def GradientDescentOptimizer(learning_rate, use_locking=False, name="GradientDescent") -> Optimizer:
    """``var -= grad * lr``."""
    return Optimizer(GradientDescent(core_learning_rate(learning_rate)), learning_rate)


def MomentumOptimizer(learning_rate, momentum, use_locking=False, name="Momentum", use_nesterov=False) -> Optimizer:
    return Optimizer(Momentum(core_learning_rate(learning_rate), momentum, nesterov=use_nesterov), learning_rate)


def AdagradOptimizer(learning_rate, initial_accumulator_value=0.1, use_locking=False, name="Adagrad") -> Optimizer:
    return Optimizer(Adagrad(core_learning_rate(learning_rate), initial_accumulator_value), learning_rate)


def RMSPropOptimizer(learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10, use_locking=False, centered=False,
                     name="RMSProp") -> Optimizer:
    return Optimizer(RMSProp(core_learning_rate(learning_rate), decay, momentum, epsilon, centered), learning_rate)


def AdamOptimizer(learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-08, use_locking=False,
                  name="Adam") -> Optimizer:
    return Optimizer(Adam(core_learning_rate(learning_rate), beta1, beta2, epsilon), learning_rate)


from .saver import Saver  # noqa: E402  (tf.train.Saver; saver.py needs nothing from this module)
