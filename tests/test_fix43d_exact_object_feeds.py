"""final43a F43a-3 / F43a-4: Decimal and Fraction entries below float64's range, fed at float32 (as a list or an object
array), are refused as any number float32 makes 0 is, not read through ``float()`` as 0 and summed silently; and an
object array is checked by its own entries' truth, without a longdouble copy of every feed. Oracles: Python's exact
``Decimal('1e-400') != 0`` and ``Fraction(1, 10**400) != 0``, NumPy's ``np.float32`` of them (0)."""

from decimal import Decimal
from fractions import Fraction
import types

import numpy as np
import pytest

import symopt
from symopt import narrowing, ops
from symopt.errors import FeedError

TINY = [Decimal("1e-400"), Fraction(1, 10**400)]


def _cost():
    x, w = symopt.Placeholder("x", shape=(None, 1)), symopt.Variable("w", 1.0)
    return symopt.compile(ops.sum(ops.square(x)) * w, [w], dtype="float32")


@pytest.mark.parametrize("tiny", TINY)
@pytest.mark.parametrize("as_array", [False, True])
def test_an_exact_entry_float32_makes_0_is_refused(tiny, as_array):
    assert tiny != 0 and np.float32(float(tiny)) == 0  # the oracle: the number is not 0, float32 makes it 0
    feed = [[tiny], [Decimal(1) if isinstance(tiny, Decimal) else Fraction(1)]]
    feed = np.array(feed, dtype=object) if as_array else feed
    with pytest.raises(FeedError, match=r"given 1e-400, which float32 would make 0.*index \[0, 0\]"):
        _cost()(w=1.0, x=feed)


def test_exact_entries_float32_holds_still_run():
    feed = np.array([[Decimal("0.5")], [Fraction(1, 4)], [Decimal(0)]], dtype=object)
    assert _cost()(w=1.0, x=feed)[0] == pytest.approx(0.5**2 + 0.25**2)  # by hand


def test_an_object_feed_is_not_copied_to_longdouble(monkeypatch):
    asked = []

    def asarray(value, dtype=None, **kw):
        asked.append(np.dtype(dtype) if dtype is not None else None)
        return np.asarray(value, dtype=dtype, **kw)

    spy = types.SimpleNamespace(**{name: getattr(np, name) for name in dir(np) if not name.startswith("__")})
    spy.asarray = asarray
    monkeypatch.setattr(narrowing, "np", spy)
    feed = np.array([[0.5], [2.0], [0.0]], dtype=object)
    for dtype in ("float32", "float64"):
        assert narrowing.narrowed("x", feed, dtype).tolist() == [[0.5], [2.0], [0.0]]
    assert np.dtype(np.longdouble) not in asked
