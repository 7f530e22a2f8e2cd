"""final48d 48d-4: jax_loop.slot_starts keeps a JaxStep's placed fresh-state numbers per placement (made and put
once, not on every planned run), and each optimizer's step keeps its own (probe96 P96-1: Adam(beta1=0.8) then
Adam() must not share their beta powers)."""

import numpy as np
import pytest

import symopt

pytest.importorskip("jax")
from symopt.jax_loop import slot_starts  # noqa: E402
from symopt.jax_step import jax_step_on_disk  # noqa: E402


def _step(optimizer):
    w = symopt.Variable("w", 0.0)
    return jax_step_on_disk((w - 3.0) ** 2, [w], optimizer, [], "float32", None, None, None)


def test_starts_put_once_per_placement():
    step = _step(symopt.Adam(0.1, beta1=0.8, beta2=0.95))
    puts = []

    def put(value):
        puts.append(value)
        return np.asarray(value)
    fills, shared = slot_starts(step, put)
    # oracle: TF1 Adam's fresh state, m = v = 0 and the beta powers at beta1, beta2 (as float32)
    assert [float(v) for v in fills] == [0.0, 0.0]
    assert [float(v) for v in shared] == [float(np.float32(0.8)), float(np.float32(0.95))]
    assert len(puts) == 4
    assert slot_starts(step, put) == (fills, shared)
    assert len(puts) == 4  # kept: not made or placed again


def test_each_optimizer_keeps_its_own_starts():
    first = slot_starts(_step(symopt.Adam(0.1, beta1=0.8)), np.asarray)[1]
    second = slot_starts(_step(symopt.Adam(0.1)), np.asarray)[1]
    assert [float(v) for v in first] == [float(np.float32(0.8)), float(np.float32(0.999))]
    assert [float(v) for v in second] == [float(np.float32(0.9)), float(np.float32(0.999))]
    fills, _ = slot_starts(_step(symopt.Adagrad(0.1, initial_accumulator_value=0.3)), np.asarray)
    assert [float(v) for v in fills] == [float(np.float32(0.3))]
