"""Arithmetic on float64 scalar constants rounds once per op, as TF1's kernels do (review4 Q4): a scalar constant was
a 64-bit SymPy Float, so SymPy folded ``tf.constant(1/3, tf.float64) * 3`` exactly (1 - 2**-54) and the printed
literal rounded it down, 0.9999999999999999 where TF1 gives 1.0; 53 of 150 random chains of such ops differed from
TF 2.21 in the last bit.  Oracle: Python's float arithmetic (IEEE double, one rounding per op, the operations in
TF1's order), which TF 2.21 matched on all 150 chains.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import operator
import random

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

OPERATORS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}


def test_a_third_times_three_is_one():
    c = tf.constant(1 / 3, tf.float64)
    x = tf.placeholder(tf.float64, [])
    with tf.Session() as sess:
        values = sess.run([c * 3, 3 * c, c + c + c, c / 3 * 9, c * 3 - 1, c * c * 9, c * 3 * x], {x: 3.0})
    assert [float(v) for v in values] == [1.0, 1.0, 1.0, 1.0, 0.0, 1.0, 3.0]  # TF 2.21 tf.compat.v1


def test_chains_of_float64_constants_round_once_per_op():
    rng = random.Random(0)
    numbers = [1 / 3, 0.1, 0.7, 2 / 7, 1e-3, 3.3, 1 / 9, 0.2, 5.1]
    tensors, expected = [], []
    for _ in range(150):
        values = [rng.choice(numbers) for _ in range(4)]
        symbols = [rng.choice("+-*/") for _ in range(3)]
        factor = rng.choice([3, 7, 10, 0.5])
        tensor, value = tf.constant(values[0], tf.float64), values[0]
        for symbol, operand in zip(symbols, values[1:]):
            tensor = OPERATORS[symbol](tensor, tf.constant(operand, tf.float64))
            value = OPERATORS[symbol](value, operand)
        tensors.append(tensor * factor)
        expected.append(value * factor)
    with tf.Session() as sess:
        got = [float(v) for v in sess.run(tensors)]
    assert got == expected
    assert got[:4] == [0.0015, -34.57142857142856, 0.174, 7.7142857142857135]  # TF 2.21 tf.compat.v1
