"""probe95 P95-1: same-name symbols made in two processes (pool workers, forked children) share their process's
count of symbols made; their primes went by the random token in their serial numbers, so ``z`` and ``z′`` swapped
between runs.  They now go by where the run (or the derivation) has them: its parameters in order, then the cost.

Two such symbols are built here as unpickling builds a worker's (:func:`symopt.symbols.rebuild_scalar`: one count,
two process tokens), with the tokens in both orders.  The oracle is the rule itself (the first parameter of wrt is
unprimed) and each parameter's closed-form minimum (its own target)."""

from __future__ import annotations

import pytest

import symopt
from symopt.symbols import rebuild_scalar

COUNT = 5


def from_two_processes(low_first: bool):
    """``(a, b)``: two Variables named ``z`` made as the count's 5th symbol in two processes, ``a``'s token below
    ``b``'s when ``low_first`` (SymPy's own order of the two follows the tokens)."""
    made = symopt.Variable("z", 0.0)
    attributes = {key: value for key, value in made.__dict__.items() if key != "_serial"}
    tokens = (3 << 64, 9 << 64) if low_first else (9 << 64, 3 << 64)
    return tuple(rebuild_scalar(type(made), "z", token | COUNT, attributes) for token in tokens)


@pytest.mark.parametrize("low_first", [True, False])
def test_the_labels_follow_the_run_not_the_process_tokens(low_first):
    a, b = from_two_processes(low_first)
    assert a != b
    for first, second in ((a, b), (b, a)):
        result = symopt.minimize((first - 1) ** 2 + (second - 2) ** 2, [first, second], method="newton")
        assert result.named_params == {"z": pytest.approx(1.0, abs=1e-12), "z′": pytest.approx(2.0, abs=1e-12)}
        assert list(result.named_params) == ["z", "z′"] and result[first] == result.named_params["z"]


@pytest.mark.parametrize("low_first", [True, False])
def test_a_derivation_primes_the_second_symbol_of_its_wrt(low_first):
    a, b = from_two_processes(low_first)
    for first, second in ((a, b), (b, a)):
        text = str(symopt.derive(5 * first + 7 * second, [first, second]))
        assert "dJ/dz = 5" in text and "dJ/dz′ = 7" in text, text


def test_symbols_of_one_process_keep_the_order_they_were_made():
    early, late = symopt.Variable("z", 0.0), symopt.Variable("z", 0.0)
    result = symopt.minimize((late - 2) ** 2 + (early - 1) ** 2, [late, early], method="newton")
    assert result.named_params == {"z": pytest.approx(1.0, abs=1e-12), "z′": pytest.approx(2.0, abs=1e-12)}
