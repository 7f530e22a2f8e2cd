r"""More optimizers: TF1's Adadelta, Ftrl, ProximalGradientDescent, ProximalAdagrad kernels, and the Adam
variants users compare against (PyTorch's epsilon placement, Keras's default, AdamW, Nadam).

TF1's kernels (``training_ops.cc``) are followed operation by operation, as in :mod:`symopt.optimizers`:

* Adadelta: :math:`a \leftarrow a\rho + g^2(1-\rho)`; :math:`d = \sqrt{u+\epsilon}\,\mathrm{rsqrt}(a+\epsilon)\,g`;
  :math:`\theta \leftarrow \theta - d\eta`; :math:`u \leftarrow u\rho + d^2(1-\rho)`.
* ProximalGradientDescent (FOBOS): :math:`v = \theta - g\eta`; :math:`\theta \leftarrow
  \mathrm{sign}(v)\max(|v| - \eta\lambda_1, 0)/(1 + \lambda_2\eta)` (without :math:`\lambda_1`: :math:`v/(1+\lambda_2\eta)`).
* ProximalAdagrad: the same with :math:`\eta_a = \eta\,\mathrm{rsqrt}(a)` after :math:`a \leftarrow a + g^2`.
* Ftrl (:math:`p` = ``learning_rate_power``): :math:`a' = a + g^2`;
  :math:`\ell \leftarrow \ell + (g - (a'^{-p} - a^{-p})/\eta\,\theta)`;
  :math:`\theta \leftarrow (\lambda_1\mathrm{sign}(\ell) - \ell)/(a'^{-p}/\eta + 2\lambda_2)` if :math:`|\ell| > \lambda_1`
  else 0; :math:`a \leftarrow a'`.
"""

from __future__ import annotations

import numpy as np
import sympy
from sympy import Abs, Add, Pow
from sympy.printing.precedence import PRECEDENCE

from .errors import ConfigurationError
from .functions import relu
from .hyperparameters import check_kind, check_learning_rate, check_non_negative, check_positive, to_dtype
from .optimizers import Adam, Optimizer, Slot
from .schedule_base import Schedule
from .unevaluated import minus, over, rsqrt, sqrt_of, times

__all__ = ["Adadelta", "Ftrl", "ProximalGradientDescent", "ProximalAdagrad", "PyTorchAdam", "KerasAdam", "AdamW",
           "Nadam", "MORE_OPTIMIZERS"]


def _positive_rate(lr):
    """A learning rate (number or schedule) above 0 at every step, for an optimizer that divides by it."""
    rate = check_learning_rate(lr)
    reason = rate.why_zero() if isinstance(rate, Schedule) else None
    if reason is None and isinstance(rate, Schedule) and rate(1) == 0:  # a run of one step evaluates steps 0 and 1
        reason = (f"its float32 rate is already 0 at step {0 if rate(0) == 0 else 1}, so no run can use it; give a "
                  "larger learning_rate or decay more slowly (a larger decay_steps or decay_rate)")
    if reason is not None:
        raise ConfigurationError(
            f"Ftrl({rate!r}): Ftrl divides by the learning rate ((√(a+g²) − √a)/η and √(a+g²)/η), so the rate must "
            f"be above 0 at every step, as TF1's ApplyFtrl kernel requires ('lr is not a positive scalar'); {reason}")
    return rate


def _shrink(v, threshold, denominator):
    r""":math:`\mathrm{sign}(v)\max(|v| - t, 0)/d` (soft thresholding, then the :math:`\lambda_2` scaling)."""
    return over(times(sympy.sign(v), relu(minus(Abs(v), threshold))), denominator)


class Adadelta(Optimizer):
    r"""Adadelta (TF1): :math:`a \leftarrow a\rho + g^2(1-\rho)`;
    :math:`d = \sqrt{u+\epsilon}\,\frac{1}{\sqrt{a+\epsilon}}\,g`; :math:`\theta \leftarrow \theta - d\eta`;
    :math:`u \leftarrow u\rho + d^2(1-\rho)`."""

    name = "adadelta"

    def __init__(self, lr=0.001, rho: float = 0.95, epsilon: float = 1e-8):
        super().__init__(lr=check_learning_rate(lr), rho=check_kind("rho", rho, "closed fraction"),
                         epsilon=check_positive("epsilon", epsilon))
        self.state = (Slot("accum", 0.0), Slot("accum_update", 0.0))

    def update(self, theta, g, slots, h):
        a, u, rho, epsilon = slots["accum"], slots["accum_update"], h["rho"], h["epsilon"]
        one_minus_rho = minus(1, rho)
        delta = times(times(sqrt_of(Add(u, epsilon, evaluate=False)), rsqrt(Add(a, epsilon, evaluate=False))), g)
        return [(a, Add(times(a, rho), times(times(g, g), one_minus_rho), evaluate=False)),
                (theta, minus(theta, times(delta, h["lr"]))),
                (u, Add(times(u, rho), times(times(delta, delta), one_minus_rho), evaluate=False))]


