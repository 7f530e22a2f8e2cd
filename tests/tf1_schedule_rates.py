"""Regenerate ``tests/data/tf1_schedule_rates.json.gz``: TF1's learning-rate schedules at steps 0..199, as
``tf.compat.v1`` runs them in a session (graph mode, Grappler on: a division by a constant becomes a
multiplication by its float32 reciprocal).  Needs TensorFlow: ``python tests/tf1_schedule_rates.py``."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

SCHEDULES = {  # name -> (function of global_step and s)
    "exp": lambda tf, gs, s: tf.train.exponential_decay(0.1, gs, s, 0.5),
    "exp_stair": lambda tf, gs, s: tf.train.exponential_decay(0.1, gs, s, 0.5, staircase=True),
    "inv": lambda tf, gs, s: tf.train.inverse_time_decay(0.1, gs, s, 0.5),
    "inv_stair": lambda tf, gs, s: tf.train.inverse_time_decay(0.1, gs, s, 0.5, staircase=True),
    "nat": lambda tf, gs, s: tf.train.natural_exp_decay(0.1, gs, s, 0.5),
    "poly": lambda tf, gs, s: tf.train.polynomial_decay(0.1, gs, s * 20, 0.001, power=0.5),
    "poly_cycle": lambda tf, gs, s: tf.train.polynomial_decay(0.1, gs, s, 0.001, power=0.5, cycle=True),
}
DECAY_STEPS = (3, 7, 15)
STEPS = 200


def main() -> None:
    import tensorflow.compat.v1 as tf
    tf.disable_v2_behavior()
    rates = {}
    for name, make in SCHEDULES.items():
        for s in DECAY_STEPS:
            with tf.Graph().as_default():
                gs = tf.placeholder(tf.int64, [])
                rate = make(tf, gs, s)
                with tf.Session() as session:
                    rates[f"{name}_{s}"] = [float.hex(float(session.run(rate, {gs: t}))) for t in range(STEPS)]
    data = {"source": f"TensorFlow {tf.__version__} tf.compat.v1 in graph mode on the CPU (Grappler on); regenerate "
                      "with python tests/tf1_schedule_rates.py (needs TensorFlow)", "steps": STEPS, "rates": rates}
    with gzip.open(Path(__file__).parent / "data" / "tf1_schedule_rates.json.gz", "wt") as handle:
        json.dump(data, handle)


if __name__ == "__main__":
    main()
