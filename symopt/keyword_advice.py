"""Keywords another library's user brings to :func:`~symopt.minimize.minimize` (SciPy's ``x0=``, ``jac=``,
``options={"maxiter": ...}``, ``constraints=``; Keras' and PyTorch's ``lr=``, ``learning_rate=``), refused with a
:class:`~symopt.errors.ConfigurationError` naming symopt's own spelling, instead of Python's bare ``TypeError``.

The advice is a table (:data:`ADVICE`); :func:`refusing_unknown_keywords` checks a call's keywords against the
decorated function's signature before it runs, so nothing has started when the error is raised.
"""

from __future__ import annotations

import difflib
import functools
import inspect
from collections.abc import Callable, Mapping

from .errors import ConfigurationError
from .method_names import FIRST_ORDER_SPELLINGS, SCIPY_ONLY_METHODS, SYMOPT_METHOD_SPELLINGS

__all__ = ["ADVICE", "OPTION_ADVICE", "DEVICE_ADVICE", "SYMBOLIC_ADVICE", "HESSIAN_ADVICE", "OPS_ADVICE",
           "SCHEDULE_ADVICE", "MISSING_ADVICE", "refusing_unknown_keywords", "unknown_keyword_error"]

_STEPS = "steps={value} (the number of iterations; epochs= with batch_size= for mini-batches)"
_TOL = "tol={value} (symopt's one tolerance: stop once every |gradient| <= tol)"
_RATE = "optimizer=symopt.GradientDescent({value}) (or symopt.Adam({value}), symopt.Momentum({value}, 0.9), ...)"
_EXACT = "drop it; symopt differentiates the cost itself, exactly (its gradient and Hessian are generated code)"
_PROGRESS = "progress=True (a progress bar), or callback=lambda step, cost, params: print(step, cost)"
_SCHEDULE = ("optimizer=symopt.Adam(symopt.ExponentialDecay(0.1, 1000, 0.96)) (a schedule is the optimizer's rate: "
             "symopt.ExponentialDecay, CosineDecay, PiecewiseConstant, PolynomialDecay, Warmup, ...)")
_CLIP_NORM = "clip_norm={value} (the gradients rescaled to a global norm of at most {value})"
_CLIP = ("clip_norm={value} (rescale to a global norm of at most {value}) or clip_value={value} (each entry clipped "
         "to [-{value}, {value}])")

_MAXIMIZE = ("symopt minimizes; to maximize U minimize its negation, symopt.minimize(-U, ...) (result.value is then "
             "-max U), as with scipy.optimize.minimize")

#: Another library's keyword -> symopt's spelling (``{value}`` is the value given, shown where it helps).
ADVICE = {
    "constraints": ("bounds={{w: (low, high)}} with method='lbfgs' (box bounds, the only constraints symopt "
                    "supports). For general constraints run scipy.optimize.minimize(fun, x0, jac=True, "
                    "constraints=..., args=(...)) where fun calls f = symopt.compile(cost, wrt, inputs=[...]), which "
                    "returns the cost and its gradient together and takes the data in the order inputs= gives"),
    "options": None,  # each entry advised by OPTION_ADVICE
    "x0": "wrt={{w: {value}}} (the starting values, one per parameter), or symopt.Variable('w', {value})",
    "initial": "wrt={{w: {value}}} (the starting values, one per parameter)",
    "init": "wrt={{w: {value}}} (the starting values, one per parameter)",
    "jac": _EXACT, "hess": _EXACT, "hessp": _EXACT, "grad": _EXACT,
    "args": "data={{X: features, y: targets}} (the other inputs of the cost, by symbol or name)",
    "feed_dict": "data={{X: features, y: targets}} (the other inputs of the cost, by symbol or name)",
    "maxiter": _STEPS, "max_iter": _STEPS, "n_iter": _STEPS, "num_steps": _STEPS, "max_steps": _STEPS,
    "iterations": _STEPS, "num_iterations": _STEPS, "maxfun": _STEPS, "maxfev": _STEPS,
    "gtol": _TOL, "ftol": _TOL, "xtol": _TOL, "atol": _TOL, "rtol": _TOL,
    "lr": _RATE, "learning_rate": _RATE, "alpha": _RATE, "step_size": _RATE, "eta": _RATE,
    "momentum": "optimizer=symopt.Momentum(0.01, {value}) (the learning rate, then the momentum)",
    "disp": _PROGRESS, "verbose": _PROGRESS,
    "batch": "batch_size={value}",
    "shuffle_seed": "seed={value}", "random_state": "seed={value}",
    "scheduler": _SCHEDULE, "lr_scheduler": _SCHEDULE, "lr_schedule": _SCHEDULE, "schedule": _SCHEDULE,
    "weight_decay": "optimizer=symopt.AdamW(0.001, weight_decay={value}) (decoupled decay), or a "
                    "{value} * symopt.ops.l2_penalty(W) term in the cost",
    "max_grad_norm": _CLIP_NORM, "grad_clip": _CLIP, "gradient_clip_val": _CLIP, "clip_grad_norm": _CLIP_NORM,
    "global_clipnorm": _CLIP_NORM, "clip_grad_value": "clip_value={value} (each gradient entry clipped to "
                                                      "[-{value}, {value}])",
    "maximize": _MAXIMIZE, "maximise": _MAXIMIZE, "sense": _MAXIMIZE, "direction": _MAXIMIZE, "goal": _MAXIMIZE,
    "drop_last": "drop it; every epoch runs ceil(m / batch_size) steps, the last batch holding the examples left "
                 "over (every example is used once per epoch); choose a batch_size that divides m for equal batches",
}

