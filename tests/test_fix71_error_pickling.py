"""Every exception class symopt defines survives pickle and copy: same class, same message, same attributes (probe71
P71-1: ConstantRangeError could not be unpickled, which hung multiprocessing.Pool; P71-2: IntegerOverflowError and
NoneValueError formatted their message a second time).  The oracle is Python's own contract for exceptions: what a
worker raises is what the parent receives."""

import copy
import importlib
import inspect
import pickle
import pkgutil

import numpy as np
import pytest
import sympy

import symopt
from symopt.compat.v1 import app, errors as compat_errors
from symopt.errors import CheckpointError, DivergenceError
from symopt.float_literals import float_literal
from symopt.scipy_overflow import NanDirection
from symopt.symbolic_numbers import SymbolicNumberError


def _raised(action):
    try:
        action()
    except BaseException as error:  # noqa: BLE001 - the error is the value under test
        return error
    raise AssertionError("expected an error")


def _symbolic_number_error():
    error = _raised(lambda: float(sympy.Symbol("w") + 1))
    assert isinstance(error, SymbolicNumberError)
    return error


#: How symopt's code makes each exception whose constructor is not ``cls(message)``.
MADE_AS_THE_CODE_MAKES_IT = {
    "ConstantRangeError": lambda: _raised(lambda: float_literal(sympy.exp(800))),
    "IntegerOverflowError": lambda: compat_errors.IntegerOverflowError(2 ** 70),
    "NoneValueError": lambda: compat_errors.NoneValueError(None, "value"),
    "OpError": lambda: compat_errors.OpError(None, "an op", "a message", 3),  # TF1's constructor
    "UnrecognizedFlagError": lambda: app.UnrecognizedFlagError("lerning_rate", ["learning_rate"]),
    "SymbolicNumberError": _symbolic_number_error,
    "NanDirection": lambda: NanDirection(np.array([1.0, np.nan]), overflow=True),
    "DivergenceError": lambda: DivergenceError("the cost is nan at step 3", result={"history": [1.0, 2.0]}),
    "CheckpointError": lambda: CheckpointError("cannot write run.npz", result={"history": [1.0]}),
}


def _symopt_exception_classes() -> list:
    """Every exception class defined in a module of the symopt package (all modules imported)."""
    found = {}
    for info in pkgutil.walk_packages(symopt.__path__, "symopt."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if inspect.isclass(value) and issubclass(value, BaseException) and value.__module__.startswith("symopt"):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[name] for name in sorted(found)]


CLASSES = _symopt_exception_classes()


def _made(cls):
    if cls.__name__ in MADE_AS_THE_CODE_MAKES_IT:
        return MADE_AS_THE_CODE_MAKES_IT[cls.__name__]()
    own = [name for name in ("__init__", "__new__") if name in vars(cls)]
    assert not own, f"{cls.__name__} has its own {own}: add how symopt makes it to MADE_AS_THE_CODE_MAKES_IT"
    return cls(f"a message of {cls.__name__}: expected this, given that; do the other")


def _same_attributes(copied, original) -> bool:
    if vars(copied).keys() != vars(original).keys():
        return False
    return all(np.array_equal(a, b, equal_nan=True) if isinstance(b, np.ndarray) else a == b
               for a, b in zip((vars(copied)[k] for k in vars(original)), vars(original).values()))


def test_the_walk_finds_the_classes_of_every_layer():
    names = {cls.__name__ for cls in CLASSES}
    assert {"SymoptError", "ConstantRangeError", "IntegerOverflowError", "NoneValueError", "UnrecognizedFlagError",
            "NanDirection", "ProgramError", "ResultUsageError"} <= names
    assert len(CLASSES) >= 38


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
@pytest.mark.parametrize("round_trip", [lambda e: pickle.loads(pickle.dumps(e)), copy.deepcopy, copy.copy],
                         ids=["pickle", "deepcopy", "copy"])
def test_every_exception_class_round_trips(cls, round_trip):
    original = _made(cls)
    assert type(original) is cls
    copied = round_trip(original)
    assert type(copied) is cls
    assert str(copied) == str(original)
    assert copied.args == original.args or cls is SymbolicNumberError and str(copied.args) == str(original.args)
    assert _same_attributes(copied, original)


def test_the_messages_symopt_formats_are_not_formatted_again():
    # in-process messages, as the review quotes them; a worker used to send them with the prefix doubled
    overflow = pickle.loads(pickle.dumps(compat_errors.IntegerOverflowError(2 ** 70)))
    assert str(overflow).count("Python int too large to convert to C long") == 1
    assert str(overflow).startswith("Python int too large to convert to C long: 1180591620717411303424 is outside")
    none = pickle.loads(pickle.dumps(compat_errors.NoneValueError(None, "value")))
    assert str(none).startswith("Tried to convert 'value' to a tensor and failed. Error: None values not supported. "
                                "(given None:")
    constant = pickle.loads(pickle.dumps(_raised(lambda: float_literal(sympy.exp(800)))))
    assert "the constant exp(800)" in str(constant) and constant.what.startswith("exp(800)")
