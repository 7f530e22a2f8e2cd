"""``tf.train``: TF1's optimizers on symopt's fused steps (the step run as an operation: train_operation.py)."""

from __future__ import annotations

from collections.abc import Callable

from ...errors import UnsupportedOperationError
from ...more_optimizers import Adadelta, Ftrl, ProximalAdagrad, ProximalGradientDescent
from ...optimizers import Adagrad, Adam, GradientDescent, Momentum, RMSProp
from ...symbols import BATCH
from ...traversal import free_symbols
from .uncopyable import NotCopied
from .errors import unsupported_name
from .feeds import note_batch_sources
from .constants import not_symbolic
from .default_graph import unnamed
from .graph import Tensor, as_tensor, binary, get_default_graph, program_dtype
from .slot_keys import SlotKey
from .cond_gradients import branch_adjoints
from .gradient_ops import gradient_expressions, gradient_recipe, loss_sum, reached_by_gradient
from .constraints import projections
from .optimizer_slots import OptimizerSlots
from .optimizer_arguments import (check_entries, check_loss_dtype, check_same_graph, check_updatable, flat_var_list,
                                  grads_and_vars_pairs)
from .math_ops import differentiable_inputs
from .learning_rate_decay import (cosine_decay, exponential_decay, inverse_time_decay, piecewise_constant,
                                  polynomial_decay, natural_exp_decay, linear_cosine_decay, cosine_decay_restarts)
from .recording import recorded
from .train_operation import TrainOperation, step_loss
from .optimizer_rates import check_positive_rate, learning_rate_input, tf1_numbers

