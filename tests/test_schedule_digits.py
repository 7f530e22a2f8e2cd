"""TF1's learning-rate schedules step by step: every rate of steps 0..199 of exponential, inverse-time,
natural-exp and polynomial decay (with staircase and cycle) equals TensorFlow's float32 value bit for bit
(``tests/data/tf1_schedule_rates.json.gz``, from ``tests/tf1_schedule_rates.py``).  TF1's graph optimizer
runs ``t / s`` as ``t * fl(1/s)`` (``symopt.schedule_folding.per``): before, 124-270 of every 400 steps were a bit
off, and ``polynomial_decay(cycle=True)`` restarted its cycle at other steps."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

import symopt
from symopt.more_schedules import NaturalExpDecay

with gzip.open(Path(__file__).parent / "data" / "tf1_schedule_rates.json.gz", "rt") as _handle:
    REFERENCE = json.load(_handle)

SCHEDULES = {
    "exp": lambda s: symopt.ExponentialDecay(0.1, s, 0.5),
    "exp_stair": lambda s: symopt.ExponentialDecay(0.1, s, 0.5, staircase=True),
    "inv": lambda s: symopt.InverseTimeDecay(0.1, s, 0.5),
    "inv_stair": lambda s: symopt.InverseTimeDecay(0.1, s, 0.5, staircase=True),
    "nat": lambda s: NaturalExpDecay(0.1, s, 0.5),
    "poly": lambda s: symopt.PolynomialDecay(0.1, s * 20, 0.001, power=0.5),
    "poly_cycle": lambda s: symopt.PolynomialDecay(0.1, s, 0.001, power=0.5, cycle=True),
}


@pytest.mark.parametrize("name", sorted(REFERENCE["rates"]))
def test_every_rate_is_tf1s(name):
    kind, s = name.rsplit("_", 1)
    schedule = SCHEDULES[kind](int(s))
    expected = np.array([float.fromhex(x) for x in REFERENCE["rates"][name]], dtype=np.float32)
    got = schedule(np.arange(REFERENCE["steps"]))
    different = np.flatnonzero(got != expected)
    assert different.size == 0, f"{name}: steps {different[:8].tolist()}: {got[different[:3]]} != {expected[different[:3]]}"


def test_the_probes_cases():
    """probe7 Q8: TF1 restarts the cycle at t = 45 (45·fl(1/15) = 3.0000002, whose ceiling is 4)."""
    cycle = symopt.PolynomialDecay(0.1, 15, 0.001, power=0.5, cycle=True)
    assert [cycle(t) for t in (44, 45, 46)] == [np.float32(0.015758047), np.float32(0.050499998),
                                                 np.float32(0.048821542)]
    assert symopt.PolynomialDecay(0.1, 7, 0.0, cycle=True)(21) == np.float32(0.025)
    assert symopt.InverseTimeDecay(0.1, 10, 0.5)(13) == np.float32(0.06060606)