_ON_JAX = ("symopt.compile(cost, wrt, backend='jax') for values and gradients computed by JAX (on its default "
           "device); minimize(..., backend='jax', devices=N) trains data-parallel")
#: Keywords of :func:`~symopt.minimize.minimize` (and JAX's) brought to the functions that compute values:
#: ``compile``, ``evaluate``, ``evaluate_in_batches``, ``hvp``, ``evaluate_hessian`` (probe21 P21-16).
DEVICE_ADVICE = {
    "devices": "devices= is minimize's (data-parallel training over a mesh); use " + _ON_JAX,
    "device": "devices= is minimize's (data-parallel training over a mesh); use " + _ON_JAX,
    "backend": "it runs on NumPy; use " + _ON_JAX,
}
_SYMBOLIC = "it returns SymPy expressions, which no backend runs; use " + _ON_JAX
#: The same keywords brought to the functions that return expressions: ``grad``, ``hessian``, ``jacobian``.
SYMBOLIC_ADVICE = {"devices": _SYMBOLIC, "device": _SYMBOLIC, "backend": _SYMBOLIC,
                   "dtype": "it returns SymPy expressions, exact; for numbers in a dtype use "
                            "symopt.compile(cost, wrt, dtype='float32')"}
#: ``hessian``: a SymPy matrix where one exists, else a compiled HessianVectorProduct (NumPy, float64 or the data's).
_HESSIAN = "it returns a SymPy matrix, or a HessianVectorProduct that runs on NumPy; use " + _ON_JAX
HESSIAN_ADVICE = {"devices": _HESSIAN, "device": _HESSIAN, "backend": _HESSIAN,
                  "dtype": "it returns a SymPy matrix (exact) or a HessianVectorProduct; for products in a dtype use "
                           "symopt.hvp(cost, wrt, dtype='float32')"}

_SCORES = ("drop it; symopt's losses take logits, the raw scores z (for probabilities p = sigmoid(z) or softmax(z) "
           "pass z)")
_WEIGHTS = ("not offered: write the weighted loss from its terms, e.g. symopt.ops.mean(symopt.ops.hadamard(weights, "
            "symopt.ops.softplus(z) - symopt.ops.hadamard(y, z))) with a Placeholder weights of z's shape")
