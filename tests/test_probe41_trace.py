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


@pytest.mark.parametrize("method", [None, "newton"])
def test_a_parameter_reads_its_own_column_whatever_its_name(method):  # final38a F38a-4: by str(symbol)
    options = dict(steps=3) if method is None else dict(method=method)
    step, cost, lam, dotted = (symopt.Variable(n, 0.0) for n in ("step", "cost", "lambda", "layer1.w"))
    total = (step - 3)**2 + (cost + 1)**2 + (lam - 2)**2 + (dotted - 5)**2
    result = symopt.minimize(total, [step, cost, lam, dotted], trace=True, **options)
    assert result.trace["step"] == list(range(len(result.trace)))  # the step counter, not the Variable step
    for parameter in (step, cost, lam, dotted):
        assert parameter in result.trace
        assert result.trace[parameter][0] == 0.0 and result.trace[parameter][-1] != 0.0  # its own iterates
    firsts = [result.trace[p][1] for p in (step, cost, lam, dotted)]  # GD: -lr * gradient; Newton: the minimum
    assert firsts == pytest.approx([0.06, -0.02, 0.04, 0.1] if method is None else [3.0, -1.0, 2.0, 5.0], rel=1e-6)
    assert symopt.Variable("w", 0.0) not in result.trace and "lambda" in result.trace  # its name as typed (P52-6)


def test_a_symbol_that_is_not_the_runs_parameter_is_named_so():  # final38b F38b-5: read as a contradiction
    import sympy
    # probe46 P46-7: "w is not a parameter of this run (its parameters: w ...)" read as a contradiction too
    with pytest.raises(ConfigurationError, match=r"^w is another symbol than this run's parameter w: they share the "
                                                 r"name 'w', but one is a ScalarVariable and the other a Symbol\. Read "
                                                 r"the column by its name, trace\['w'\], or by the run's own symbol$"):
        RESULT.trace[sympy.Symbol("w", real=True)]
    assert sympy.Symbol("w", real=True) not in RESULT.trace


def test_a_trace_pickled_before_it_knew_its_parameters_reads_them_by_name():  # final38b F38b-7
    import copy
    old = copy.deepcopy(RESULT.trace)
    del old.__dict__["parameters"]
    assert w in old and old[w] == [0.0, 3.0]
