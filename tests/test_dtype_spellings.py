"""``dtype=`` takes a float32 or float64 spelling; anything else is a ConfigurationError naming what was given, never
NumPy's own ValueError, and a value (a NumPy scalar or array) is not read as its dtype."""

from __future__ import annotations

import datetime
import fractions

import numpy as np
import pytest

import symopt
from symopt.errors import ConfigurationError


@pytest.mark.parametrize("dtype", [fractions.Fraction(1, 3), datetime.timedelta(1)])
def test_objects_numpy_reads_as_format_strings_are_refused_with_the_dtypes_expected(dtype):
    w = symopt.Variable("w", 0.5)
    with pytest.raises(ConfigurationError, match=r"expected a floating dtype, one of \('float32', 'float64'\)"):
        symopt.minimize((w - 3) ** 2, w, dtype=dtype, steps=1)


@pytest.mark.parametrize("value", [np.float64("nan"), np.float32(1.0), np.zeros(3)])
def test_a_value_is_not_taken_for_its_dtype(value):
    w = symopt.Variable("w", 0.5)
    with pytest.raises(ConfigurationError, match="not a dtype"):
        symopt.minimize((w - 3) ** 2, w, dtype=value, steps=1)


@pytest.mark.parametrize("dtype", ["float32", np.float32, np.dtype("float64"), "f8"])
def test_spellings_of_the_two_dtypes_pass(dtype):
    w = symopt.Variable("w", 0.5)
    assert symopt.minimize((w - 3) ** 2, w, dtype=dtype, steps=1).steps == 1
