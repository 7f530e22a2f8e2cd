"""The outcome of :func:`symopt.minimize`: :class:`Result` (parameters, value, history, steps, message)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from .growth_check import diverging, grew_on_same_rows
from .binding import names_of, same_name_hint
from .display.result import result_html
from .domain import describe_value
from .errors import ConfigurationError
from .parameter_labels import parameter_labels
from .trace import Trace

__all__ = ["Result", "ResultAttributeError", "ResultUsageError", "met_its_test", "run_verdict", "unmet_tolerance",
           "counted", "tested_on_a_batch"]


def counted(number: int, noun: str) -> str:
    """``1 step``, ``2 steps``: a count in a run's message."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def tested_on_a_batch(tol, steps: int, epoch: int, batch: int) -> str:
    """The message of a mini-batch run that ``tol`` stopped: the test held for one mini-batch's gradient (counted
    from 0: ``epoch``, ``batch``), an estimate of the whole data's, which the message does not claim."""
    return (f"converged on mini-batch {batch + 1} of epoch {epoch + 1}: every |gradient| of that batch <= {tol} "
            f"after {counted(steps, 'step')} (a mini-batch's gradient estimates the whole data's; for the full-data "
            "test train full batch, or evaluate symopt.compile(cost, wrt) on all the data)")


class ResultAttributeError(ConfigurationError, AttributeError):
    """``result.w`` or another name a :class:`Result` has no attribute for: a symopt error naming ``result[w]``,
    ``result.params`` and ``result.value``, and an AttributeError still (``hasattr``, ``getattr(r, n, default)``)."""


class ResultUsageError(ConfigurationError, TypeError):
    """``float(result)``: a :class:`Result` is no number; a TypeError still, as Python's own refusal was.  (It has
    no ``__call__``: ``callable(result)`` stays False, so a Result given as a callback, an initializer or a data
    source is refused as no function where those are checked: final37b F37b-2.)"""


#: What ``result.value`` is, for either kind of run: a mini-batch run computes no cost at its final parameters
#: (probe97 P97-3: "the final cost is result.value" read as the whole data's).
_VALUE = ("result.value (at the final parameters; for a mini-batch run, the last mini-batch's cost, before its "
          "update: the whole data's cost at the final parameters is symopt.evaluate_in_batches(cost, "
          "{**data, **result.params}, batch_size=...))")
#: Where a run's numbers are, for the messages of a Result used as something else (probe40 P40-5).
_WHERE = (f"the final parameters are result[w] (or result['w']; all of them: result.params, a dict), the cost is "
          f"{_VALUE}")


def _not_a_number(use: str) -> ResultUsageError:
    """The refusal of ``use`` (``"float(result)"``), which needs a number: where the run's numbers are."""
    return ResultUsageError(f"{use}: a Result is not a number: {_WHERE}")


