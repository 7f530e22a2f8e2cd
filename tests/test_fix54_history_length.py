"""probe54 P54-1: a ``method=`` run's history holds the cost at every iterate, the start included (``steps + 1``
costs); a first-order run's holds one cost per step.  docs/api.md said ``steps == len(history)`` "always"."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

import symopt

a, b = sympy.symbols("a b", real=True)
COST = (a - 1)**2 + (b + 2)**4 + a * b / 10  # 17 at (0, 0): 1 + 16 + 0, by hand
DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.mark.parametrize("method", ["newton", "lbfgs"])
def test_a_method_run_holds_the_start_and_the_last_iterate(method):
    if method != "newton":
        pytest.importorskip("scipy")
    result = symopt.minimize(COST, {a: 0.0, b: 0.0}, method=method)
    assert len(result.history) == result.steps + 1
    assert result.history[0] == 17.0 and result.history[-1] == result.value


def test_a_first_order_run_holds_one_cost_per_step():
    result = symopt.minimize(COST, {a: 0.0, b: 0.0}, optimizer="adam", steps=5)
    assert len(result.history) == result.steps == 5 and result.history[0] == 17.0


def test_the_api_page_states_both_conventions():
    text = " ".join((DOCS / "api.md").read_text().split())
    assert "`result.steps == len(result.history)` always" not in text
    assert "`len(result.history) == result.steps + 1`" in text