__all__ = ["Saver", "checkpoint_exists", "GradientDescentOptimizer", "MomentumOptimizer", "AdagradOptimizer", "RMSPropOptimizer",
           "AdamOptimizer", "AdadeltaOptimizer", "FtrlOptimizer",
           "ProximalGradientDescentOptimizer", "ProximalAdagradOptimizer", "Optimizer", "TrainOperation", "Coordinator", "LooperThread", "start_queue_runners", "get_global_step", "global_step",
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


gradient_of.dtype_from = "variable"  # a float32 loss of a float64 variable (mean_squared_error casts): float64


#: The methods a TF1 optimizer subclass overrides to define its own update (TF1's "write your own optimizer"):
#: symopt runs its own rules' fused steps and cannot run them.
TF1_UPDATE_HOOKS = ("_create_slots", "_prepare", "_apply_dense", "_resource_apply_dense", "_apply_sparse",
                    "_resource_apply_sparse", "_apply_sparse_duplicate_indices",
                    "_resource_apply_sparse_duplicate_indices", "_finish")


class Optimizer(NotCopied):
    """Base of ``tf.train``'s optimizers, TF1's signature ``Optimizer(use_locking, name)``: ``minimize`` =
    ``compute_gradients`` + ``apply_gradients``.  Each subclass below gives its symopt update rule and TF1's
    attributes to :meth:`_use`.
    A subclass of a program's own that defines its update (``_apply_dense``, ``_create_slots``, ...) is refused
    when made (probe24 P24-4): symopt would run its rule and ignore the override."""

    #: TF1's ``gate_gradients`` values (accepted; symopt computes a step's gradients together anyway).
    GATE_NONE, GATE_OP, GATE_GRAPH = 0, 1, 2

    def __setattr__(self, name: str, value) -> None:
        """TF1's hyperparameter attributes (``_lr``, ``_learning_rate``, ``_momentum``, ...) are read-only once set:
        the update rule is built from the constructor's arguments, so a later write would be ignored silently
        (review33 R33-6: a warm-up subclass scaling ``self._learning_rate``)."""
        if name in getattr(self, "_tf1_attributes", ()):
            raise UnsupportedOperationError(
                f"{type(self).__name__}.{name} = {value!r}: symopt.compat.v1 builds the update from the constructor's "
                f"arguments, so this write would change nothing; pass the value to the constructor, or give a "
                "learning rate that changes as a tensor (a placeholder fed at every run, or a schedule such as "
                "tf.train.exponential_decay)")
        super().__setattr__(name, value)

    def __init__(self, use_locking=False, name="Optimizer"):
        overrides = [hook for hook in TF1_UPDATE_HOOKS for cls in type(self).__mro__
                     if cls.__module__ != __name__ and hook in vars(cls)]
        if overrides:
            raise UnsupportedOperationError(
                f"{type(self).__name__} defines its own update ({', '.join(sorted(set(overrides)))}), which "
                "symopt.compat.v1 cannot run: its optimizers are fused steps of symopt's rules. Write the update "
                "as operations instead, e.g. grads = tf.gradients(loss, variables); train = tf.group(*[tf.assign_sub("
                "v, lr * g) for g, v in zip(grads, variables)]), or use one of tf.train's optimizers")
        self.name = self._name = name
        self._use_locking = use_locking
        self.rule = None
        self.learning_rate_tensor = None
        self.slot_groups: dict = {}  # dtype -> the slot keys of this optimizer's training operations (SlotKey)
        self.slot_variables = None

    def _use(self, rule_of: Callable, learning_rate, /, **tf1_attributes) -> None:
        """Run the symopt optimizer ``rule_of(rate)`` with the rate of ``learning_rate`` (a tensor, a schedule of the
        global step or a fed placeholder, is evaluated every step: :func:`~.optimizer_rates.learning_rate_input`),
        and keep TF1's attributes
        (``learning_rate=`` is ``self._learning_rate``, ``lr=`` ``self._lr``), read-only from here on
        (:meth:`__setattr__`; a subclass's own attributes stay writable)."""
        for attribute, value in tf1_attributes.items():
            object.__setattr__(self, f"_{attribute}", value)
        self._tf1_attributes = tuple(f"_{attribute}" for attribute in tf1_attributes)
        rate, learning_rate_tensor = learning_rate_input(learning_rate, self.name)
        rule = rule_of(rate)
        self.rule = rule
        self.learning_rate_tensor = learning_rate_tensor
        self.slot_variables = OptimizerSlots(rule, self.name)  # TF1's get_slot / variables() (optimizer_slots.py)

    def get_name(self) -> str:
        return self.name

    def get_slot_names(self) -> list:
        """TF1's names of this optimizer's per-variable slots (Adam: ``['m', 'v']``)."""
        return self.slot_variables.names() if self.slot_variables else []

    def get_slot(self, var, name: str):
        """The slot ``name`` of ``var`` (run it for its value), or None when this optimizer has none."""
        return self.slot_variables.get_slot(var, name) if self.slot_variables else None

    def variables(self) -> list:
        """The slot variables made so far, sorted by name (``tf.variables_initializer(opt.variables())`` resets
        the optimizer's state, as in TF1)."""
        return self.slot_variables.variables() if self.slot_variables else []

    def compute_gradients(self, loss: Tensor, var_list=None, gate_gradients=GATE_OP, aggregation_method=None,
                          colocate_gradients_with_ops=False, grad_loss=None):
        """``[(gradient or None, variable), ...]`` (None: the loss does not read it); ``grad_loss`` unsupported."""
        if grad_loss is not None:
            raise UnsupportedOperationError("compute_gradients(grad_loss=...) is not supported yet by symopt.compat.v1; "
                                            "scale the loss instead (the gradient of sum(g * loss))")
        not_symbolic(loss, "Optimizer.minimize")  # a SymPy expression of the symopt API (P83-6)
        check_loss_dtype(loss)  # TF1 checks it before the variables
        variables = flat_var_list(var_list) if var_list is not None else \
            [v for v in get_default_graph().variables if v.trainable]
        check_entries(variables)  # TF1's errors for a name, a number, None (probe32 P32-5)
        if not variables:  # TF1's message (probe13 W17: var_list=[] from a scope filter that matched nothing)
            raise ValueError("No variables to optimize. (var_list is empty: a tf.trainable_variables(scope=...) "
                             "filter matched no name; tf.get_variable ignores tf.name_scope, so filter by the "
                             "tf.variable_scope the variables were made in)")
        check_same_graph([loss, *variables])  # a loss or variable kept from before tf.reset_default_graph() (P32-7)
        self._loss = loss
        if loss.deferred:  # TF1: None for an integer variable or one the loss does not read (not trained)
            read = reached_by_gradient([loss])
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
                if BATCH in free_symbols([gradient]):  # the count of rows alone (sum(b + x) by b): the step takes x;
                    # symopt's walk, each shared node once (SymPy's .free_symbols walks the graph as a tree)
                    note_batch_sources(loss)  # (probe56 P56-10)
                pairs.append((tensor, variable))
        return pairs

    def apply_gradients(self, grads_and_vars, global_step=None, name=None) -> "TrainOperation":
        if self.rule is None:
            raise NotImplementedError(f"{type(self).__name__} has no update rule: tf.train.Optimizer is the base "
                                      "class; use one of its subclasses, e.g. tf.train.GradientDescentOptimizer(lr)")
        grads_and_vars = grads_and_vars_pairs(grads_and_vars)
        pairs = [(g, v) for g, v in grads_and_vars if g is not None]
        check_updatable(pairs or grads_and_vars)  # a placeholder or computed tensor in var_list (probe32 P32-6)
        if not pairs:
            names = [v.name for _, v in grads_and_vars]
            loss = getattr(self, "_loss", None)
            raise ValueError(f"No gradients provided for any variable, check your graph for ops that do not "
                             f"support gradients, between variables {names} and loss {loss}.")
        pairs = [(g if isinstance(g, Tensor) else as_tensor(g, v.dtype), v) for g, v in pairs]
        for gradient, variable in pairs:  # TF1's refusals when the update op is built, before anything is made
            check_same_graph([variable, gradient])
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
        operation = TrainOperation(self, step_loss(getattr(self, "_loss", None), pairs), pairs, global_step, key,
                                   name or self.name, projections=found)
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


class GradientDescentOptimizer(Optimizer):
    """``var -= grad * lr``."""

    def __init__(self, learning_rate, use_locking=False, name="GradientDescent"):
        super().__init__(use_locking, name)
        self._use(GradientDescent, learning_rate, learning_rate=learning_rate)


class MomentumOptimizer(Optimizer):
    """TF1's ``ApplyMomentum`` kernel: :class:`symopt.Momentum` (``use_nesterov``: Nesterov's form)."""

    def __init__(self, learning_rate, momentum, use_locking=False, name="Momentum", use_nesterov=False):
        numbers = tf1_numbers("MomentumOptimizer", momentum=momentum)
        super().__init__(use_locking, name)
        self._use(lambda rate: Momentum(rate, **numbers, nesterov=bool(use_nesterov)),  # TF1: a truth value
                  learning_rate, learning_rate=learning_rate, momentum=momentum, use_nesterov=use_nesterov)


class AdagradOptimizer(Optimizer):
    """TF1's ``ApplyAdagrad`` kernel: :class:`symopt.Adagrad`."""

    def __init__(self, learning_rate, initial_accumulator_value=0.1, use_locking=False, name="Adagrad"):
        tf1_numbers("AdagradOptimizer", initial_accumulator_value=initial_accumulator_value)
        super().__init__(use_locking, name)
        self._use(lambda rate: Adagrad(rate, initial_accumulator_value), learning_rate,
                  learning_rate=learning_rate, initial_accumulator_value=initial_accumulator_value)


class RMSPropOptimizer(Optimizer):
    """TF1's ``ApplyRMSProp`` / ``ApplyCenteredRMSProp`` kernels: :class:`symopt.RMSProp`."""

    def __init__(self, learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10, use_locking=False, centered=False,
                 name="RMSProp"):
        numbers = tf1_numbers("RMSPropOptimizer", decay=decay, momentum=momentum, epsilon=epsilon)
        super().__init__(use_locking, name)
        self._use(lambda rate: RMSProp(rate, **numbers, centered=bool(centered)), learning_rate,
                  learning_rate=learning_rate, decay=decay, momentum=momentum, epsilon=epsilon, centered=centered)


class AdamOptimizer(Optimizer):
    """TF1's ``ApplyAdam`` kernel: :class:`symopt.Adam`."""

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-08, use_locking=False, name="Adam"):
        numbers = tf1_numbers("AdamOptimizer", beta1=beta1, beta2=beta2, epsilon=epsilon)
        super().__init__(use_locking, name)
        self._use(lambda rate: Adam(rate, **numbers), learning_rate,
                  lr=learning_rate, beta1=beta1, beta2=beta2, epsilon=epsilon)


