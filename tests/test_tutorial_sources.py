"""docs/tutorial.md §3 shows the generated sources as they are today (it once showed an outdated step)."""

from pathlib import Path

import symopt
from symopt.fused import compile_step
from symopt.optimizers import Adam

TUTORIAL = Path(__file__).parents[1].joinpath("docs", "tutorial.md").read_text()


def _block_starting(prefix: str) -> str:
    start = TUTORIAL.index("```python\n" + prefix) + len("```python\n")
    return TUTORIAL[start:TUTORIAL.index("```", start)]


def test_the_value_and_grad_shown_is_generated():
    w = symopt.Variable("w", 0.0)
    assert symopt.compile(w ** 2 - 10 * w + 25, w).source == _block_starting("def value_and_grad(w)")


def test_the_adam_step_shown_is_generated():
    w = symopt.Variable("w", 0.0, dtype="float32")
    step = compile_step(w ** 2 - 10 * w + 25, [w], Adam(0.1), [], dtype="float32").step
    assert step.source == _block_starting("def step(w, m_w")
