"""probe90 P90-4 / P90-8: dates and durations that a table library itself converts to counts (pandas with a
timezone, Arrow timestamps, polars Datetime/Date/Duration columns) are refused as NumPy's datetime64 is, never fed
as microseconds since 1970.  Stand-ins with what symopt reads of them (``to_numpy``, ``dtype``/``dtypes``), and the
real libraries where installed.  Oracle: the counts the stand-ins' to_numpy gives (1.5778368e15 microseconds for
2020-01-01, as pandas' and polars' own conversions give) are not the user's numbers."""

import datetime

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError, FeedError

COUNTS = np.array([1.5778368e15, 1.5779232e15])  # 2020-01-01 and 2020-01-02 in microseconds since 1970


class TimezoneDtype:
    """pandas' DatetimeTZDtype as symopt sees it: not a NumPy dtype, of kind "M"."""
    kind = "M"

    def __str__(self):
        return "datetime64[us, UTC]"


class DatetimeSeries:
    """A tz-aware pandas Series stand-in: NumPy's conversion gives the counts."""
    dtype = dtypes = TimezoneDtype()
    index = np.arange(2)

    def to_numpy(self, dtype=None, na_value=None):
        return COUNTS.astype(dtype or float)

    __array__ = to_numpy


class PolarsDatetime:
    """A polars temporal dtype: ``is_temporal()``."""

    def is_temporal(self):
        return True

    def __repr__(self):
        return "Datetime(time_unit='us', time_zone=None)"


class PolarsFloat(PolarsDatetime):
    def is_temporal(self):
        return False


class PolarsFrame:
    """A polars DataFrame stand-in with a Datetime and a Float64 column; its to_numpy gives float64 counts."""
    columns = ["t", "x"]
    dtypes = [PolarsDatetime(), PolarsFloat()]
    shape = (2, 2)

    def to_numpy(self, dtype=None):
        return np.column_stack([COUNTS, [1.5, 2.5]]).astype(dtype or float)

    __array__ = to_numpy


def test_a_timezone_aware_series_is_refused():
    P = symopt.Placeholder("P", (None,))
    with pytest.raises(FeedError, match=r"given dates \(datetime64\[us, UTC\]\), which would be read as "
                                        r"counts of their unit\. Convert them"):
        symopt.evaluate(ops.sum(P), {P: DatetimeSeries()})
    with pytest.raises(ConfigurationError, match=r"initial value of .v.: expected numbers; given dates"):
        symopt.Variable("v", DatetimeSeries(), shape=(2,))


def test_a_polars_frame_with_a_datetime_column_is_refused():
    Q = symopt.Placeholder("Q", (None, 2))
    with pytest.raises(FeedError, match=r"given dates \(Datetime\(time_unit='us'"):
        symopt.evaluate(ops.sum(Q), {Q: PolarsFrame()})


def test_real_pandas_and_polars():
    pd = pytest.importorskip("pandas")
    P = symopt.Placeholder("P", (None,))
    with pytest.raises(FeedError, match=r"dates \(datetime64\[.*, UTC\]\)"):
        symopt.evaluate(ops.sum(P), {P: pd.Series(pd.date_range("2020-01-01", periods=2, tz="UTC"))})
    pl = pytest.importorskip("polars")
    Q = symopt.Placeholder("Q", (None, 2))
    frame = pl.DataFrame({"t": [datetime.date(2020, 1, 1), datetime.date(2020, 1, 2)], "x": [1.5, 2.5]})
    with pytest.raises(FeedError, match=r"dates \(Date\) in column 't'.*"
                                        r"\(column - column\.first\(\)\)\.dt\.total_days\(fractional=True\)"):
        symopt.evaluate(ops.sum(Q), {Q: frame})


class PolarsTimeDtype(PolarsDatetime):
    def __repr__(self):
        return "Time"


class PolarsTimeFrame(PolarsFrame):
    """A polars frame stand-in (its class lives in polars) with a Time column and one of hourly Datetimes."""
    __module__ = "polars.dataframe.frame"
    dtypes = [PolarsTimeDtype(), PolarsFloat()]


class PolarsDatetimeFrame(PolarsFrame):
    __module__ = "polars.dataframe.frame"


def test_the_polars_advice_keeps_fractions_of_days_and_a_time_of_day_is_no_date():
    """final47c2 47c2-7: polars' ``dt.total_days()`` counts whole days (6 h is 0), so the advice asks for
    ``fractional=True``; a Time column is a time of day, not "dates" (it has no ``column - column.first()``)."""
    Q = symopt.Placeholder("Q", (None, 2))
    with pytest.raises(FeedError, match=r"dates \(Datetime.*\.dt\.total_days\(fractional=True\) for days since"):
        symopt.evaluate(ops.sum(Q), {Q: PolarsDatetimeFrame()})
    with pytest.raises(FeedError, match=r"given times of day \(Time\) in column 't'.*column\.dt\.hour\(\) \+ "
                                        r"column\.dt\.minute\(\) / 60 for hours since midnight"):
        symopt.evaluate(ops.sum(Q), {Q: PolarsTimeFrame()})


def test_the_real_polars_advice_gives_fractional_days():
    pl = pytest.importorskip("polars")
    column = pl.Series("t", [datetime.datetime(2020, 1, 1, hour) for hour in (0, 6, 12, 18)])
    assert (column - column.first()).dt.total_days(fractional=True).to_list() == [0.0, 0.25, 0.5, 0.75]  # by hand
    times = pl.Series("t", [datetime.time(6, 30), datetime.time(12, 0)])
    assert (times.dt.hour() + times.dt.minute() / 60).to_list() == [6.5, 12.0]
    P = symopt.Placeholder("P", (None, 1))
    with pytest.raises(FeedError, match=r"given times of day \(Time\) in column 't'"):
        symopt.evaluate(ops.sum(P), {P: times.to_frame()})