class AdadeltaOptimizer(Optimizer):
    """TF1's ``ApplyAdadelta`` kernel: :class:`symopt.Adadelta`."""

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-08, use_locking=False, name="Adadelta"):
        numbers = tf1_numbers("AdadeltaOptimizer", rho=rho, epsilon=epsilon)
        super().__init__(use_locking, name)
        self._use(lambda rate: Adadelta(rate, **numbers), learning_rate, lr=learning_rate, rho=rho, epsilon=epsilon)


class FtrlOptimizer(Optimizer):
    """TF1's ``ApplyFtrl`` kernel: :class:`symopt.Ftrl`.  The ``ApplyFtrlV2`` forms (``l2_shrinkage`` or ``beta``
    other than 0) are refused rather than approximated."""

    def __init__(self, learning_rate, learning_rate_power=-0.5, initial_accumulator_value=0.1,
                 l1_regularization_strength=0.0, l2_regularization_strength=0.0, use_locking=False, name="Ftrl",
                 accum_name=None, linear_name=None, l2_shrinkage_regularization_strength=0.0, beta=None):
        for argument, value in (("l2_shrinkage_regularization_strength", l2_shrinkage_regularization_strength),
                                ("beta", beta)):
            if value not in (None, 0, 0.0):
                raise UnsupportedOperationError(
                    f"FtrlOptimizer({argument}={value!r}): symopt implements TF1's ApplyFtrl kernel, which has no "
                    f"{argument}; leave it at 0 (or use symopt.Ftrl with l2= for plain L2 regularization)")
        check_positive_rate(learning_rate, "ApplyFtrl")
        tf1_numbers("FtrlOptimizer", l1_regularization_strength=l1_regularization_strength,
                        l2_regularization_strength=l2_regularization_strength)  # tensors refused by name
        super().__init__(use_locking, name)
        self._use(lambda rate: Ftrl(rate, learning_rate_power, initial_accumulator_value, l1_regularization_strength,
                                    l2_regularization_strength), learning_rate,
                  learning_rate=learning_rate, learning_rate_power=learning_rate_power,
                  initial_accumulator_value=initial_accumulator_value,
                  l1_regularization_strength=l1_regularization_strength,
                  l2_regularization_strength=l2_regularization_strength)


