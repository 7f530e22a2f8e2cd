"""An optimizer's settings are fixed once it is made (probe94 P94-2).

Each optimizer's constructor is wrapped by :func:`checked_constructor`: it refuses a keyword the optimizer does not
take (naming symopt's spelling of another library's), runs the constructor, and then fixes the optimizer: its
``hyperparameters`` become a read-only dict (:class:`ReadOnlySettings`) and a later attribute write (Keras'
``optimizer.lr = 0.001``, ``optimizer.learning_rate = ...``) raises :class:`~symopt.errors.ConfigurationError`
through :func:`changed_setting_message`.  The update is compiled from the settings, and a run keeps that step, so a
change after construction would be ignored silently, or skip the constructor's range checks
(``hyperparameters["lr"] = -5.0`` climbed the cost).
"""

from __future__ import annotations

import functools
import inspect

from .errors import ConfigurationError

__all__ = ["FixedSettings", "FixedSettingError", "STEP_ATTRIBUTES", "ReadOnlySettings", "refused_method", "checked_constructor", "fixed_after", "fix_settings",
           "changed_setting_message", "FIXED", "OTHER_LIBRARY_ATTRIBUTES"]

#: The instance attribute that marks an optimizer whose constructor has finished.
FIXED = "settings_fixed"

#: Attributes other libraries' optimizers change their rate through → what they are there.
OTHER_LIBRARY_ATTRIBUTES = {
    "lr": "Keras 2's optimizer.lr",
    "learning_rate": "Keras' and TF2's optimizer.learning_rate",
    "param_groups": "PyTorch's optimizer.param_groups[0]['lr']",
}


def checked_constructor(init):
    """``init`` (an optimizer's ``__init__``) that first refuses a keyword it does not take, or a missing argument,
    with a ConfigurationError naming symopt's spelling (``Adam(learning_rate=0.1)`` is ``Adam(0.1)`` or
    ``Adam(lr=0.1)``; probe26 P26-D), not Python's TypeError, and fixes the optimizer's settings once the outermost
    constructor (the class's own, not a base class's it calls) returns.  Its signature stays ``init``'s."""
    signature = inspect.signature(init)
    taken = ", ".join(list(signature.parameters)[1:])
    open_ended = any(p.kind is p.VAR_KEYWORD for p in signature.parameters.values())

    @functools.wraps(init)
    def checked(self, *args, **kwargs):
        kind = type(self).__name__
        unknown = [] if open_ended else [key for key in kwargs if key not in signature.parameters]
        if unknown:  # every unknown keyword's spelling: torch's RMSprop(eps=..., alpha=...) hears of both (final48c)
            spellings = type(self).OTHER_SPELLINGS
            first = f"; write {spellings[unknown[0]]}" if unknown[0] in spellings else ""
            others = "".join(f"; {key}=...: write {spellings[key]}" for key in unknown[1:] if key in spellings)
            raise ConfigurationError(f"{kind}({unknown[0]}=...): {kind} takes ({taken}){first}{others}")
        try:
            signature.bind(self, *args, **kwargs)
        except TypeError as error:
            raise ConfigurationError(f"{kind}: {error}; it takes ({taken})") from None
        init(self, *args, **kwargs)
        if type(self).__init__ is checked:
            fix_settings(self)
    return checked


def fixed_after(init):
    """``init`` (the base class's ``__init__``, which takes any keyword) that fixes the settings once it returns as
    the outermost constructor: for a subclass without a constructor of its own."""
    @functools.wraps(init)
    def fixing(self, *args, **kwargs):
        init(self, *args, **kwargs)
        if type(self).__init__ is fixing:
            fix_settings(self)
    return fixing


def fix_settings(optimizer) -> None:
    """Make ``optimizer``'s ``hyperparameters`` a :class:`ReadOnlySettings` and refuse attribute writes from now on."""
    attributes = vars(optimizer)
    given = getattr(optimizer, "hyperparameters", None)  # a subclass may keep them as a class attribute (final48c)
    if isinstance(given, dict):  # copied onto the instance: the class's dict, and other instances, stay as they are
        settings = attributes["hyperparameters"] = ReadOnlySettings(given)  # dict's own init
        settings.owner = optimizer
    attributes[FIXED] = True


def changed_setting_message(optimizer, written: str, name: str, value, attribute: bool = True) -> str:
    """The refusal of a change to ``optimizer``'s setting ``name`` (to ``value``; ``None``: a deletion), written as
    the user wrote it (``Adam.lr = 0.001``; ``attribute``: as an attribute, not a ``hyperparameters`` entry): what to
    write instead (a new optimizer with the changed setting, a warm start, a schedule)."""
    kind = type(optimizer).__name__
    made = f"symopt.{kind}" if type(optimizer).__module__.startswith("symopt.") else kind
    arguments = optimizer.arguments()
    keyword = optimizer.argument_names.get(name, name)  # Ftrl's lr_power is learning_rate_power
    keyword = keyword if keyword in arguments else type(optimizer).OTHER_SPELLINGS.get(name, name)  # learning_rate
    if keyword in arguments and value is not None:
        shown = ", ".join(f"{k}={v!r}" for k, v in {**arguments, keyword: value}.items())
        instead = f"make a new one, {made}({shown})"
    else:
        instead = f"make a new one with the settings you want, as {made}(...) takes them"
    where = OTHER_LIBRARY_ATTRIBUTES.get(name) if attribute else None
    foreign = f" ({where} has no symopt counterpart)" if where else ""
    return (f"{written}: a symopt optimizer's settings are fixed when it is made (the step is "
            f"compiled from them, so this would change nothing){foreign}; {instead}. Each minimize() starts the "
            "optimizer's state (moments, accumulators) fresh: minimize(cost, result.params, optimizer=...) goes on "
            "from a run's parameters with new state, and resume_from= continues a checkpointed run with its state "
            "and its optimizer. For a rate that changes during one run give a schedule, e.g. "
            f"{made}(symopt.ExponentialDecay(0.1, 1000, 0.96))")


