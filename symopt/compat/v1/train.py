"""``tf.train``: TF1's optimizers on symopt's fused steps."""

from __future__ import annotations

import numpy as np

from ...compiler import free_inputs
from ...emit import scalar_type
from ...fused import compile_step
from ...jax_printer import jit
from ...jax_step import jax_step_for
from ...errors import UnsupportedOperationError
from ...more_optimizers import Adadelta, Ftrl, ProximalAdagrad, ProximalGradientDescent
from ...optimizers import Adagrad, Adam, GradientDescent, Momentum, RMSProp
from .errors import FailedPreconditionError, InvalidArgumentError, uninitialized, unsupported_name
from .default_graph import unnamed
from .graph import Operation, Tensor, as_tensor, binary, constant, get_default_graph, program_dtype
from .empty_batch import without_batch_sums
from .slot_keys import SlotKey
from .feeds import batch_carrier
from .cond_gradients import branch_adjoints
from .gradient_ops import gradient_expressions, gradient_recipe, loss_sum
from .constraints import project, projections
from .label_checks import LabelChecks
from .sparse_updates import CLIPPED_REPEATS, repeat_checks
from .optimizer_slots import OptimizerSlots
from .math_ops import differentiable_inputs
from .learning_rate_decay import (cosine_decay, exponential_decay, inverse_time_decay, piecewise_constant,
                                  polynomial_decay, natural_exp_decay, linear_cosine_decay, cosine_decay_restarts)
from .recording import reachable, recorded

__all__ = ["Saver", "checkpoint_exists", "GradientDescentOptimizer", "MomentumOptimizer", "AdagradOptimizer", "RMSPropOptimizer",
           "AdamOptimizer", "AdadeltaOptimizer", "FtrlOptimizer",
           "ProximalGradientDescentOptimizer", "ProximalAdagradOptimizer", "Optimizer", "TrainOperation", "Coordinator", "start_queue_runners", "get_global_step", "global_step",
           "get_or_create_global_step", "create_global_step", "exponential_decay", "piecewise_constant", "polynomial_decay",
           "inverse_time_decay", "cosine_decay", "natural_exp_decay", "linear_cosine_decay", "cosine_decay_restarts",
           "ExponentialMovingAverage", "import_meta_graph"]


@recorded
def gradient_of(loss: Tensor, variable) -> Tensor:
    """The gradient of ``sum(loss)`` with respect to one variable (how a deferred loss's gradients are built)."""
    cost = loss_sum(loss)
    if variable.expr not in differentiable_inputs([cost]):
        raise ValueError(f"the loss {loss.name} does not depend on {variable.name}: leave it out of var_list")
    gradient = branch_adjoints(cost, [variable.expr], loss.graph)[variable.expr]
    result = Tensor(gradient, variable.shape, variable.dtype, f"gradients/{variable.op_name}_grad")
    result.op_type = "SymbolicGradient"  # TF1's ops of a gradient are one node here, never a "Variable"
    return result


