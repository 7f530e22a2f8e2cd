"""probe96 P96-3: docs/scale.md hands a result to JAX as ``result.named_params``; its old recipe, a dict keyed by
``str(p)``, dropped one of two parameters sharing a name.  The oracle is each parameter's own minimum (closed form)."""

from __future__ import annotations

from pathlib import Path

import pytest

import symopt

SCALE = (Path(__file__).resolve().parent.parent / "docs" / "scale.md").read_text(encoding="utf-8")


def test_the_documented_recipe_keeps_both_parameters_of_one_name():
    bullet = SCALE[SCALE.index("* **Results in JAX code**"):SCALE.index("* **Mini-batches**")]
    assert "result.named_params" in bullet and "{str(p): v for p, v in result.params.items()}" not in bullet
    a, b = symopt.Variable("W", 1.0), symopt.Variable("W", -1.0)
    result = symopt.minimize((a - 2) ** 2 + (b + 3) ** 2, [a, b], method="newton")
    assert result.named_params == {"W": pytest.approx(2.0, abs=1e-12), "W′": pytest.approx(-3.0, abs=1e-12)}
    assert len({str(p): v for p, v in result.params.items()}) == 1  # what the old recipe kept
