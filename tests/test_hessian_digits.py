"""Why ``tf.hessians`` differs from TF1's golden value by one unit in the last place, checked.

``a²b + e^{ab}`` at (2, 3), float64: the exact ``a`` block is ``2b + b²e^{ab}``.  symopt evaluates SymPy's
canonical ``b²·e^{ab} + 2b`` (correctly rounded); TF1's gradient graph multiplies ``(e^{ab}·b)·b`` and then adds
``2b``.  Both orders are reproduced here in plain float64, so the explanation in docs/second_order.md is tested.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import mpmath

import symopt.compat.v1 as tf

GOLDEN = json.loads((Path(__file__).parent / "data" / "tf1_schedules_and_semantics.json").read_text())
TF1_A, TF1_B = (float(v) for v in GOLDEN["hessians(a**2*b + exp(a*b), [a, b]) at a=2,b=3 float64"])


def _symopt_blocks() -> list[float]:
    tf.reset_default_graph()
    a = tf.Variable(2.0, dtype=tf.float64)
    b = tf.Variable(3.0, dtype=tf.float64)
    blocks = tf.hessians(a ** 2 * b + tf.exp(a * b), [a, b])
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        return [float(session.run(block)) for block in blocks]


def test_tf1_digit_is_its_operation_order_and_symopt_is_correctly_rounded():
    a, b = 2.0, 3.0
    e = math.exp(a * b)
    symopt_a, symopt_b = _symopt_blocks()
    assert symopt_b == TF1_B == (e * a) * a
    assert TF1_A == (e * b) * b + 2 * b  # TF1's graph order reproduces its digit exactly
    assert symopt_a == b * b * e + 2 * b  # SymPy's canonical b²·e^{ab}, rounded once
    mpmath.mp.dps = 40
    exact = 2 * mpmath.mpf(3) + 9 * mpmath.exp(6)
    assert symopt_a == float(exact)  # the correctly rounded exact value
    assert abs(TF1_A - symopt_a) == math.ulp(symopt_a)  # TF1's is one ulp away