class Optimizer:
    """Base: ``minimize`` = ``compute_gradients`` + ``apply_gradients``."""

    #: TF1's ``gate_gradients`` values (accepted; symopt computes a step's gradients together anyway).
    GATE_NONE, GATE_OP, GATE_GRAPH = 0, 1, 2

    def __init__(self, rule, name: str, learning_rate_tensor: Tensor | None = None):
        self.rule = rule
        self.name = name
        self.learning_rate_tensor = learning_rate_tensor  # a schedule of the global step, evaluated every step
        self.slot_groups: dict = {}  # dtype -> the slot keys of this optimizer's training operations (SlotKey)
        self.slot_variables = OptimizerSlots(rule, name)  # TF1's get_slot / variables() (optimizer_slots.py)

    def get_name(self) -> str:
        return self.name

    def get_slot_names(self) -> list:
        """TF1's names of this optimizer's per-variable slots (Adam: ``['m', 'v']``)."""
        return self.slot_variables.names()

    def get_slot(self, var, name: str):
        """The slot ``name`` of ``var`` (run it for its value), or None when this optimizer has none."""
        return self.slot_variables.get_slot(var, name)

    def variables(self) -> list:
        """The slot variables made so far, sorted by name (``tf.variables_initializer(opt.variables())`` resets
        the optimizer's state, as in TF1)."""
        return self.slot_variables.variables()

    def compute_gradients(self, loss: Tensor, var_list=None, gate_gradients=GATE_OP, aggregation_method=None,
                          colocate_gradients_with_ops=False, grad_loss=None):
        """``[(gradient tensor or None, variable), ...]``; ``None`` where the loss does not depend on it.  TF1's
        scheduling arguments (``gate_gradients``, ``aggregation_method``, ``colocate_gradients_with_ops``) change
        nothing here; ``grad_loss`` is not supported."""
        if grad_loss is not None:
            raise UnsupportedOperationError("compute_gradients(grad_loss=...) is not supported yet by symopt.compat.v1; "
                                            "scale the loss instead (the gradient of sum(g * loss))")
        variables = list(var_list) if var_list is not None else \
            [v for v in get_default_graph().variables if v.trainable]
        if not variables:  # TF1's message (probe13 W17: var_list=[] from a scope filter that matched nothing)
            raise ValueError("No variables to optimize. (var_list is empty: a tf.trainable_variables(scope=...) "
                             "filter matched no name; tf.get_variable ignores tf.name_scope, so filter by the "
                             "tf.variable_scope the variables were made in)")
        self._loss = loss
        if loss.deferred:  # TF1: None for an integer variable or one the loss does not read (not trained)
            read = reachable([loss], lambda node: True)
            return [(gradient_of(loss, variable) if variable.dtype.is_floating and id(variable) in read else None,
                     variable) for variable in variables]
        pairs = []
        for variable, gradient in zip(variables, gradient_expressions([loss], variables)):
            # TF1: no gradient flows into an integer variable (its Cast's gradient is None), so it is not trained
            if gradient is None or not variable.dtype.is_floating:
                pairs.append((None, variable))
            else:
                tensor = Tensor(gradient, variable.shape, variable.dtype, f"gradients/{variable.op_name}_grad")
                tensor.recipe = gradient_recipe(tensor, [loss], variable)  # a fed tensor: computed again (TF1's)
                tensor.gradient_of = variable  # a clip of it is noted (sparse_updates.note_clipped)
                tensor.op_type = "SymbolicGradient"  # TF1's ops of a gradient are one node here
                tensor.operands = (loss, variable)  # what a drawn graph shows it reads
                pairs.append((tensor, variable))
        return pairs

    def apply_gradients(self, grads_and_vars, global_step=None, name=None) -> "TrainOperation":
        pairs = [(g, v) for g, v in grads_and_vars if g is not None]
        if not pairs:
            names = [v.name for _, v in grads_and_vars]
            loss = getattr(self, "_loss", None)
            raise ValueError(f"No gradients provided for any variable, check your graph for ops that do not "
                             f"support gradients, between variables {names} and loss {loss}.")
        pairs = [(g if isinstance(g, Tensor) else as_tensor(g, v.dtype), v) for g, v in pairs]
        for gradient, variable in pairs:  # TF1's refusals when the update op is built, before anything is made
            if not variable.dtype.is_floating:
                raise TypeError(f"{variable.name} has dtype {variable.dtype.name}: only float variables can be "
                                "trained; create it with dtype=tf.float32")
            _check_gradient(gradient, variable, self.name)
        pairs = _one_pair_per_variable(pairs, self)
        dtype = program_dtype(pairs[0][1].dtype)
        key = SlotKey(dtype, [v.expr for _, v in pairs], self.slot_groups.setdefault(dtype, []))
        get_default_graph().train_steps.append(key)
        self.slot_variables.register(key, [v for _, v in pairs])
        found = projections(pairs, name or self.name)  # v.assign(v.constraint(v)) after the update (TF1)
        operation = TrainOperation(self, _loss_for(getattr(self, "_loss", None), pairs), pairs, global_step, key,
                                   name or self.name)
        operation.projections = found
        get_default_graph().add_to_collection("train_op", operation)  # TF1's GraphKeys.TRAIN_OP
        return operation

    def minimize(self, loss: Tensor, global_step=None, var_list=None, gate_gradients=GATE_OP, aggregation_method=None,
                 colocate_gradients_with_ops=False, name=None, grad_loss=None) -> "TrainOperation":
        pairs = self.compute_gradients(loss, var_list, grad_loss=grad_loss)
        return self.apply_gradients(pairs, global_step=global_step, name=name)


