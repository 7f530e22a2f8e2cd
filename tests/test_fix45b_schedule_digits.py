"""TF1's learning-rate schedules bit for bit at the steps where symopt was an ulp (or 13) off (review final44b F44b-10).

Expected rates: TensorFlow 2.21 ``tf.compat.v1`` in graph mode on the CPU (Grappler on, glibc 2.36), each schedule
run on a fed ``tf.placeholder(tf.int64, [])`` step, printed as the little-endian hex of its float32 bits.  The same
bits come from a variable step and a ``tf.cast(gs, tf.int32)`` step in TF.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf

CASES = {  # name -> (schedule of a step, {step: TF 2.21's float32 bits})
    "cosine_decay(0.1, t, 5, alpha=0.1)": (lambda t: tf.train.cosine_decay(0.1, t, 5, alpha=0.1),
                                           {3: "6d52283d", 4: "ef52983c"}),
    "cosine_decay(0.1, t, 7)": (lambda t: tf.train.cosine_decay(0.1, t, 7), {6: "a740a23b"}),
    "exponential_decay(0.1, t, 1000, 0.96)": (lambda t: tf.train.exponential_decay(0.1, t, 1000, 0.96),
                                              {6846: "f1dd9a3d", 7028: "7bb8993d"}),
    "exponential_decay(0.1, t, 7, 0.96)": (lambda t: tf.train.exponential_decay(0.1, t, 7, 0.96),
                                           {5: "20eac63d", 9: "0454c23d", 2303: "29cf1d34"}),
    "natural_exp_decay(0.1, t, 100, 0.05)": (lambda t: tf.train.natural_exp_decay(0.1, t, 100, 0.05),
                                             {52: "398bc73d", 637: "48f0943d"}),
    "natural_exp_decay(0.1, t, 100, 0.05, staircase=True)": (
        lambda t: tf.train.natural_exp_decay(0.1, t, 100, 0.05, staircase=True), {45101: "94908d2d"}),
    "polynomial_decay(0.1, t, 777, 0.001, power=0.5, cycle=True)": (
        lambda t: tf.train.polynomial_decay(0.1, t, 777, 0.001, power=0.5, cycle=True),
        {267: "9d4fa63d", 1299: "e65b283d"}),
    "polynomial_decay(0.1, t, 3333, 0.001, power=2.0)": (
        lambda t: tf.train.polynomial_decay(0.1, t, 3333, 0.001, power=2.0), {611: "fc46893d"}),
}


def _bits(value) -> str:
    return np.float32(value).tobytes().hex()


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("spelling", ["fed", "variable", "cast"])
def test_rate_is_tf1s_bits(name, spelling):
    make, expected = CASES[name]
    tf.reset_default_graph()
    gs = tf.train.get_or_create_global_step()
    step = {"fed": lambda: tf.placeholder(tf.int64, []), "variable": lambda: gs,
            "cast": lambda: tf.cast(gs, tf.int32)}[spelling]()
    rate = make(step)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for t, bits in expected.items():
            if spelling == "fed":
                got = session.run(rate, {step: t})
            else:
                gs.load(t, session)
                got = session.run(rate)
            assert _bits(got) == bits, f"{name} at step {t} ({spelling}): {got!r}"