class ProximalGradientDescent(Optimizer):
    r"""FOBOS (TF1): :math:`\theta \leftarrow \theta - g\eta`, then
    :math:`\theta \leftarrow \mathrm{sign}(\theta)\max(|\theta| - \eta\lambda_1, 0)/(1 + \lambda_2\eta)`."""

    name = "proximal_gd"
    outside_cost = ("l1", "l2")

    def __init__(self, lr, l1: float = 0.0, l2: float = 0.0):
        super().__init__(lr=check_learning_rate(lr), l1=check_non_negative("l1", l1),
                         l2=check_non_negative("l2", l2))

    def update(self, theta, g, slots, h):
        lr, l1, l2 = h["lr"], h["l1"], h["l2"]
        denominator = Add(1, times(l2, lr), evaluate=False)
        shrunk = _shrink(theta, times(lr, l1), denominator) if self.hyperparameters["l1"] > 0 else \
            over(theta, denominator)
        return [(theta, minus(theta, times(g, lr))), (theta, shrunk)]


class ProximalAdagrad(Optimizer):
    r"""Proximal Adagrad (TF1): :math:`a \leftarrow a + g^2`, :math:`\eta_a = \eta\frac{1}{\sqrt a}`,
    :math:`\theta \leftarrow \theta - g\eta_a`, then the shrinkage of :class:`ProximalGradientDescent` with
    :math:`\eta_a`."""

    name = "proximal_adagrad"
    outside_cost = ("l1", "l2")
    slot_arguments = {"accumulator": "initial_accumulator_value"}

    def __init__(self, lr, initial_accumulator_value: float = 0.1, l1: float = 0.0, l2: float = 0.0):
        super().__init__(lr=check_learning_rate(lr), l1=check_non_negative("l1", l1),
                         l2=check_non_negative("l2", l2))
        self.state = (Slot("accumulator", check_positive("initial_accumulator_value", initial_accumulator_value)),)

    def options(self) -> dict:
        return {"initial_accumulator_value": self.state[0].initial}

    def update(self, theta, g, slots, h):
        a, lr, l1, l2 = slots["accumulator"], h["lr"], h["l1"], h["l2"]
        rate = times(lr, rsqrt(a))
        denominator = Add(1, times(l2, rate), evaluate=False)
        shrunk = _shrink(theta, times(rate, l1), denominator) if self.hyperparameters["l1"] > 0 else \
            over(theta, denominator)
        return [(a, Add(a, times(g, g), evaluate=False)), (theta, minus(theta, times(g, rate))), (theta, shrunk)]


class rounded_power(sympy.Function):
    r""":math:`x^p` as TF1's FTRL kernel computes it for :math:`p \ne 1/2`: in a float32 program, the C library's
    ``powf`` of each entry (:func:`~symopt.runtime.float32_power`), as TF1's CPU kernel (NumPy's vectorized float32
    ``power`` is an ulp off at some points, and FTRL's accumulated power carried that to 12 ulps of TF1's after 20
    steps: probe64 P64-5; the float64 power rounded once left TF1's bits at step 1108: review final45b 45b-7).
    Elsewhere (float64, JAX, the ``math`` backend) the backend's own power; shown as :math:`x^p`."""

    nargs = 2

    def _power(self):
        return Pow(*self.args, evaluate=False)

    def _symopt_code(self, printer) -> str:
        if getattr(printer, "module", None) == "numpy" and getattr(printer, "dtype", None) == "float32":
            base, exponent = (printer._print(argument) for argument in self.args)
            return f"float32_power({base}, {exponent})"
        return printer.parenthesize(self._power(), PRECEDENCE["Atom"], strict=True)

    def _sympystr(self, printer) -> str:
        return printer._print(self._power())

    def _latex(self, printer, exp=None):
        text = printer._print(self._power())
        return text if exp is None else r"\left(%s\right)^{%s}" % (text, exp)

    def _eval_evalf(self, prec):
        return self._power()._eval_evalf(prec)