def _one_pair_per_variable(pairs: list, optimizer: Optimizer) -> list:
    """``pairs`` with the gradients of a variable listed more than once added up (``compute_gradients(loss_a) +
    compute_gradients(loss_b)`` over a shared layer): TF1 applies each pair as an update of its own, which for
    gradient descent is the step of their sum.  Other optimizers update their slots once per pair, in an order of
    TF1's own: refused, naming the variable."""
    by_variable: dict = {}
    for gradient, variable in pairs:
        by_variable.setdefault(id(variable), []).append((gradient, variable))
    if all(len(listed) == 1 for listed in by_variable.values()):
        return pairs
    if type(optimizer.rule) is not GradientDescent:
        name = next(listed[0][1].name for listed in by_variable.values() if len(listed) > 1)
        raise UnsupportedOperationError(
            f"{optimizer.name}.apply_gradients lists {name} more than once: symopt.compat.v1 applies several gradients "
            "of one variable only with GradientDescentOptimizer; add them first, e.g. [(tf.add_n(grads), var)]")
    merged = []
    for listed in by_variable.values():
        gradient = listed[0][0]
        with unnamed():  # TF1 makes no add op: each pair is an update of its own
            for other, _ in listed[1:]:
                gradient = binary("add", gradient, other)
        merged.append((gradient, listed[0][1]))
    return merged


def _check_gradient(gradient: Tensor, variable, optimizer: str) -> None:
    """TF1's errors for a gradient of another dtype, rank or size than its variable (an update never broadcasts)."""
    op = f"'{optimizer}/update_{variable.op_name}'"
    if gradient.dtype != variable.dtype:
        raise TypeError(f"Input 'delta' of the update {op} has type {gradient.dtype.name} that does not match type "
                        f"{variable.dtype.name} of argument 'var'.")
    if not gradient.shape.known_rank:
        return
    if len(gradient.shape) != len(variable.shape):
        raise ValueError(f"Shapes must be equal rank, but are {len(variable.shape)} and {len(gradient.shape)} for "
                         f"{op} (the gradient of {variable.name}, shape {variable.shape}, has shape {gradient.shape})")
    if not gradient.shape.is_compatible_with(variable.shape):
        raise ValueError(f"Shapes {variable.shape} and {gradient.shape} are incompatible for {op}: the gradient of "
                         f"{variable.name} must have the variable's shape")


def _loss_for(loss, pairs: list):
    """The loss the step computes along (returned when ``[train, loss]`` is fetched), or None when it reads a
    placeholder the applied gradients do not: gradients accumulated in variables and applied later
    (``apply_gradients([(acc / n, W)])``) need no feed, as in TF1, which runs only what the update reads."""
    if loss is None or loss.deferred or any(g.deferred for g, _ in pairs):
        return loss
    graph = get_default_graph()
    needed = set(free_inputs([g.expr for g, _ in pairs]))
    fed = [s for s in free_inputs([loss.expr]) if s in graph.placeholders and s not in needed]
    return None if fed else loss


