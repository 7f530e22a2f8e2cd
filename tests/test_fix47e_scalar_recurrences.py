"""P84-2: HOML ch9's autodiff demo, an unrolled scalar recurrence ``z = a * tf.cos(z + i) + z * tf.sin(b - i)``
on scalar variables, builds (and differentiates) in work that grows with the number of steps, not doubling per
step: SymPy's evaluation of ``cos(z + i)`` asked the sign of ``z + i``, which walked ``z`` as a tree.  Work is
bounded by counting the SymPy nodes visited (reads of ``args``), never by wall time; values against TF 2.21's
``tf.compat.v1`` (disable_v2_behavior) on the same program, and NumPy's float64 recurrence."""

import numpy as np
import pytest
import sympy

import symopt.compat.v1 as tf

#: More reads than this at depth 40 is the doubling (the code before the fix needed millions by depth 16).
READ_LIMIT = 1_000_000


class TooMuchWork(Exception):
    pass


def _recurrence(depth: int, kind: str):
    a = tf.Variable(0.2, name="a")
    b = tf.Variable(0.3, name="b")
    z = tf.constant(0.0, name="z0")
    for i in range(depth):
        if kind == "cos":
            z = a * tf.cos(z + i) + z * tf.sin(b - i)
        else:
            z = a * tf.tanh(z + i) + z * tf.sigmoid(b - i)
    return z, tf.gradients(z, [a, b])


def _reads_to_build(monkeypatch, depth: int, kind: str) -> int:
    reads = [0]
    original = sympy.Basic.args

    def counted(node):
        reads[0] += 1
        if reads[0] > READ_LIMIT:
            raise TooMuchWork(f"more than {READ_LIMIT} SymPy nodes visited building depth {depth}")
        return original.fget(node)
    with tf.Graph().as_default():
        monkeypatch.setattr(sympy.Basic, "args", property(counted))
        try:
            _recurrence(depth, kind)
        finally:
            monkeypatch.setattr(sympy.Basic, "args", original)
    return reads[0]


@pytest.mark.parametrize("kind", ["cos", "tanh"])
def test_an_unrolled_scalar_recurrence_builds_in_work_that_grows_with_its_depth(monkeypatch, kind):
    _reads_to_build(monkeypatch, 5, kind)  # first-use caches out of the count
    shallow = _reads_to_build(monkeypatch, 20, kind)
    deep = _reads_to_build(monkeypatch, 40, kind)
    assert deep < 4 * shallow, (shallow, deep)  # doubling per step would be 2**20 times


# TF 2.21 (tf.compat.v1, disable_v2_behavior) on the same program at depth 30: z, then d z / d a and d z / d b.
TF_DEPTH_30 = {
    "cos": (-0.20810877, [-0.99517685, 0.21721748]),  # NumPy float64: z = -0.20810876367544573
    "tanh": (0.2, [1.0, 6.867174e-14]),
}


@pytest.mark.parametrize("kind", list(TF_DEPTH_30))
def test_an_unrolled_scalar_recurrence_gives_tensorflows_values_and_gradients(kind):
    expected_z, expected_gradients = TF_DEPTH_30[kind]
    with tf.Graph().as_default():
        z, gradients = _recurrence(30, kind)
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            np.testing.assert_allclose(session.run(z), expected_z, rtol=1e-5)
            np.testing.assert_allclose(session.run(gradients), expected_gradients, rtol=1e-5)
