r"""Optimizers with TensorFlow 1.x's exact update rules, written as SymPy expressions.

Each optimizer lists its hyperparameters and state slots and returns, for one
parameter :math:`\theta` with gradient :math:`g`, the ordered assignments of its
update.  The rules are elementwise, so the same expressions serve scalars and
arrays; they are compiled together with the gradient into one fused step.

Arithmetic follows TF1's CPU kernels operation for operation, so a float32 run
prints TF1's digits.  Hyperparameters given as Python floats become float32
first, then the variable's dtype (TF1 does the same).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy
from sympy import Add, Pow, Symbol

from .errors import ConfigurationError
from .fixed_settings import FixedSettings, checked_constructor, fixed_after
from .hyperparameters import (AnyReal, check_float32_holds, check_fraction, check_kind, check_learning_rate,
                              check_non_negative, check_positive, check_rounded_range, hyperparameter, range_kind,
                              to_dtype)
from .optimizer_advice import rate_beside_instance_message, unknown_optimizer_message
from .run_arguments import check_flag
from .schedule_base import STEP, Schedule
from .unevaluated import minus, over, sqrt_of, times

__all__ = ["Optimizer", "GradientDescent", "Momentum", "Adagrad", "RMSProp", "Adam", "Slot", "get_optimizer",
           "optimizer_table", "to_dtype", "hyperparameter", "AnyReal", "check_kind", "check_positive",
           "check_non_negative"]


@dataclass(frozen=True)
class Slot:
    """State kept by an optimizer: per parameter (same shape and dtype), or ``shared`` scalars (float32, the step
    counter an ``int``).

    Declared by each optimizer (its ``state``), a slot is the only source of its names in generated code,
    checkpoints and traces (:meth:`name_for`) and of its initial value.
    """

    name: str
    initial: float
    shared: bool = False

    def name_for(self, parameter: str) -> str:
        """The slot's Python name for the parameter named ``parameter`` (``m_W``); a shared slot's own name."""
        return self.name if self.shared else f"{self.name}_{parameter}"


#: The shared slot that counts steps when a hyperparameter is a schedule (TF1's ``global_step``).  It holds a
#: Python ``int`` (an integer array on the JAX backend), so it counts exactly where a float32 counter stopped at
#: :math:`2^{24}` (probe30 P30-7); the schedule's float32 arithmetic converts it, as TF1's decay functions cast their
#: int64 ``global_step``.
STEP_SLOT = "global_step"


class Optimizer(FixedSettings):
    """Base class: ``hyperparameters`` (name → float or :class:`~symopt.schedules.Schedule`, read-only), ``slots``,
    and the update rule.  Subclasses keep their own state in ``state``; ``slots`` adds the step counter
    ``global_step`` when a hyperparameter is a schedule.  Settings are fixed once made (:mod:`symopt.fixed_settings`):
    ``opt.lr = 0.001`` raises :class:`~symopt.errors.ConfigurationError`; make a new optimizer instead."""

    state: tuple[Slot, ...] = ()
    name = "optimizer"
    #: TF1's precision: Python-float hyperparameters pass through float32 and the shared slots (Adam's
    #: :math:`\beta^t`, the step counter) are float32 scalars.  Optimizers named after another library
    #: (:class:`~symopt.more_optimizers.PyTorchAdam`) compute both in the variables' dtype, as it does.
    tf1_precision = True
    #: Whether the update divides by the learning rate (:class:`~symopt.more_optimizers.Ftrl`), so a schedule must
    #: stay above 0 over the run (:meth:`~symopt.schedules.Schedule.why_zero`).
    divides_by_rate = False
    #: Hyperparameters whose update adds a penalty the cost does not hold (an L1 shrinkage, a decoupled weight
    #: decay): while one is above 0 the run's minimum is not where the cost's gradient is 0, so ``tol=`` is refused.
    outside_cost: tuple[str, ...] = ()

    #: Other libraries' keywords and symopt's spelling of them (probe26 P26-D: Keras' ``learning_rate``, PyTorch's
    #: ``betas`` and ``eps``, Keras' RMSprop ``rho``).
    OTHER_SPELLINGS = {"learning_rate": "lr", "betas": "beta1=..., beta2=...", "eps": "epsilon",
                       "rho": "decay (RMSProp's rho)", "beta_1": "beta1", "beta_2": "beta2",
                       "weight_decay": "symopt.AdamW(lr, weight_decay=...) or an ops.l2_penalty term in the cost",
                       "nesterov": "symopt.Momentum(lr, momentum, nesterov=True)"}

    def __init_subclass__(cls, **options):
        """Each optimizer's constructor checks its arguments first and fixes the settings last
        (:func:`~symopt.fixed_settings.checked_constructor`)."""
        super().__init_subclass__(**options)
        if "__init__" in vars(cls):
            cls.__init__ = checked_constructor(cls.__init__)

    #: ``{hyperparameter: its kind}`` (:data:`~symopt.hyperparameters.KINDS`) for a range its value may leave once
    #: rounded (Adam's beta2=0.99999999 is 1 in float32: probe36 P36-1), set by the constructor
    #: (:func:`~symopt.hyperparameters.range_kind`); :func:`symopt.fused.hyper_values` checks it in the run's dtype.
    ranges: dict = {}
    #: ``{slot: the constructor's keyword}`` for a slot whose initial value the user gives (Adagrad's accumulator:
    #: ``initial_accumulator_value``), checked in the run's dtype by :func:`symopt.fused.hyper_values`.
    slot_arguments: dict = {}

    @fixed_after  # a subclass without a constructor of its own is fixed by this one
    def __init__(self, **hyperparameters: float):
        if self.tf1_precision:
            for name, value in hyperparameters.items():
                check_float32_holds(name, value)
                if name in self.ranges and type(value) is float:  # float32 whatever the run's dtype (TF1)
                    check_rounded_range(name, value, np.float32(value), self.ranges[name],
                                        "float32 (TF1 rounds a Python-float hyperparameter to float32)",
                                        f"or numpy.float64({value!r}) in a float64 run (kept exact, as TF1 does)")
        self.hyperparameters = hyperparameters

    @property
    def slots(self) -> tuple[Slot, ...]:
        return self.state + ((Slot(STEP_SLOT, 0, shared=True),) if self.schedules() else ())

    def parameter_slots(self) -> tuple[Slot, ...]:
        """The slots kept once per parameter, in argument order."""
        return tuple(s for s in self.slots if not s.shared)

    def shared_slots(self) -> tuple[Slot, ...]:
        """The shared scalar slots, in argument order."""
        return tuple(s for s in self.slots if s.shared)

    def shared_value(self, value, dtype: str):
        """A shared slot's value as the run keeps it: float32 (:attr:`tf1_precision`), else in ``dtype``.  In a
        float64 run a ``numpy.float64`` value stays float64: TF1 makes Adam's :math:`\beta^t` variable in its
        initial value's dtype, so ``Adam(beta1=numpy.float64(0.9))`` keeps :math:`0.9^t` exact.  An integer (the
        step counter :data:`STEP_SLOT`) stays a Python ``int``: exact, and read in float32 by the schedule's
        arithmetic (NumPy converts a Python ``int`` to the other operand's float32)."""
        if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
            return int(value)
        if not self.tf1_precision or (isinstance(value, np.float64) and dtype == "float64"):
            return np.dtype(dtype).type(value)
        return np.float32(value)

    def float32_constants(self) -> dict[str, float]:
        """Constants the update reads in float32 whatever the variables' dtype (name → value; in the variables'
        dtype without :attr:`tf1_precision`)."""
        return {}

    def generated_names(self) -> tuple[frozenset, tuple]:
        """The names the generated step gives this optimizer's arguments (hyperparameters, float32 constants,
        shared slots, a schedule's constants), and the prefixes of its per-parameter slots (``m_``): a user's
        symbol never takes one (:func:`symopt.codegen.python_names`)."""
        names = set(self.hyperparameters) | set(self.float32_constants()) | {s.name for s in self.shared_slots()}
        for name, schedule in self.schedules().items():
            names |= {f"{name}_{constant}" for constant in schedule.constants()}
        return frozenset(names), tuple(f"{s.name}_" for s in self.parameter_slots())

    #: Names of values derived from the state that a trace records after the slots (:meth:`traced_values`).
    traced_names: tuple[str, ...] = ()

    def traced_values(self, lr: float, shared: dict) -> list:
        """The :attr:`traced_names` values at learning rate ``lr`` and shared slot values ``shared``."""
        return []

    def schedules(self) -> dict[str, Schedule]:
        """Hyperparameters given as schedules of the step."""
        return {name: v for name, v in self.hyperparameters.items() if isinstance(v, Schedule)}

    def symbols(self) -> dict[str, Symbol]:
        """One real symbol per hyperparameter, named as in the rule."""
        return {name: Symbol(name, positive=True) for name in self.hyperparameters}

    def update(self, theta: Symbol, g: Symbol, slots: dict[str, Symbol], h: dict[str, Symbol]) -> list:
        """Ordered assignments ``[(target, expression), ...]`` for one parameter."""
        raise NotImplementedError

    def shared_update(self, shared: dict[str, Symbol], h: dict[str, Symbol]) -> list:
        """Assignments to shared slots, after every parameter's update (the step counter :math:`t \\leftarrow t + 1`)."""
        if STEP_SLOT not in shared:
            return []
        return [(shared[STEP_SLOT], Add(shared[STEP_SLOT], 1, evaluate=False))]

    def rule(self) -> list:
        """The update rule for a generic parameter :math:`\\theta`, as SymPy assignments; a scheduled
        hyperparameter first gets its value at step :math:`t`."""
        theta, g = Symbol("theta"), Symbol("g")
        slots = {s.name: STEP if s.name == STEP_SLOT else Symbol(s.name) for s in self.slots}
        h = self.symbols()
        scheduled = [(h[name], schedule.formula()) for name, schedule in self.schedules().items()]
        return scheduled + self.update(theta, g, slots, h) + self.shared_update(slots, h)

    def latex(self) -> str:
        """The update rule in LaTeX as :func:`symopt.update_rule` shows it (glyphs, not internal names)."""
        from .display.rules import update_rule  # display imports optimizers
        return update_rule(self).latex()

    def _repr_latex_(self) -> str:
        return f"$${self.latex()}$$"

    def options(self) -> dict:
        """Switches beyond the hyperparameters (``nesterov``, ``centered``, ...)."""
        return {}

    def key(self) -> tuple:
        """Identifies the update rule and its constants (for caches): the class itself, not its name (a class
        redefined in a notebook cell is another rule), the hyperparameters with their types, options, slots and the
        :attr:`ranges` checked in the run's dtype (a TF1-layer Adam, whose betas are any real, is another step)."""
        hyper = tuple((name, value, type(value).__name__) for name, value in self.hyperparameters.items())
        return (type(self), hyper, tuple(self.options().items()), self.slots, tuple(sorted(self.ranges.items())))

    #: ``{hyperparameter: the constructor's keyword}`` where they differ (Ftrl's ``lr_power`` is given as
    #: ``learning_rate_power``), so that the repr evaluates back to an equal optimizer.
    argument_names: dict = {}

    def arguments(self) -> dict:
        """The constructor's keywords and values that make this optimizer again (its repr's)."""
        switches = {k: v for k, v in self.options().items() if v is not False}  # an option of 0 is kept (P36-5)
        return {self.argument_names.get(k, k): v for k, v in {**self.hyperparameters, **switches}.items()}

    def __repr__(self) -> str:
        arguments = ", ".join(f"{k}={v!r}" for k, v in self.arguments().items())
        return f"{type(self).__name__}({arguments})"


class GradientDescent(Optimizer):
    r"""Gradient descent: :math:`\theta \leftarrow \theta - g\,\eta`."""

    name = "gd"

    def __init__(self, lr: float = 0.01):
        super().__init__(lr=check_learning_rate(lr))

    def update(self, theta, g, slots, h):
        return [(theta, minus(theta, times(g, h["lr"])))]


class Momentum(Optimizer):
    r"""Momentum: :math:`a \leftarrow a\mu + g`; :math:`\theta \leftarrow \theta - a\eta`,
    or with Nesterov :math:`\theta \leftarrow \theta - (g\eta + a\mu\eta)`."""

    name = "momentum"
    state = (Slot("accumulator", 0.0),)

    def __init__(self, lr: float, momentum: float, nesterov: bool = False):
        super().__init__(lr=check_learning_rate(lr), momentum=check_kind("momentum", momentum, "finite"))
        check_flag("Momentum(nesterov=...)", nesterov)  # "False" from a config file is no False (probe26)
        self.nesterov = bool(nesterov)

    def options(self) -> dict:
        return {"nesterov": self.nesterov}

    def update(self, theta, g, slots, h):
        a, lr, mu = slots["accumulator"], h["lr"], h["momentum"]
        updates = [(a, Add(times(a, mu), g, evaluate=False))]
        if self.nesterov:
            step = Add(times(g, lr), times(times(a, mu), lr), evaluate=False)
        else:
            step = times(a, lr)
        return updates + [(theta, minus(theta, step))]


class Adagrad(Optimizer):
    r"""Adagrad: :math:`a \leftarrow a + g^2`; :math:`\theta \leftarrow \theta - g\eta\,(1/\sqrt{a})`."""

    name = "adagrad"
    state = (Slot("accumulator", 0.1),)
    slot_arguments = {"accumulator": "initial_accumulator_value"}

    def __init__(self, lr: float, initial_accumulator_value: float = 0.1):
        super().__init__(lr=check_learning_rate(lr))
        self.state = (Slot("accumulator", check_positive("initial_accumulator_value", initial_accumulator_value)),)

    def options(self) -> dict:
        return {"initial_accumulator_value": self.state[0].initial}

    def update(self, theta, g, slots, h):
        a = slots["accumulator"]
        return [(a, Add(a, times(g, g), evaluate=False)),
                (theta, minus(theta, times(times(g, h["lr"]), Pow(a, sympy.Rational(-1, 2), evaluate=False))))]


class RMSProp(Optimizer):
    r"""RMSProp (TF1): :math:`s \leftarrow s + (g^2 - s)(1-\rho)` with :math:`s_0 = 1`;
    :math:`\mu_t \leftarrow \mu_t\,\mu + g\eta/\sqrt{s + \epsilon}`; :math:`\theta \leftarrow \theta - \mu_t`.
    ``centered`` also tracks :math:`\bar g \leftarrow \bar g + (g - \bar g)(1-\rho)` and uses
    :math:`\sqrt{s - \bar g^2 + \epsilon}`."""

    name = "rmsprop"
    OTHER_SPELLINGS = {**Optimizer.OTHER_SPELLINGS, "alpha": (
        "decay (PyTorch's alpha); note this is TF1's RMSProp: its mean square starts at 1 and epsilon is added inside "
        "the square root, √(s + ε), so it is not torch.optim.RMSprop's rule (mean square from 0, √s + ε)")}

    def __init__(self, lr: float, decay: float = 0.9, momentum: float = 0.0, epsilon: float = 1e-10,
                 centered: bool = False):
        super().__init__(lr=check_learning_rate(lr), decay=check_kind("decay", decay, "closed fraction"),
                         momentum=check_kind("momentum", momentum, "finite"),
                         epsilon=check_positive("epsilon", epsilon))  # 0: 0/0 where a gradient entry is 0
        check_flag("RMSProp(centered=...)", centered)
        self.centered = bool(centered)
        self.state = (Slot("ms", 1.0), Slot("mom", 0.0)) + ((Slot("mg", 0.0),) if centered else ())

    def options(self) -> dict:
        return {"centered": self.centered}

    def update(self, theta, g, slots, h):
        ms, mom = slots["ms"], slots["mom"]
        one_minus_decay = minus(1, h["decay"])
        updates = [(ms, Add(ms, times(minus(times(g, g), ms), one_minus_decay), evaluate=False))]
        denominator = Add(ms, h["epsilon"], evaluate=False)
        if self.centered:
            mg = slots["mg"]
            updates.append((mg, Add(mg, times(minus(g, mg), one_minus_decay), evaluate=False)))
            denominator = Add(minus(ms, times(mg, mg)), h["epsilon"], evaluate=False)
        step = Add(times(mom, h["momentum"]), over(times(g, h["lr"]), sqrt_of(denominator)), evaluate=False)
        return updates + [(mom, step), (theta, minus(theta, mom))]


class Adam(Optimizer):
    r"""Adam (TF1, "epsilon hat"): :math:`\alpha = \eta\sqrt{1-\beta_2^t}/(1-\beta_1^t)`;
    :math:`m \leftarrow m + (g - m)(1-\beta_1)`; :math:`v \leftarrow v + (g^2 - v)(1-\beta_2)`;
    :math:`\theta \leftarrow \theta - m\alpha/(\sqrt v + \hat\epsilon)`; then
    :math:`\beta_1^t \leftarrow \beta_1^t\beta_1`, :math:`\beta_2^t \leftarrow \beta_2^t\beta_2` (float32)."""

    name = "adam"

    def __init__(self, lr: float = 0.001, beta1: float = 0.9, beta2: float = 0.999, epsilon: float = 1e-8):
        self.ranges = {"beta1": range_kind(beta1, "fraction"), "beta2": range_kind(beta2, "fraction")}
        super().__init__(lr=check_learning_rate(lr), beta1=check_fraction("beta1", beta1),
                         beta2=check_fraction("beta2", beta2), epsilon=check_positive("epsilon", epsilon))
        self.state = (Slot("m", 0.0), Slot("v", 0.0), Slot("beta1_power", self.hyperparameters["beta1"], shared=True),
                      Slot("beta2_power", self.hyperparameters["beta2"], shared=True))

    def update(self, theta, g, slots, h):
        m, v = slots["m"], slots["v"]
        b1, b2 = to_dtype(slots["beta1_power"]), to_dtype(slots["beta2_power"])
        alpha = over(times(h["lr"], sqrt_of(minus(1, b2))), minus(1, b1))
        return [(m, Add(m, times(minus(g, m), minus(1, h["beta1"])), evaluate=False)),
                (v, Add(v, times(minus(times(g, g), v), minus(1, h["beta2"])), evaluate=False)),
                (theta, minus(theta, over(times(m, alpha), Add(sqrt_of(v), h["epsilon"], evaluate=False))))]

    def float32_constants(self) -> dict[str, float]:
        r""":math:`\beta_1, \beta_2` as the float32 factors of the float32 powers :math:`\beta^t` (TF1)."""
        return {f"{name}_float32": self.hyperparameters[name] for name in ("beta1", "beta2")}

    traced_names = ("lr_t",)

    def traced_values(self, lr: float, shared: dict) -> list:
        r"""The step size :math:`\eta_t = \eta\sqrt{1-\beta_2^t}/(1-\beta_1^t)`."""
        b1, b2 = float(shared["beta1_power"]), float(shared["beta2_power"])
        return [lr * np.sqrt(1 - b2) / (1 - b1)]

    def shared_update(self, shared, h):
        return [(shared["beta1_power"], times(shared["beta1_power"], Symbol("beta1_float32"))),
                (shared["beta2_power"], times(shared["beta2_power"], Symbol("beta2_float32")))] + \
            super().shared_update(shared, h)


OPTIMIZERS = {cls.name: cls for cls in (GradientDescent, Momentum, Adagrad, RMSProp, Adam)}
#: Settings a name gives beyond the class defaults (Momentum has no default momentum; rates TF1 leaves required).
NAMED_DEFAULTS = {"momentum": {"lr": 0.01, "momentum": 0.9}, "adagrad": {"lr": 0.01}, "rmsprop": {"lr": 0.01},
                  "ftrl": {"lr": 0.01}, "proximal_gd": {"lr": 0.01}, "proximal_adagrad": {"lr": 0.01}}


def optimizer_table() -> dict[str, type]:
    """Every optimizer by name: :data:`OPTIMIZERS` (the CLI's) and :data:`symopt.more_optimizers.MORE_OPTIMIZERS`."""
    from .more_optimizers import MORE_OPTIMIZERS  # more_optimizers builds on this module
    return {**OPTIMIZERS, **MORE_OPTIMIZERS}


def get_optimizer(spec, lr: float | None = None) -> Optimizer:
    """An optimizer from an instance, or a name (``"gd"``, ``"momentum"``, ``"adagrad"``, ``"rmsprop"``, ``"adam"``,
    ``"adadelta"``, ``"ftrl"``, ``"proximal_gd"``, ``"proximal_adagrad"``, ``"pytorch_adam"``, ``"keras_adam"``,
    ``"adamw"``, ``"nadam"``) with its defaults, ``lr`` replacing the rate.  An instance keeps its own rate: ``lr``
    beside one is refused (it was ignored: probe36)."""
    if spec is None:
        spec = "gd"
    if isinstance(spec, Optimizer):
        if lr is not None:
            by_name = optimizer_table().get(spec.name) is type(spec)
            raise ConfigurationError(rate_beside_instance_message(spec, lr, by_name))
        return spec
    table = optimizer_table()
    if isinstance(spec, str) and spec.lower() in table:
        kwargs = dict(NAMED_DEFAULTS.get(spec.lower(), {}))
        if lr is not None:
            kwargs["lr"] = lr
        return table[spec.lower()](**kwargs)
    raise ConfigurationError(unknown_optimizer_message(spec, table))