class TrainOperation(Operation):
    """Running it runs the fused step (cost, gradients, update) with the session's values and returns the cost
    before the update; the state changes only after the step succeeds.

    With a deferred loss (a shape-less placeholder upstream) the step is compiled when a session specialises
    the operation to the fed shapes; all specialisations share one optimizer state (``key``).
    """

    label_checks = None  # sparse cross-entropy labels to check before a step (label_checks.py), set by _compile
    distinct_checks = None  # per clipped gradient of a gathered variable: its ids must not repeat (repeat_checks)
    label_positions = None
    projections = ()  # (variable, its constraint's tensor) projected after each step (constraints.py)

    def __init__(self, optimizer: Optimizer, loss, pairs: list, global_step, key: SlotKey, name: str,
                 learning_rate=None):
        super().__init__(name, self._step, type="NoOp")
        self.optimizer, self.loss, self.pairs, self.global_step, self.key = optimizer, loss, pairs, global_step, key
        self.learning_rate = learning_rate if learning_rate is not None else optimizer.learning_rate_tensor
        gradients = [g for g, _ in pairs]
        self.recipe = (self._specialized, (loss, gradients, self.learning_rate), {})
        self.deferred = any(t is not None and t.deferred for t in (loss, self.learning_rate, *gradients))
        self.compiled = None if self.deferred else self._compile()

    def _specialized(self, loss, gradients, learning_rate) -> "TrainOperation":
        """This step rebuilt for a run's feeds; fed gradients (averaged in NumPy) need no feed of the loss's
        placeholders, as in TF1, whose update does not compute the loss (probe15 Y8)."""
        pairs = [(g, v) for g, (_, v) in zip(gradients, self.pairs)]
        specialized = TrainOperation(self.optimizer, _loss_for(loss, pairs), pairs, self.global_step, self.key,
                                     self.name, learning_rate)
        specialized.projections = self.projections
        return specialized

    def _compile(self):
        cost = loss_sum(self.loss) if self.loss is not None else 0
        gradients = [g.expr for g, _ in self.pairs]
        self.parameters = [v.expr for _, v in self.pairs]
        self.data = [s for s in free_inputs(gradients + [cost]) if s not in self.parameters]
        carrier = batch_carrier([cost, *gradients], self.data, get_default_graph().batch_sources)
        self.data += [] if carrier is None else [carrier]  # tf.shape(X)[0] alone: the step takes X for its size
        compiled = compile_step(cost, self.parameters, self.optimizer.rule, self.data, dtype=self.key.dtype,
                                gradients=gradients)
        self.on_jax = (cost, self.parameters, self.optimizer.rule, self.data, gradients)  # tf.ConfigProto(backend="jax")
        self.hyper = compiled.hyper_arguments()
        self.numpy_step = compiled.advance or compiled.step  # advance: may update its arguments in place
        self.learning_rate_index = list(compiled.hyper).index("lr")
        self.label_checks = LabelChecks.of(get_default_graph(), [cost, *gradients])  # sparse xent: labels in range
        self.label_positions = self.label_checks.positions(self.data) if self.label_checks is not None else None
        self.distinct_checks = repeat_checks(get_default_graph(), [g for g, _ in self.pairs])
        return compiled

    def _hyper_now(self, session, feed) -> list:
        """The hyperparameters of this step: a learning rate that is a tensor (a schedule) is evaluated with the
        session's values before the update, in its own dtype, then cast to the variables' dtype (TF1: a float64
        rate trains a float64 variable with all its digits)."""
        tensor = self.learning_rate
        if tensor is None:
            return self.hyper
        value = session.rates_before.get(id(tensor))  # computed before the run's control inputs
        if value is None:
            (value,) = session.evaluate([tensor], feed)
        hyper = list(self.hyper)
        rate = np.dtype(tensor.dtype.name).type(value)
        hyper[self.learning_rate_index] = scalar_type(self.compiled.module, self.key.dtype)(rate)
        return hyper

    def _step(self, session, feed):
        value_of = session._value_of
        self.check_initialized(session)
        return self.apply(session, [value_of(s, feed) for s in self.data], feed)

    def check_initialized(self, session) -> None:
        """TF1's ``FailedPreconditionError`` when a trained variable has no value yet (before any feed is read)."""
        values = session.values
        for p in self.parameters:
            if p not in values:
                raise uninitialized(p, session)

    def apply(self, session, data: list, feed=None):
        """One fused step on the session's state with ``data`` (the values of ``self.data``, in order); returns the
        cost before the update.  ``feed`` (by symbol) is read only by a learning rate that is a tensor.

        On ``ConfigProto(backend="jax")`` the variables and slots stay JAX device arrays between runs (the jitted
        step's outputs are stored as they are); they become NumPy only when fetched."""
        values = session.values
        parameters = self.parameters
        try:
            params = [values[p] for p in parameters]
        except KeyError:
            self.check_initialized(session)
            raise
        key = self.key
        states = session.optimizer_state
        state = states.get(key)
        if state is None and key not in session.initialized_steps and any(self.compiled.initial_slots(params)):
            raise FailedPreconditionError(  # TF1: the optimizer's slot variables were made after the initializer ran
                f"Attempting to use uninitialized value {(getattr(key, 'tf1_slots', None) or ['a slot'])[0]}: the "
                "optimizer's slots are made by minimize / apply_gradients; run tf.global_variables_initializer() "
                "after making the training operation")
        slots, shared = state or self.compiled.initial_slots(params)
        grouped = len(key.group) > 1  # one optimizer object, several minimize ops: its slots and beta powers (TF1)
        if grouped:
            slots, shared = key.group_state(states, slots, shared)
        if self.label_checks is not None:  # TF1's InvalidArgumentError for a label out of range, before any update
            if self.label_positions is not None:
                self.label_checks.check_data(self.label_positions, data)
            else:
                by_symbol = dict(zip(self.data, data))
                self.label_checks.check(lambda s: by_symbol[s] if s in by_symbol else session._value_of(s, {}))
        if self.distinct_checks is not None:  # a clipped gradient of a gathered variable: ids must not repeat
            by_symbol = dict(zip(self.data, data))
            for checks in self.distinct_checks:
                checks.check_distinct(lambda s: by_symbol[s] if s in by_symbol else session._value_of(s, {}),
                                      CLIPPED_REPEATS)
        hyper = self.hyper if self.learning_rate is None else self._hyper_now(session, feed)
        # the NumPy session owns its arrays (assign copies): its step may update them in place
        step = self.numpy_step if session.backend == "numpy" else self.on_device(key.dtype)
        try:
            cost, new_params, new_slots, new_shared, done = step(*params, *slots, *shared, *hyper, *data)
            if done is None and self.compiled.module == "math":  # Python's math raised (log(-1.0), exp(800.0)) and
                # the step kept the values: TF1 computes IEEE nan / inf and updates, as the NumPy version does
                cost, new_params, new_slots, new_shared, _ = self.ieee_step()(*params, *slots, *shared, *hyper, *data)
        except ZeroDivisionError:  # 1/m of a mean over the batch, raised before any update statement
            if session._batch_size != 0 or session.backend != "numpy":
                raise
            empty = self.empty_batch_step()
            if empty is None:
                raise InvalidArgumentError(
                    f"{self.name}: an empty mini-batch was fed (0 examples), and this step's gradients read the "
                    "batch in a way symopt cannot reduce to TF1's sums over no examples; it changes nothing. Skip "
                    "empty batches, e.g. loop over range(0, n, batch_size)") from None
            feed = dict(zip(self.data, data))
            with np.errstate(invalid="ignore", divide="ignore"):  # the mean of no examples: nan, silently (TF1)
                (cost,) = session.evaluate([self.loss], feed) if self.loss is not None else (np.nan,)
            _, new_params, new_slots, new_shared, _ = empty.step(
                *params, *slots, *shared, *hyper, *(session._value_of(s, feed) for s in empty.data))
        self.store(session, new_params, new_slots, new_shared)
        if self.projections:  # TF1: v.assign(v.constraint(v)) after the update
            project(session, self.projections)
        return cost

    def store(self, session, new_params, new_slots, new_shared) -> None:
        """A finished step's results into the session: the parameters' new values, the optimizer's state (shared
        with the other training operations of its optimizer object), then the global step's increment."""
        values = session.values
        if len(new_params) == 1:  # the lecture's hot path (RunPlan.lean_run): one store, no loop
            values[self.parameters[0]] = new_params[0]
        else:
            for parameter, value in zip(self.parameters, new_params):
                values[parameter] = value
        key = self.key
        states = session.optimizer_state
        states[key] = (new_slots, new_shared)
        if len(key.group) > 1:
            key.share(states, new_slots, new_shared)
        if self.global_step is not None:
            self.advance_global_step(session)

    def advance_global_step(self, session) -> None:
        """``minimize(..., global_step=step)`` adds one to ``step`` after each update.

        A learning rate that is a Tensor (``tf.train.exponential_decay(..., global_step, ...)``) is evaluated
        before the update (:meth:`_hyper_now`), so it sees the step count before this increment.
        """
        symbol = self.global_step.expr
        session.values[symbol] = session.values.get(symbol, 0) + 1

    def empty_batch_step(self):
        r"""The step TF1 takes on an empty mini-batch: every term of a gradient that reads the batch sums over no
        examples and is 0 (TF1 never multiplies the mean's :math:`1/m` into an empty sum), the other terms (a
        regularizer's) stay; the optimizer then updates as usual (Adam still moves by its momentum)."""
        if "empty" not in self.__dict__:
            gradients = [without_batch_sums(g.expr) for g, _ in self.pairs]
            data = [s for s in free_inputs([g for g in gradients if g is not None]) if s not in self.parameters]
            self.empty = None if None in gradients else compile_step(
                0, self.parameters, self.optimizer.rule, data, dtype=self.key.dtype, gradients=gradients)
        return self.empty

    def ieee_step(self):
        """The NumPy version of a scalar step compiled for Python's ``math`` (float64 scalars), built when a step
        first meets a value ``math`` refuses: its results are IEEE's, as TF1's kernels."""
        if "ieee" not in self.__dict__:
            cost, parameters, rule, data, gradients = self.on_jax
            self.ieee = compile_step(cost, parameters, rule, data, dtype=self.key.dtype, gradients=gradients,
                                     module="numpy").step
        return self.ieee

    def on_device(self, dtype: str):
        """The jitted JAX step (device arrays in, device arrays out), built once per operation."""
        jitted = self.__dict__.get("jitted")
        if jitted is None:
            jitted = self.jitted = jit(jax_step_for(self.on_jax, dtype).step)
        return jitted


