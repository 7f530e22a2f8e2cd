"""probe41 P41-7: reading a Trace.  ``trace.column(name)`` and ``trace[name]`` give a column (by name or by the
parameter's symbol); a name not among the columns is a ConfigurationError listing them with the closest match; an
index that is no name and iteration are typed refusals saying what to read instead."""

from __future__ import annotations

import pytest

import symopt
from symopt.errors import ConfigurationError, UnsupportedOperationError

w = symopt.Variable("w", 0.0)
RESULT = symopt.minimize((w - 3) ** 2, w, method="newton", trace=True)
COLUMNS = "['step', 'cost', 'w', 'dJ/dw']"


def test_a_column_by_name_by_key_and_by_symbol():
    trace = RESULT.trace
    assert trace.columns == ["step", "cost", "w", "dJ/dw"]
    assert trace["cost"] == trace.column("cost") == list(RESULT.history) == [9.0, 0.0]  # (0 - 3)**2, then Newton's w = 3
    assert trace[w] == trace.column("w") == [0.0, 3.0]
    assert trace["dJ/dw"] == [-6.0, 0.0]  # 2(w - 3) at each iterate
    assert "cost" in trace and w in trace and "J" not in trace


@pytest.mark.parametrize("name, advice", [("J", " Did you mean 'cost'?"), ("dJ/dW", " Did you mean 'dJ/dw'?"),
                                          ("dJdw", " Did you mean 'dJ/dw'?"), ("momentum", " Give one of those names.")])
def test_an_unknown_name_lists_the_columns(name, advice):
    for read in (RESULT.trace.column, RESULT.trace.__getitem__):
        with pytest.raises(ConfigurationError) as caught:
            read(name)
        assert str(caught.value) == f"this trace has no column {name!r}; expected one of {COLUMNS}.{advice}"


def test_an_index_that_is_no_name_and_iteration_are_refused():
    with pytest.raises(ConfigurationError) as caught:
        RESULT.trace[0]
    assert str(caught.value) == (f"a trace column is read by its name; expected one of {COLUMNS}, given int 0. Read a "
                                 "step's row with trace.rows[k].")
    with pytest.raises(UnsupportedOperationError, match=r"Iterate trace.columns for the names, trace.rows"):
        list(RESULT.trace)
    assert RESULT.trace.rows[1] == [1, 0.0, 3.0, 0.0]