#: PyTorch's, NumPy's, Keras' and optax's keywords brought to :mod:`symopt.ops` (probe30 P30-3).
OPS_ADVICE = {
    "dim": "axis= (0 runs down the rows, 1 along each row; PyTorch's dim=)",
    "keepdim": "drop it; symopt.ops reductions keep both dimensions already (sum(z, axis=1) has shape (m, 1))",
    "keepdims": "drop it; symopt.ops reductions keep both dimensions already (sum(z, axis=1) has shape (m, 1))",
    "input": "the operands positionally (a loss takes (logits, labels): symopt.ops.softmax_cross_entropy(z, y))",
    "target": "the operands positionally (a loss takes (logits, labels): symopt.ops.softmax_cross_entropy(z, y))",
    "reduction": "a loss is the mean over the examples; for the sum multiply it by symopt.BATCH (the batch size m)",
    "label_smoothing": "not offered: smooth the labels you feed, y * (1 - eps) + eps / k for k classes",
    "pos_weight": _WEIGHTS, "weight": _WEIGHTS, "weights": _WEIGHTS, "sample_weight": _WEIGHTS,
    "from_logits": _SCORES,
    "negative_slope": "the slope as the second argument, symopt.ops.leaky_relu(z, 0.01)",
    "alpha": "the slope as the second argument, symopt.ops.leaky_relu(z, 0.01)",
}
_TOTAL = "decay_steps= (the steps over which the rate decays)"
#: optax's and PyTorch's schedule keywords brought to symopt's schedule constructors (probe30 P30-3).
SCHEDULE_ADVICE = {
    "init_value": "learning_rate= (the first argument)", "initial_learning_rate": "learning_rate= (the first argument)",
    "lr": "learning_rate= (the first argument)",
    "transition_steps": _TOTAL, "T_max": _TOTAL, "total_steps": _TOTAL,
    "step_size": "decay_steps=..., staircase=True (PyTorch's StepLR: the rate times decay_rate every decay_steps)",
    "gamma": "decay_rate= (the factor per decay_steps)",
    "eta_min": "alpha= (the final rate as a fraction of learning_rate)",
    "end_value": "end_learning_rate= (PolynomialDecay)", "boundaries_and_scales": "boundaries=, values= (the rates "
                                                                                   "themselves, one more than boundaries)",
    "milestones": "boundaries=, values= (symopt.PiecewiseConstant: the rates themselves)",
    "transition_begin": "symopt.Warmup(schedule, warmup_steps) for a phase before the decay",
    "warmup_steps": "symopt.Warmup(schedule, warmup_steps) around this schedule",
}

#: A required argument left out, by name: what it is in symopt (probe30 P30-6: PyTorch and Keras collect the
#: parameters, symopt names them).
MISSING_ADVICE = {
    "wrt": "wrt, the parameters to train, e.g. symopt.minimize(cost, [W, b]) (or {W: initial value}): PyTorch's "
           "optimizer(model.parameters()) and Keras collect them, symopt takes them by name",
}

#: SciPy's ``options=`` entries -> symopt's keyword.
OPTION_ADVICE = {"maxiter": "steps", "maxfun": "steps", "maxfev": "steps", "gtol": "tol", "ftol": "tol",
                 "xtol": "tol", "disp": "progress"}


def unknown_keyword_error(function: str, name: str, value, accepted: list[str],
                          advice: Mapping = ADVICE) -> ConfigurationError:
    """The error for keyword ``name=value`` that ``function`` does not take: symopt's spelling from ``advice``
    (:data:`ADVICE` for minimize), else the closest accepted names."""
    if name == "options" and isinstance(value, Mapping):
        known = [f"{OPTION_ADVICE[k]}={v!r}" for k, v in value.items() if k in OPTION_ADVICE]
        other = [str(k) for k in value if k not in OPTION_ADVICE]
        instead = ", ".join(known) or "its own keywords"
        return ConfigurationError(
            f"{function}() takes no options= dict (SciPy's); symopt's settings are keywords: write {instead}"
            + (f" ({', '.join(other)}: no symopt equivalent, drop them)" if other else ""))
    if name in advice and advice is not ADVICE:  # symopt's own keywords, of another function
        return ConfigurationError(f"{function}() takes no {name}=: {advice[name]}")
    said = advice.get(name)
    if said is not None:
        shown = value if isinstance(value, (int, float)) and not isinstance(value, bool) else "..."
        return ConfigurationError(f"{function}() takes no {name}= (another library's keyword). In symopt: "
                                  f"{said.format(value=shown)}")
    close = difflib.get_close_matches(name, accepted, n=3)
    return ConfigurationError(f"{function}() got an unexpected keyword {name}="
                              + (f"; did you mean {' or '.join(c + '=' for c in close)}?" if close else ".")
                              + f" It takes {', '.join(accepted)}")