def _rate(learning_rate, name: str) -> tuple:
    """``(number for the rule, tensor or None)``: a Tensor learning rate (a schedule, or a placeholder fed at every
    run) is evaluated at every step.  A constant rate of 0 or below, which TF1 accepts (a frozen model's sanity
    check, a sweep from ``lr = 0.0``, gradient ascent) and symopt's rules refuse, is a float64 constant tensor
    ``<name>/learning_rate`` evaluated the same way: the slots still move, the variables by ``lr`` times the step."""
    if isinstance(learning_rate, Tensor):
        if (learning_rate.shape.known_rank and learning_rate.ndim != 0) or not learning_rate.dtype.is_floating:
            raise TypeError(f"learning_rate must be a float scalar tensor; given {learning_rate!r}")
        return 1.0, learning_rate
    if isinstance(learning_rate, (int, float, np.integer, np.floating)) and not isinstance(learning_rate, bool) \
            and learning_rate <= 0:
        return 1.0, constant(np.float64(learning_rate), name=f"{name}/learning_rate")
    return learning_rate, None


def _numbers(optimizer: str, **values) -> None:
    """TF1 also takes tensors for these (a momentum ramp, a fed ``decay``); symopt's rules take numbers: a typed
    refusal naming the argument (probe13 W12: the rule's "expected a number in [0, 1)" read as a range error)."""
    for argument, value in values.items():
        if isinstance(value, Tensor) or hasattr(value, "as_input"):
            raise UnsupportedOperationError(
                f"tf.train.{optimizer}: {argument} as a tensor ({value!r}) is not supported yet by symopt.compat.v1; "
                "pass a Python number (the learning rate may be a tensor: a schedule or a fed placeholder)")