class Ftrl(Optimizer):
    r"""FTRL-Proximal (TF1's ``FtrlOptimizer``, ``l2_shrinkage=0``, ``beta=0``): slots :math:`a` (accumulator) and
    :math:`\ell` (linear); :math:`\ell \leftarrow \ell + (g - (a'^{-p} - a^{-p})/\eta\,\theta)` with
    :math:`a' = a + g^2`; :math:`\theta \leftarrow (\lambda_1 \mathrm{sign}(\ell) - \ell)/(a'^{-p}/\eta + 2\lambda_2)`
    where :math:`|\ell| > \lambda_1`, else 0; :math:`a \leftarrow a'`.  The rate :math:`\eta` must be above 0 at
    every step (TF1's kernel refuses it otherwise): a schedule that reaches 0 is refused."""

    name = "ftrl"
    outside_cost = ("l1", "l2")
    divides_by_rate = True
    slot_arguments = {"accumulator": "initial_accumulator_value"}
    argument_names = {"lr_power": "learning_rate_power"}

    def __init__(self, lr, learning_rate_power: float = -0.5, initial_accumulator_value: float = 0.1,
                 l1: float = 0.0, l2: float = 0.0):
        rate, l2 = _positive_rate(lr), check_non_negative("l2", l2)
        if isinstance(rate, np.float64) and type(l2) is float:  # TF1 adds l2 to a tensor of the rate's dtype
            l2 = np.float64(l2)  # (adjusted_l2 = l2 + beta/(2·max(lr, 1e-36))): exact beside a float64 rate
        super().__init__(lr=rate, lr_power=check_kind("learning_rate_power", learning_rate_power, "non-positive"),
                         l1=check_non_negative("l1", l1), l2=l2)
        self.state = (Slot("accumulator", check_non_negative("initial_accumulator_value", initial_accumulator_value)),
                      Slot("linear", 0.0))

    def options(self) -> dict:
        return {"initial_accumulator_value": self.state[0].initial}

    def _root(self, x, h):
        return sqrt_of(x) if self.hyperparameters["lr_power"] == -0.5 else rounded_power(x, times(-1, h["lr_power"]))

    def update(self, theta, g, slots, h):
        a, linear, lr, l1, l2 = slots["accumulator"], slots["linear"], h["lr"], h["l1"], h["l2"]
        new_a = Add(a, times(g, g), evaluate=False)
        sigma = over(minus(self._root(new_a, h), self._root(a, h)), lr)
        y = Add(over(self._root(new_a, h), lr), times(2, l2), evaluate=False)
        # TF1's select: (λ₁sign(ℓ) - ℓ)/y where |ℓ| > λ₁, else 0 without dividing (y is 0 where a + g² is, with
        # initial_accumulator_value=0 and a zero gradient: 0/0 there would be NaN, TF1's variable is 0)
        x = minus(times(l1, sympy.sign(linear)), linear)
        shrunk = sympy.Piecewise((over(x, y), sympy.StrictGreaterThan(Abs(linear), l1, evaluate=False)),
                                 (sympy.Float(0.0), True), evaluate=False)  # a NaN ℓ gives 0, as TF1's select
        return [(linear, Add(linear, minus(g, times(sigma, theta)), evaluate=False)),
                (theta, shrunk),
                (a, new_a)]


class PyTorchAdam(Adam):
    r"""Adam as PyTorch writes it: :math:`m \leftarrow m + (g - m)(1-\beta_1)`;
    :math:`v \leftarrow v\beta_2 + (1-\beta_2)g\,g`;
    :math:`\theta \leftarrow \theta - \frac{\eta}{1-\beta_1^t}\,m/(\sqrt v/\sqrt{1-\beta_2^t} + \epsilon)`:
    :math:`\epsilon` is added after the bias correction of :math:`\sqrt v` (TF1 adds
    :math:`\hat\epsilon` to :math:`\sqrt v` itself).  Hyperparameters and the powers :math:`\beta^t` are kept in
    the variables' dtype, as PyTorch keeps them (no float32 rounding: ``1 - float32(0.999)`` is 1.3e-5 off)."""

    name = "pytorch_adam"
    tf1_precision = False

    def update(self, theta, g, slots, h):
        m, v = slots["m"], slots["v"]
        b1, b2 = to_dtype(slots["beta1_power"]), to_dtype(slots["beta2_power"])
        step_size = over(h["lr"], minus(1, b1))
        denominator = Add(over(sqrt_of(v), sqrt_of(minus(1, b2))), h["epsilon"], evaluate=False)
        return [(m, Add(m, times(minus(g, m), minus(1, h["beta1"])), evaluate=False)),
                (v, Add(times(v, h["beta2"]), times(times(minus(1, h["beta2"]), g), g), evaluate=False)),
                (theta, minus(theta, times(step_size, over(m, denominator))))]