@dataclass(eq=False)
class Result:
    """Outcome of :func:`minimize`: ``params`` ({symbol: value}), ``value``, ``history``, ``steps``, ``message``,
    ``success`` (:func:`met_its_test`).
    Two results are equal only when they are the same object (their arrays have no single truth value); compare
    ``result.params`` entries with ``numpy.array_equal``."""

    params: dict
    value: float
    history: np.ndarray
    steps: int
    message: str
    success: bool = True
    optimizer_state: dict = field(default_factory=dict, repr=False)
    trace: Trace | None = field(default=None, repr=False)
    backend: str = "numpy"
    devices: tuple = ("cpu",)
    #: The cost minimized, which labels same-name parameters as derive does (``W``, ``W′``); None where unknown.
    cost_expression: object = field(default=None, repr=False)
    #: Whether the run trained on mini-batches (``batch_size=`` or a stream): ``value`` is then the last batch's cost,
    #: before its update (the notebook display says so: probe97 P97-3).
    batched: bool = field(default=False, repr=False)

    def __post_init__(self):
        """A run that used up its steps with its ``tol`` unmet (``success`` False, the message only "stopped after
        N steps") says so in its message: it read exactly as a run without ``tol`` (probe47 P47-7)."""
        self.message = unmet_tolerance(self.message, self.success)

    def __getitem__(self, symbol):
        """The final value of a parameter, by symbol, by name or by the label the repr shows (``result[W]``,
        ``result["W"]``; ``result["W′"]`` for a second ``W``, whose first then answers to ``"W"``)."""
        if symbol in self.params:
            return self.params[symbol]
        named = [p for p in self.params if str(getattr(p, "name", p)) == symbol] if isinstance(symbol, str) else []
        if len(named) == 1:
            return self.params[named[0]]
        labels = parameter_labels(self)
        labelled = [p for p, label in labels.items() if label == symbol]
        if len(labelled) == 1:  # W′ for the second W, W for the first: labels are unique (named_params' keys)
            return self.params[labelled[0]]
        shared = f"; {len(named)} parameters share the name {symbol!r}: index by symbol, or by the label the repr " \
            f"shows ({', '.join(repr(labels[p]) for p in named if labels[p] != symbol)})" if named else ""
        hint = same_name_hint(symbol, names_of(list(self.params)))
        raise ConfigurationError(f"result[{symbol!r}]: expected a parameter of the run (a symbol, its name or its "
                                 f"label), one of {', '.join(labels.values())}{shared}{'; ' + hint if hint else ''}")

    def __contains__(self, symbol) -> bool:
        """Whether ``symbol`` (or a name) is a parameter of the run: ``W in result``."""
        return symbol in self.params or (isinstance(symbol, str) and (any(str(p) == symbol for p in self.params) or
                                                                       symbol in parameter_labels(self).values()))

    def __iter__(self):
        """The parameters, as a dict's keys (``for p in result``): Python would otherwise iterate ``result[0]``,
        ``result[1]``, ... (probe26 P26-A)."""
        return iter(self.params)

    def __len__(self) -> int:
        return len(self.params)

    def keys(self):
        """The parameters, so that ``dict(result)`` is ``result.params``, as a mapping converts."""
        return self.params.keys()

    @property
    def named_params(self) -> dict:
        """``{label: value}``: the parameters keyed by the names the repr shows (``W``, and ``W′`` for a second
        ``W``), in run order.  String keys sort, so this dict is a JAX pytree (``jax.device_put``,
        ``jax.tree_util.tree_map``, an optax warm start) where ``params``, keyed by SymPy symbols, is not: JAX
        sorts a dict's keys, and ``w < v`` of two symbols has no truth value (probe74 P74-4)."""
        labels = parameter_labels(self)
        named = {labels[symbol]: value for symbol, value in self.params.items()}
        if len(named) != len(self.params):  # labels are distinct (display.primed_names); never drop a parameter
            raise ResultUsageError(f"result.named_params: two parameters share a label among "
                                   f"{', '.join(labels.values())}; use result.params")
        return named

    #: SciPy's ``OptimizeResult`` names and symopt's (probe26 P26-A).
    SCIPY_NAMES = {"x": "result.params (a dict {symbol: value}; result[W] or result['W'] for one)",
                   "fun": _VALUE, "nit": "result.steps", "jac": "symopt.grad or symopt.compile(cost, wrt)",
                   "status": "result.success and result.message"}

    def __getattr__(self, name: str):
        """A name it has no attribute for: SciPy's names and a parameter's name (``result.w``) told where the number
        is; Python's protocols (``__deepcopy__``, ``_repr_png_``) get the plain AttributeError they probe for."""
        if name in Result.SCIPY_NAMES:
            raise ResultAttributeError(f"'Result' object has no attribute {name!r} (SciPy's OptimizeResult name): "
                                       f"use {Result.SCIPY_NAMES[name]}")
        if name.startswith("_"):
            raise AttributeError(f"'Result' object has no attribute {name!r}")
        params = self.__dict__.get("params") or {}  # unset while unpickling: no lookup through __getattr__ again
        if any(str(getattr(p, "name", p)) == name for p in params):
            raise ResultAttributeError(f"result.{name}: expected result[{name}] or result[{name!r}] (a parameter's "
                                       f"final value is read by index, not as an attribute); all of them: "
                                       f"result.params; the cost: {_VALUE}")
        raise ResultAttributeError(f"'Result' object has no attribute {name!r}; its fields are params, value, "
                                   f"history, steps, message, success, trace: {_WHERE}")

    def __float__(self):
        """A Result is no number: the error names ``result.value`` (the cost); so do ``int``, ``complex``,
        ``round`` and its use as an index (final37b F37b-3)."""
        raise _not_a_number("float(result)")

    def __int__(self):
        raise _not_a_number("int(result)")

    def __index__(self):
        raise _not_a_number("a Result used as an index or a count")

    def __complex__(self):
        raise _not_a_number("complex(result)")

    def __round__(self, ndigits=None):
        raise _not_a_number("round(result)")

    def __format__(self, spec: str) -> str:
        """``f"{result}"`` is its repr, ``f"{result:>100}"`` the repr aligned; a number format (``f"{result:.3f}"``)
        is refused naming ``result.value`` (final37b F37b-3: Python's own refusal was a bare TypeError)."""
        try:
            if re.fullmatch(r"(.?[<>^])?\d*s?", spec) is None:  # fill, align and width only: .3 is a number's
                raise ValueError(spec)
            return format(str(self), spec)
        except ValueError:
            raise ResultUsageError(f"format(result, {spec!r}): a Result is not a number, so a number format does "
                                   f"not apply: {_WHERE} (e.g. f\"{{result.value:{spec}}}\")") from None

    def __array__(self, dtype=None, copy=None):
        """``numpy.asarray(result)``, ``numpy.float64(result)``, ``numpy.round(result)``: refused naming where the
        numbers are (NumPy read a Result as the sequence of its parameters' symbols: final38a F38a-3)."""
        if dtype is not None and np.dtype(dtype) == object:  # a Result kept in an object array (final38b F38b-6)
            held = np.empty((), dtype=object)
            held[()] = self
            return held
        raise ResultUsageError(f"numpy.asarray(result) (or another NumPy function of a Result, or a list of Results "
                               f"without dtype=object): a Result is not an array: {_WHERE}")

    def __repr__(self) -> str:
        """One line whatever the run's length: the parameters (arrays summarised), the value, the steps, the message,
        and how many costs ``history`` holds (``result.history`` prints them)."""
        labels = parameter_labels(self)  # two parameters named W: W and W′, as derive shows them
        params = ", ".join(f"{labels[p]}={float(np.asarray(v).reshape(()))!r}" if np.size(v) == 1 else
                           f"{labels[p]}={describe_value(v)}" for p, v in self.params.items())
        return (f"Result({params}, value={float(self.value)!r}, steps={self.steps}, success={self.success}, "
                f"message={self.message!r}, history=<{len(self.history)} costs>)")

    def _repr_html_(self) -> str:
        return result_html(self)