def refusing_unknown_keywords(function: Callable | None = None, *, advice: Mapping = ADVICE,
                              name: str | None = None) -> Callable:
    """Decorate ``function`` (keyword-only options, no ``**kwargs``) so that a keyword it does not take is a
    :func:`unknown_keyword_error` (with ``advice``) raised before it runs; its signature is kept
    (``functools.wraps``).  ``@refusing_unknown_keywords(advice=DEVICE_ADVICE)`` gives another table; ``name`` is
    how the messages call it (default its ``__name__``; ``symopt.ExponentialDecay`` for a constructor)."""
    if function is None:
        return functools.partial(refusing_unknown_keywords, advice=advice, name=name)
    shown = name or function.__name__
    parameters = inspect.signature(function).parameters.values()
    accepted = [p.name for p in parameters if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)
                and p.name != "self"]
    known = frozenset(accepted)
    positional = [p.name for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
                  and p.name != "self"]
    bound = len(positional) < len([p for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)])
    variadic = any(p.kind is p.VAR_POSITIONAL for p in parameters)
    required = [p.name for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
                and p.default is p.empty and p.name != "self"]

    @functools.wraps(function)
    def checked(*args, **kwargs):
        given = len(args) - bound  # a method's self is no argument of the user's
        if given > len(positional) and not variadic:  # SciPy's args, Keras' fit(x, y): probe26 P26-D
            options = [key for key in accepted if key not in positional]
            data = " (data by keyword: data={X: ..., y: ...})" if "data" in options and \
                any(isinstance(a, Mapping) for a in args[bound + len(positional):]) else ""
            keywords = f" Its options are keywords{data}: {', '.join(options)}" if options else ""
            raise ConfigurationError(f"{shown}: expected at most {len(positional)} positional arguments "
                                     f"({', '.join(positional)}); given {given}.{keywords}")
        if not known.issuperset(kwargs):
            key = next(k for k in kwargs if k not in known)
            raise unknown_keyword_error(shown, key, kwargs[key], accepted, advice)
        repeated = [key for key in positional[:given] if key in kwargs]
        if repeated:  # minimize(cost, w, wrt=w): Python's bare "got multiple values" before (final37b F37b-4)
            raise ConfigurationError(f"{shown}({', '.join(positional)}): {repeated[0]} given twice, as positional "
                                     f"argument {positional.index(repeated[0]) + 1} and as {repeated[0]}=; give it "
                                     "once")
        missing = [key for key in required[given:] if key not in kwargs]
        if missing:  # minimize(cost) without wrt: PyTorch's and Keras' habit, Python's TypeError before
            said = MISSING_ADVICE.get(missing[0], missing[0])
            raise ConfigurationError(f"{shown}({', '.join(positional)}): expected {said}; it was left out.")
        return function(*args, **kwargs)
    return checked


_SPELLING = "write method={name!r} (SciPy's {given}{why})"
_TAKES_BOUNDS = {"lbfgs": ", the method that takes bounds="}
#: symopt's own method names that SciPy spells otherwise ('L-BFGS-B') or lacks: given in another case.
_SYMOPTS_OWN = {"lbfgs", "newton"}


def _spelling_advice(spelling: str, method: str) -> str:
    """What to write for ``method=`` in ``spelling``, a spelling of symopt's ``method``."""
    if spelling in _SYMOPTS_OWN:
        return f"write method={method!r} (lower case)"
    return _SPELLING.format(name=method, given="{given}", why=_TAKES_BOUNDS.get(method, ""))


#: A method's name in another spelling (SciPy's, any case), a SciPy method symopt does not run, or another library's
#: first-order optimizer -> what to write; ``{given}`` is the name given.  The names are symopt.method_names'.
METHOD_ADVICE = {
    **{spelling: _spelling_advice(spelling, method) for spelling, method in SYMOPT_METHOD_SPELLINGS.items()},
    **SCIPY_ONLY_METHODS,
    **{name: ("give it as optimizer= (method= names the second-order and quasi-Newton methods): "
              + sentence.replace("{", "{{").replace("}", "}}")) for name, sentence in FIRST_ORDER_SPELLINGS.items()},
}


def method_advice(given: str, optimizer_names: Mapping[str, type]) -> str:
    """What to write for ``method=given``, a name symopt's methods do not have: symopt's spelling of a SciPy method
    (``'L-BFGS-B'`` → ``'lbfgs'``), the route for SciPy's constrained methods, ``optimizer=`` for a first-order
    optimizer's name (``'adam'``); else ''."""
    name = str(given).lower()
    if name in METHOD_ADVICE:
        return METHOD_ADVICE[name].format(given=given)
    if name in optimizer_names:
        return (f"write optimizer={name!r} (method= names the second-order and quasi-Newton methods; a first-order "
                f"optimizer is optimizer=, by name or as symopt.{optimizer_names[name].__name__}(lr))")
    return ""