class ProximalGradientDescentOptimizer(Optimizer):
    """TF1's ``ApplyProximalGradientDescent`` kernel (FOBOS): :class:`symopt.ProximalGradientDescent`."""

    def __init__(self, learning_rate, l1_regularization_strength=0.0, l2_regularization_strength=0.0,
                 use_locking=False, name="ProximalGradientDescent"):
        strengths = tf1_numbers("ProximalGradientDescentOptimizer",  # l1 <= 0: TF1's kernel shrinks nothing
                                    l1_regularization_strength=l1_regularization_strength,
                                    l2_regularization_strength=l2_regularization_strength)
        super().__init__(use_locking, name)
        self._use(lambda rate: ProximalGradientDescent(rate, strengths["l1_regularization_strength"],
                                                       strengths["l2_regularization_strength"]), learning_rate,
                  learning_rate=learning_rate, l1_regularization_strength=l1_regularization_strength,
                  l2_regularization_strength=l2_regularization_strength)


class ProximalAdagradOptimizer(Optimizer):
    """TF1's ``ApplyProximalAdagrad`` kernel: :class:`symopt.ProximalAdagrad`."""

    def __init__(self, learning_rate, initial_accumulator_value=0.1, l1_regularization_strength=0.0,
                 l2_regularization_strength=0.0, use_locking=False, name="ProximalAdagrad"):
        check_positive_rate(learning_rate, "ApplyProximalAdagrad")
        tf1_numbers("ProximalAdagradOptimizer", l1_regularization_strength=l1_regularization_strength,
                        l2_regularization_strength=l2_regularization_strength)  # tensors refused by name
        super().__init__(use_locking, name)
        self._use(lambda rate: ProximalAdagrad(rate, initial_accumulator_value, l1_regularization_strength,
                                               l2_regularization_strength), learning_rate,
                  learning_rate=learning_rate, initial_accumulator_value=initial_accumulator_value,
                  l1_regularization_strength=l1_regularization_strength,
                  l2_regularization_strength=l2_regularization_strength)

from .saver import Saver, checkpoint_exists, get_checkpoint_state, latest_checkpoint  # noqa: E402,F401  (saver.py needs
# nothing from this module)
from .training_util import (Coordinator, create_global_step, get_global_step, global_step,  # noqa: E402
                            get_or_create_global_step, start_queue_runners)
from .coordinator import LooperThread  # noqa: E402
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