#: The message of a run that took all its steps (``stopped after 100 steps``, ``... (10 epochs)``), nothing more.
_RAN_ITS_STEPS = re.compile(r"stopped after \d+ steps?(?: \([^()]*\))?")


#: What a run that used all its steps with its ``tol`` test never passing says (final39b F39b-6: not "the tolerance
#: was not met", which the point after the last update, never tested, may meet).
_UNMET = "the tol test (every |gradient| <= tol) passed at none of the steps it ran, each before its update"


def unmet_tolerance(message: str, success: bool) -> str:
    """``message`` of a run that took all its steps, told that its test failed where ``success`` is False:
    ``stopped after 1001 steps: the tol test (every |gradient| <= tol) passed at none of the steps it ran, each
    before its update`` (the point after the last update is not tested).  Any other
    message (converged, diverged, refused data) is returned as it is."""
    if success or _RAN_ITS_STEPS.fullmatch(message) is None:
        return message
    return f"{message}: {_UNMET}"


def run_verdict(tol, stopped_by_test: bool, message: str, costs, first_batch_cost=None) -> tuple[str, bool]:
    """A first-order run's ``(message, success)`` on either backend: :func:`met_its_test`, and no success where its
    ``costs`` (one a step, then the returned point's) are a diverging run's (:func:`~symopt.growth_check.diverging`:
    grown by orders of magnitude without overflowing, probe64 P64-9), the message saying so.  A mini-batch run over
    batches in a fixed order gives ``first_batch_cost``, ``() -> float``: its first batch's cost at the returned
    parameters, asked for only where its costs grew; it is diverging only where that cost grew from ``costs[0]``, the
    same batch's at the start, as well (:func:`~symopt.growth_check.grew_on_same_rows`: its costs in run order are
    other rows', probe97 P97-1)."""
    success = met_its_test(tol, stopped_by_test)
    growing = diverging(costs) if success else None
    if growing is not None and first_batch_cost is not None and not grew_on_same_rows(costs[0], first_batch_cost()):
        growing = None
    if growing is not None:
        return f"{message}; but {growing}", False
    return message, success


def met_its_test(tol, stopped_by_test: bool) -> bool:
    r"""A first-order run's ``success``, read as SciPy's: with ``tol`` it is True only when the run stopped because
    every :math:`|g| \le` tol (or its callback asked to stop, the caller's own test); running out of steps with the
    tolerance unmet is not success.  Without ``tol`` there is no test to fail: True once the steps ran."""
    return tol is None or stopped_by_test
