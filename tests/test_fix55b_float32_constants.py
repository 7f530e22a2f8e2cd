"""A float32 constant in a formula is written as float32 writes it (final41c F41c-10): ``np.float32(0.8)`` widened
to float64 is 0.800000011920929..., noise the user never typed, so the formula reads ``J = 0.8v`` beside
``1.6w - 1.6`` for its double, not ``J = 0.800000011920929v``."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt

w = sympy.Symbol("w")


@pytest.mark.parametrize("typed, double", [("0.8", "1.6"), ("0.7", "1.4")])
def test_a_float32_constant_reads_as_typed(typed, double):
    constant = np.float32(float(typed))
    assert float(constant) != float(typed) and str(constant) == typed  # the oracle: float32's own shortest text
    lines = symopt.derive(constant * (w - 1) ** 2, [w], at={w: 2.0}).text().splitlines()
    assert lines[3] == f"  J = {typed}v = {typed}"
    assert lines[5] == f"  dJ/dv = {typed}"
    assert lines[-1] == f"  dJ/dw = {double}w - {double} = {double}"