class FixedSettingError(ConfigurationError, AttributeError):
    """A change to a made optimizer's setting, or a read of PyTorch's ``param_groups``: a ConfigurationError that is
    also an AttributeError (as a frozen dataclass's ``FrozenInstanceError`` is), so ``hasattr``, ``getattr(opt,
    name, default)`` and ``inspect.getmembers`` answer as for any attribute an object does not have (review
    final48c)."""


#: Attributes that shape an optimizer's compiled step beside its settings (``hyperparameters``, the constructor's
#: keywords, :meth:`~symopt.optimizers.Optimizer.options`): refused once it is made, as they are.
STEP_ATTRIBUTES = ("hyperparameters", "state", "ranges", "slot_arguments", "argument_names", "tf1_precision",
                   "divides_by_rate", "outside_cost", "name", "OTHER_SPELLINGS", FIXED)


class FixedSettings:
    """The base of :class:`~symopt.optimizers.Optimizer` that refuses, once :func:`fix_settings` has run, a write to
    a setting (:meth:`fixed_names`: other attributes, a subclass's own bookkeeping, stay writable), and copies and
    pickles its read-only ``hyperparameters`` as a plain dict."""

    def fixed_names(self) -> set:
        """The attributes refused once made: the settings under their names and their keywords, other libraries'
        spellings of them (:data:`OTHER_LIBRARY_ATTRIBUTES`, ``OTHER_SPELLINGS``) and :data:`STEP_ATTRIBUTES`."""
        settings = getattr(self, "hyperparameters", {})
        return {*settings, *(self.argument_names.get(name, name) for name in settings), *self.options(),
                *STEP_ATTRIBUTES, *OTHER_LIBRARY_ATTRIBUTES, *type(self).OTHER_SPELLINGS}

    def __setattr__(self, name: str, value) -> None:
        if vars(self).get(FIXED) and name in self.fixed_names():  # the step would keep the old value (P94-2)
            written = f"{type(self).__name__}.{name} = {value!r}"
            raise FixedSettingError(changed_setting_message(self, written, name, value))
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        if vars(self).get(FIXED) and name in self.fixed_names():
            raise FixedSettingError(changed_setting_message(self, f"del {type(self).__name__}.{name}", name, None))
        object.__delattr__(self, name)

    @property
    def param_groups(self):
        """PyTorch's ``optimizer.param_groups[0]["lr"] = ...``: refused naming symopt's way."""
        raise FixedSettingError(changed_setting_message(self, f"{type(self).__name__}.param_groups", "param_groups",
                                                        None))

    def __getstate__(self) -> dict:
        """For copy and pickle: the hyperparameters as a plain dict (a read-only mapping does not pickle)."""
        state = dict(vars(self))
        if isinstance(state.get("hyperparameters"), ReadOnlySettings):
            state["hyperparameters"] = dict(state["hyperparameters"])
        return state

    def __setstate__(self, state: dict) -> None:
        vars(self).update(state)
        if state.get(FIXED):
            fix_settings(self)


def refused_method(method: str):
    """A :class:`ReadOnlySettings` method that would change it (``update``, ``pop``, ...), refused as a write is."""
    def refused(self, *args, **kwargs):
        written = f"{type(self.owner).__name__}.hyperparameters.{method}(...)"
        raise ConfigurationError(changed_setting_message(self.owner, written, method, None, attribute=False))
    refused.__name__ = method
    return refused


class ReadOnlySettings(dict):
    """An optimizer's ``hyperparameters`` once made: a dict to read (at a dict's speed: the run reads it); a write is
    refused as an attribute write is.  A copy (``copy.copy``, a pickle) is a plain dict."""

    __slots__ = ("owner",)  # the optimizer, whose refusal it raises


    def refuse(self, name, value=None, *, deleted: bool = False):
        """Raise the refusal of ``hyperparameters[name] = value`` (or of its deletion)."""
        kind = type(self.owner).__name__
        written = f"del {kind}.hyperparameters[{name!r}]" if deleted else \
            f"{kind}.hyperparameters[{name!r}] = {value!r}"
        raise ConfigurationError(changed_setting_message(self.owner, written, name, None if deleted else value,
                                                         attribute=False))

    def __setitem__(self, name, value) -> None:
        self.refuse(name, value)

    def __delitem__(self, name) -> None:
        self.refuse(name, deleted=True)

    update, pop, popitem = refused_method("update"), refused_method("pop"), refused_method("popitem")
    setdefault, clear, __ior__ = refused_method("setdefault"), refused_method("clear"), refused_method("__ior__")

    def __reduce__(self):
        return dict, (dict(self),)
