"""probe46 P46-7: a symbol made again in a spawn worker (module-level ``W``, each worker importing the module) was
explained as "a notebook cell run again", and ``trace[W]`` said "W is not a parameter of this run (its parameters: W
...)".  Both now say that the two W were made in two processes and give the name to use; a W made again in this
process keeps the cell's explanation.  Another process is simulated by drawing this process's serial token again, as a
forked child does (a real spawn pool: /work/wt/probe46/p46_spawn_msg.py)."""

from __future__ import annotations

import pytest
import sympy

import symopt
from symopt import symbols
from symopt.errors import ConfigurationError


def _made_elsewhere(make):
    kept = symbols._serials.token
    symbols._serials.renew()
    try:
        return make()
    finally:
        symbols._serials.token = kept


def _run(W):
    x = symopt.Placeholder("x")
    return symopt.minimize((W - x) ** 2, W, data={x: 2.0}, steps=2, trace=True)


def test_a_symbol_of_another_process_is_named_so():
    W_worker = _made_elsewhere(lambda: symopt.Variable("W", 0.0))
    result = _run(W_worker)
    W = symopt.Variable("W", 0.0)
    assert symbols.made_in_other_processes(W, W_worker) and not symbols.made_in_other_processes(W, symopt.Variable("W"))
    with pytest.raises(ConfigurationError) as by_result:
        result[W]
    message = str(by_result.value)
    assert "two symbols share the name 'W', made in two processes (a multiprocessing worker that imports the module " \
           "again makes its own W" in message and "Use the name 'W' (result['W']" in message
    assert "cell" not in message
    with pytest.raises(ConfigurationError) as by_trace:
        result.trace[W]
    assert str(by_trace.value) == (
        "W is another symbol than this run's parameter W: they share the name 'W', made in two processes (a "
        "multiprocessing worker that imports the module again makes its own W; symbols from two processes are never "
        "equal). Read the column by its name, trace['W'], or by the run's own symbol")
    assert result.trace["W"] == result.trace[W_worker]


def test_a_symbol_made_again_here_keeps_the_cells_explanation():
    result = _run(symopt.Variable("W", 0.0))
    again = symopt.Variable("W", 0.0)
    with pytest.raises(ConfigurationError, match=r"was the cell that made W run again after the run\?\). Read the "
                                                 r"column by its name, trace\['W'\]"):
        result.trace[again]
    with pytest.raises(ConfigurationError, match="was the cell that made W run again"):
        result[again]


def test_a_plain_symbol_of_the_name_is_told_apart_by_evaluate_as_by_trace():
    """final39b F39b-10: evaluate keyed by ``sympy.Symbol("w")`` for a cost in the Variable ``w`` asked whether a
    cell ran again; trace said the kinds differ. Both now say so, from one function."""
    w = symopt.Variable("w", 1.0)
    with pytest.raises(symopt.errors.FeedError, match=r"share the name 'w', but one is a ScalarVariable and the other "
                                                      r"a Symbol\. Use the name 'w'"):
        symopt.evaluate(w ** 2, {sympy.Symbol("w"): 2.0})
