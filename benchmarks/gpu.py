"""Training steps per second on the accelerator: symopt's JAX backend, hand-written JAX, the NumPy backend.

    PYTHONPATH=. python3 benchmarks/gpu.py [--quick] [--repeats 5]

An MLP 784-1024-1024-10 (ReLU, softmax cross-entropy), Adam with TF1's rule, float32, on synthetic
data (normal features, one-hot labels):

* full batch of 8192 examples: ``symopt.minimize(..., backend="jax", steps=S)`` against a hand-written
  ``jax.jit`` ``fori_loop`` of ``jax.value_and_grad`` + an optax-style Adam (``benchmarks/jax_baselines.py``),
  and the NumPy backend (``backend="numpy"``, on the CPU, fewer steps);
* mini-batches of 8192 from 65 536 examples (8 per epoch, shuffled as the NumPy backend shuffles):
  ``minimize(..., backend="jax", batch_size=8192)`` against the hand-written epoch loop;
* where JAX sees several devices: the full batch data-parallel over all of them (``devices=N``).

Every run starts from NumPy arrays and ends with NumPy parameters (transfers included, compilation
excluded: one untimed warm-up each); times are medians of interleaved repeats in one process.
Prints a table; with ``OUT`` set, also writes it to ``$OUT/gpu.json``.  ``--quick``: small sizes
for a CPU check.  Needs only numpy, sympy and jax (CUDA wheels for a GPU).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

import jax  # noqa: E402
import numpy as np  # noqa: E402
import sympy  # noqa: E402

import symopt  # noqa: E402
from jax_baselines import (epoch_trainer, full_batch_trainer, interleaved_medians, jax_loss,  # noqa: E402
                           symopt_mlp, synthetic_data, tf1_adam)

SIZES = {False: dict(layers=(784, 1024, 1024, 10), batch=8192, steps=2000, numpy_steps=2, epochs=100, batches=8),
         True: dict(layers=(784, 64, 64, 10), batch=512, steps=20, numpy_steps=5, epochs=2, batches=4)}
LEARNING_RATE = 0.001


def hand_written_full_batch(parameters, features, labels, steps: int):
    init, update = tf1_adam(jax, LEARNING_RATE)
    train = full_batch_trainer(jax, jax_loss(jax), update)

    def run():
        params = [jax.device_put(np.asarray(p.init, np.float32)) for p in parameters]
        params, _, costs = train(params, init(params), jax.device_put(features), jax.device_put(labels), steps)
        return [np.asarray(p) for p in params], np.asarray(costs)
    return run


def hand_written_epochs(parameters, features, labels, batch: int, epochs: int, seed: int):
    init, update = tf1_adam(jax, LEARNING_RATE)
    epoch = epoch_trainer(jax, jax_loss(jax), update, batch)

    def run():
        params = [jax.device_put(np.asarray(p.init, np.float32)) for p in parameters]
        state, data = init(params), [jax.device_put(features), jax.device_put(labels)]
        rng = np.random.default_rng(seed)
        for _ in range(epochs):
            params, state, _ = epoch(params, state, *data, rng.permutation(len(features)).astype(np.int32))
        return [np.asarray(p) for p in params], None
    return run


def symopt_run(cost, parameters, X, Y, features, labels, **options):
    def run():
        result = symopt.minimize(cost, parameters, data={X: features, Y: labels}, optimizer=symopt.Adam(LEARNING_RATE),
                                 **options)
        return [result[p] for p in parameters], result
    return run


def largest_difference(first, second) -> float:
    return max(float(np.abs(np.asarray(a) - np.asarray(b)).max()) for a, b in zip(first, second))


def measure(quick: bool, repeats: int) -> dict:
    size = SIZES[quick]
    X, Y, parameters, cost = symopt_mlp(size["layers"])
    rows, checks = [], {}
    steps, batch = size["steps"], size["batch"]

    features, labels = synthetic_data(batch, size["layers"])
    runs = {"hand-written JAX": hand_written_full_batch(parameters, features, labels, steps),
            "symopt backend='jax'": symopt_run(cost, parameters, X, Y, features, labels, steps=steps, backend="jax")}
    if jax.device_count() > 1:
        runs[f"symopt backend='jax', devices={jax.device_count()}"] = symopt_run(
            cost, parameters, X, Y, features, labels, steps=steps, backend="jax", devices=jax.device_count())
    checks["full batch: max |parameter difference|, symopt vs hand-written"] = largest_difference(
        runs["hand-written JAX"]()[0], runs["symopt backend='jax'"]()[0])
    times = interleaved_medians(runs, repeats)
    rows += [_row(f"full batch {batch}", name, steps, seconds, times["hand-written JAX"]) for name, seconds in
             times.items()]

    numpy_steps = size["numpy_steps"]
    numpy_run = symopt_run(cost, parameters, X, Y, features, labels, steps=numpy_steps, dtype="float32")
    numpy_seconds = interleaved_medians({"numpy": numpy_run}, max(1, repeats // 2))["numpy"]
    rows.append(_row(f"full batch {batch}", "symopt backend='numpy' (CPU)", numpy_steps, numpy_seconds,
                     times["hand-written JAX"] * numpy_steps / steps))

    epochs = size["epochs"]
    features, labels = synthetic_data(batch * size["batches"], size["layers"], seed=2)
    runs = {"hand-written JAX": hand_written_epochs(parameters, features, labels, batch, epochs, seed=0),
            "symopt backend='jax'": symopt_run(cost, parameters, X, Y, features, labels, batch_size=batch,
                                               epochs=epochs, seed=0, backend="jax")}
    checks["mini-batches: max |parameter difference|, symopt vs hand-written"] = largest_difference(
        runs["hand-written JAX"]()[0], runs["symopt backend='jax'"]()[0])
    times = interleaved_medians(runs, repeats)
    total = epochs * size["batches"]
    rows += [_row(f"mini-batches of {batch}, {size['batches']} per epoch", name, total, seconds,
                  times["hand-written JAX"]) for name, seconds in times.items()]
    return {"rows": rows, "checks": checks, "model": "-".join(map(str, size["layers"])), "batch": batch}


def _row(setting: str, name: str, steps: int, seconds: float, hand_seconds_for_same_steps: float) -> dict:
    return {"setting": setting, "implementation": name, "steps": steps, "seconds": seconds,
            "steps_per_second": steps / seconds, "time_ratio_to_hand_written": seconds / hand_seconds_for_same_steps}


def machine() -> dict:
    device = jax.devices()[0]
    return {"python": platform.python_version(), "jax": jax.__version__, "numpy": np.__version__,
            "sympy": sympy.__version__, "platform": device.platform, "device": device.device_kind,
            "device_count": jax.device_count(), "cpu_count": os.cpu_count(),
            "matmul_precision": str(jax.config.jax_default_matmul_precision)}


def table(report: dict) -> str:
    lines = [f"MLP {report['model']}, Adam (TF1), float32 (matrix products: {report['machine']['matmul_precision']}) "
             f"on {report['machine']['device']} "
             f"x{report['machine']['device_count']} (jax {report['machine']['jax']}, numpy {report['machine']['numpy']}, "
             f"python {report['machine']['python']}); medians of {report['repeats']} repeats",
             f"{'setting':38s} {'implementation':40s} {'steps':>6s} {'steps/s':>10s} {'time / hand-written':>20s}"]
    for row in report["rows"]:
        lines.append(f"{row['setting']:38s} {row['implementation']:40s} {row['steps']:6d} "
                     f"{row['steps_per_second']:10.2f} {row['time_ratio_to_hand_written']:19.2f}x")
    lines += [f"{name}: {value:.2e}" for name, value in report["checks"].items()]
    lines.append(f"total time of the benchmark: {report['seconds']:.1f} s")
    return "\n".join(lines)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (a CPU check)")
    parser.add_argument("--repeats", type=int, default=None)
    parser.add_argument("--precision", default="highest,tensorfloat32",
                        help="comma-separated jax_default_matmul_precision values, one table each (symopt and the "
                             "hand-written code run at the same one; symopt's own default is 'highest')")
    arguments = parser.parse_args(argv)
    repeats = arguments.repeats or (3 if arguments.quick else 5)
    reports = []
    for precision in arguments.precision.split(","):
        jax.config.update("jax_default_matmul_precision", precision)
        started = time.perf_counter()
        report = {"machine": machine(), "repeats": repeats, "quick": arguments.quick,
                  **measure(arguments.quick, repeats)}
        report["seconds"] = time.perf_counter() - started
        print(table(report), flush=True)
        reports.append(report)
    if os.environ.get("OUT"):
        path = Path(os.environ["OUT"]) / "gpu.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(reports, indent=2))
        print(f"wrote {path}")
    return reports


if __name__ == "__main__":
    main()