def GradientDescentOptimizer(learning_rate, use_locking=False, name="GradientDescent") -> Optimizer:
    """``var -= grad * lr``."""
    rate, tensor = _rate(learning_rate, name)
    return Optimizer(GradientDescent(rate), name, tensor)


def MomentumOptimizer(learning_rate, momentum, use_locking=False, name="Momentum", use_nesterov=False) -> Optimizer:
    _numbers("MomentumOptimizer", momentum=momentum)
    rate, tensor = _rate(learning_rate, name)
    return Optimizer(Momentum(rate, momentum, nesterov=use_nesterov), name, tensor)


def AdagradOptimizer(learning_rate, initial_accumulator_value=0.1, use_locking=False, name="Adagrad") -> Optimizer:
    _numbers("AdagradOptimizer", initial_accumulator_value=initial_accumulator_value)
    rate, tensor = _rate(learning_rate, name)
    return Optimizer(Adagrad(rate, initial_accumulator_value), name, tensor)


def RMSPropOptimizer(learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10, use_locking=False, centered=False,
                     name="RMSProp") -> Optimizer:
    _numbers("RMSPropOptimizer", decay=decay, momentum=momentum, epsilon=epsilon)
    rate, tensor = _rate(learning_rate, name)
    return Optimizer(RMSProp(rate, decay, momentum, epsilon, centered), name, tensor)


