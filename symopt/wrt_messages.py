"""The errors for a ``wrt`` entry the cost cannot be minimized over: a parameter the cost does not read (or reads
as another symbol of that name), and an entry with no start value (a Placeholder listed among the parameters)."""

from __future__ import annotations

from .errors import ConfigurationError, NoGradientError
from .symbols import is_batched, why_two_symbols

__all__ = ["absent_message", "absent_error", "missing_start_error"]


def absent_message(names: str) -> str:
    """The explanation of a parameter the cost does not contain (``grad``, ``compile`` and ``minimize``)."""
    return (f"the cost does not depend on {names}: its gradient is identically zero, so no optimizer can change "
            "it. Check that the cost is written in terms of this symbol (a different symbol with the same name "
            "is a different symbol), or drop it from wrt.")


def absent_error(absent: list, by_name: dict, parameters: list, as_dict: bool) -> NoGradientError:
    """:func:`absent_message`, or, where the cost has one symbol of an absent parameter's name and kind (a warm start from a
    Result a worker process sent back, probe71 P71-6; a notebook cell that made ``W`` again), why the two differ
    and the ``wrt`` to pass instead: those entries by name, the others as given (``parameters``, in order)."""
    twins = {p: by_name[str(p)][0] for p in absent if len(by_name.get(str(p), ())) == 1
             and type(by_name[str(p)][0]) is type(p)}  # a Placeholder of the name is data, not the parameter
    if not twins:
        return NoGradientError(absent_message(", ".join(map(str, absent))))
    given, own = next(iter(twins.items()))
    shown = ", ".join(map(str, twins))
    names = ", ".join(repr(str(p)) for p in twins)
    entries = [repr(str(p)) if p in twins else str(p) for p in parameters]
    advised = "{" + ", ".join(f"{entry}: value" for entry in entries) + "}" if as_dict else f"[{', '.join(entries)}]"
    return NoGradientError(
        f"wrt gives {shown}, not the cost's own symbol{'s' if len(twins) > 1 else ''} of that name: "
        f"{why_two_symbols(given, own, 'the cost was built')}. Expected the cost's symbols; pass "
        f"{'them' if len(twins) > 1 else 'it'} by name instead, wrt={advised} (from a Result: "
        f"{{name: result[name] for name in [{names}]}}), or build the cost and its parameters again together.")


def missing_start_error(symbol, parameters: list) -> ConfigurationError:
    """The error for a ``wrt`` entry with no initial value: a Placeholder is data listed among the parameters by
    mistake (probe69 P69-8; every Placeholder listed is named), any other symbol needs a start value."""
    if not getattr(symbol, "is_placeholder", False):
        return ConfigurationError(f"no initial value for {symbol}: pass wrt={{{symbol}: value}} "
                                  "or use symopt.Variable(name, init)")
    data = [p for p in parameters if getattr(p, "is_placeholder", False)]
    others = [str(p) for p in parameters if p not in data]
    listed = ", ".join(map(str, data))
    trained = f"wrt=[{', '.join(others)}]" if others else "wrt= the Variables to train"
    starts = ", ".join([f"{p}: start" for p in data] + [f"{name}: value" for name in others])
    first_order = (" and method='lbfgs' or 'bfgs', or optimizer= and steps= (the Hessian methods need a fixed shape)"
                   if any(map(is_batched, data)) else "")
    return ConfigurationError(
        f"wrt lists {listed}, {'a Placeholder' if len(data) == 1 else 'Placeholders'}: data, fed through data= (or "
        f"a feed), not parameters to train. Expected only the parameters in wrt; drop {listed} from it: {trained}, "
        f"with data={{{', '.join(f'{p}: ...' for p in data)}}}. Only to optimise the input itself give a start value "
        f"for each entry, wrt={{{starts}}}{first_order}.")