class KerasAdam(Adam):
    r"""TF1's Adam (:math:`\hat\epsilon` form, :math:`\beta^t` as float32 running products) with Keras's default
    :math:`\epsilon = 10^{-7}`.  Not bit for bit TF 2's original ``tf.keras`` Adam, which runs TF1's kernel with
    :math:`\beta^t` = ``pow(β, t)`` and :math:`\epsilon` in the variable's dtype (float32 from step 3: 0.29978663
    there, 0.2997856 here; float64 in the last digits from step 1, by 3.4e-6 from step 2), nor Keras 3's, which
    computes :math:`1-\beta_1` from the double and :math:`\beta_1^t` by a power each step (0.09999931 after one step
    of the lecture, here 0.09999997)."""

    name = "keras_adam"

    def __init__(self, lr=0.001, beta1: float = 0.9, beta2: float = 0.999, epsilon: float = 1e-7):
        super().__init__(lr, beta1, beta2, epsilon)


class AdamW(PyTorchAdam):
    r"""AdamW (decoupled weight decay, PyTorch): :math:`\theta \leftarrow \theta(1 - \eta\lambda)`, then
    :class:`PyTorchAdam`'s step; default :math:`\lambda = 0.01`."""

    name = "adamw"
    outside_cost = ("weight_decay",)

    def __init__(self, lr=0.001, beta1: float = 0.9, beta2: float = 0.999, epsilon: float = 1e-8,
                 weight_decay: float = 0.01):
        super().__init__(lr, beta1, beta2, epsilon)
        self.hyperparameters["weight_decay"] = check_non_negative("weight_decay", weight_decay)

    def update(self, theta, g, slots, h):
        decayed = times(theta, minus(1, times(h["lr"], h["weight_decay"])))
        return [(theta, decayed)] + super().update(theta, g, slots, h)


class Nadam(Adam):
    r"""Nadam (Dozat; optax's ``nadam``): Adam's moments, then the Nesterov look-ahead
    :math:`\hat m = \beta_1 m/(1-\beta_1^{t+1}) + (1-\beta_1)g/(1-\beta_1^t)`, :math:`\hat v = v/(1-\beta_2^t)`,
    :math:`\theta \leftarrow \theta - \eta\,\hat m/(\sqrt{\hat v} + \epsilon)`."""

    name = "nadam"
    tf1_precision = False  # optax's: hyperparameters and beta powers in the run's dtype, not TF1's float32
    #: No step-size column (a trace asks for :meth:`traced_values` only with names): Adam's
    #: :math:`\eta\sqrt{1-\beta_2^t}/(1-\beta_1^t)` is not a factor of this rule, whose look-ahead weighs :math:`m` and
    #: :math:`g` by two corrections (probe94 P94-5: the trace showed 0.0316 for a step of 0.147).
    traced_names = ()

    def update(self, theta, g, slots, h):
        m, v = slots["m"], slots["v"]
        b1, b2 = to_dtype(slots["beta1_power"]), to_dtype(slots["beta2_power"])
        beta1, beta2 = h["beta1"], h["beta2"]
        look_ahead = Add(over(times(beta1, m), minus(1, times(b1, beta1))),
                         over(times(minus(1, beta1), g), minus(1, b1)), evaluate=False)
        v_hat = over(v, minus(1, b2))
        return [(m, Add(m, times(minus(g, m), minus(1, beta1)), evaluate=False)),
                (v, Add(v, times(minus(times(g, g), v), minus(1, beta2)), evaluate=False)),
                (theta, minus(theta, over(times(h["lr"], look_ahead), Add(sqrt_of(v_hat), h["epsilon"],
                                                                           evaluate=False))))]



#: The optimizers of this module by name, for :func:`symopt.optimizers.get_optimizer`.
MORE_OPTIMIZERS = {cls.name: cls for cls in (Adadelta, Ftrl, ProximalGradientDescent, ProximalAdagrad, PyTorchAdam,
                                             KerasAdam, AdamW, Nadam)}