def AdamOptimizer(learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-08, use_locking=False,
                  name="Adam") -> Optimizer:
    _numbers("AdamOptimizer", beta1=beta1, beta2=beta2, epsilon=epsilon)
    rate, tensor = _rate(learning_rate, name)
    return Optimizer(Adam(rate, beta1, beta2, epsilon), name, tensor)



def AdadeltaOptimizer(learning_rate=0.001, rho=0.95, epsilon=1e-08, use_locking=False, name="Adadelta") -> Optimizer:
    """TF1's ``ApplyAdadelta`` kernel: :class:`symopt.Adadelta`."""
    _numbers("AdadeltaOptimizer", rho=rho, epsilon=epsilon)
    rate, tensor = _rate(learning_rate, name)
    return Optimizer(Adadelta(rate, rho, epsilon), name, tensor)


def FtrlOptimizer(learning_rate, learning_rate_power=-0.5, initial_accumulator_value=0.1,
                  l1_regularization_strength=0.0, l2_regularization_strength=0.0, use_locking=False, name="Ftrl",
                  accum_name=None, linear_name=None, l2_shrinkage_regularization_strength=0.0, beta=None) -> Optimizer:
    """TF1's ``ApplyFtrl`` kernel: :class:`symopt.Ftrl`.  The ``ApplyFtrlV2`` forms (``l2_shrinkage`` or ``beta``
    other than 0) are refused rather than approximated."""
    for argument, value in (("l2_shrinkage_regularization_strength", l2_shrinkage_regularization_strength),
                            ("beta", beta)):
        if value not in (None, 0, 0.0):
            raise UnsupportedOperationError(
                f"FtrlOptimizer({argument}={value!r}): symopt implements TF1's ApplyFtrl kernel, which has no "
                f"{argument}; leave it at 0 (or use symopt.Ftrl with l2= for plain L2 regularization)")
    rate, tensor = _rate(learning_rate, name)
    return Optimizer(Ftrl(rate, learning_rate_power, initial_accumulator_value, l1_regularization_strength,
                          l2_regularization_strength), name, tensor)


def ProximalGradientDescentOptimizer(learning_rate, l1_regularization_strength=0.0, l2_regularization_strength=0.0,
                                     use_locking=False, name="ProximalGradientDescent") -> Optimizer:
    """TF1's ``ApplyProximalGradientDescent`` kernel (FOBOS): :class:`symopt.ProximalGradientDescent`."""
    rate, tensor = _rate(learning_rate, name)
    return Optimizer(ProximalGradientDescent(rate, l1_regularization_strength, l2_regularization_strength), name,
                     tensor)


def ProximalAdagradOptimizer(learning_rate, initial_accumulator_value=0.1, l1_regularization_strength=0.0,
                             l2_regularization_strength=0.0, use_locking=False, name="ProximalAdagrad") -> Optimizer:
    """TF1's ``ApplyProximalAdagrad`` kernel: :class:`symopt.ProximalAdagrad`."""
    rate, tensor = _rate(learning_rate, name)
    return Optimizer(ProximalAdagrad(rate, initial_accumulator_value, l1_regularization_strength,
                                     l2_regularization_strength), name, tensor)

from .saver import Saver, checkpoint_exists, get_checkpoint_state, latest_checkpoint  # noqa: E402,F401  (saver.py needs
# nothing from this module)
from .training_util import (Coordinator, create_global_step, get_global_step, global_step,  # noqa: E402
                            get_or_create_global_step, start_queue_runners)
from .moving_averages import ExponentialMovingAverage  # noqa: E402,F401


def import_meta_graph(meta_graph_or_file, clear_devices=False, import_scope=None, **options):
    """TF1's ``tf.train.import_meta_graph`` is not supported: symopt's checkpoints hold values, not graphs (a typed
    error naming what to write instead)."""
    raise UnsupportedOperationError(
        f"tf.train.import_meta_graph({meta_graph_or_file!r}) is not supported by symopt.compat.v1: its checkpoints "
        "hold the variables' values, not the graph. Build the graph again with the Python code that made it (the "
        "same names), then saver = tf.train.Saver() and saver.restore(sess, path); find tensors with "
        "tf.get_default_graph().get_tensor_by_name('name:0')")


def __getattr__(name: str):
    if name.startswith("_"):
        raise AttributeError(name)
    raise unsupported_name("tf.train", name)
