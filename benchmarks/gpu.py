"""Training steps per second on the accelerator: symopt's JAX backend, hand-written JAX, the NumPy backend.

    PYTHONPATH=. python3 benchmarks/gpu.py [--quick] [--repeats 5]

An MLP 784-1024-1024-10 (ReLU, softmax cross-entropy), Adam with TF1's rule, float32, on synthetic
data (normal features, one-hot labels):

* full batch of 8192 examples: ``symopt.minimize(..., backend="jax", steps=S)`` against a hand-written
  ``jax.jit`` ``fori_loop`` of ``jax.value_and_grad`` + an optax-style Adam (``benchmarks/jax_baselines.py``),
  and the NumPy backend (``backend="numpy"``, on the CPU, fewer steps);
* mini-batches of 8192 from 65 536 examples (8 per epoch, shuffled as the NumPy backend shuffles):
  ``minimize(..., backend="jax", batch_size=8192)`` against the hand-written epoch loop;
* where JAX sees several devices: the full batch data-parallel over all of them (``devices=N``);
* value and gradient at batch 8192: ``f = symopt.compile(cost, parameters, backend="jax")`` called
  ``calls`` times as ``f(feed)`` against a hand-written ``jax.jit(jax.value_and_grad(loss))``, once with the
  feed already on the device (``jax.Array``: symopt passes them through, results stay on the device) and
  once with NumPy arrays (each call sends them).

Every training run starts from NumPy arrays and ends with NumPy parameters (transfers included, compilation
excluded: one untimed warm-up each, whose result is the one compared); times are medians of interleaved
repeats in one process.
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

SIZES = {False: dict(layers=(784, 1024, 1024, 10), batch=8192, steps=2000, numpy_steps=2, epochs=100, batches=8,
                    calls=200),
         True: dict(layers=(784, 64, 64, 10), batch=512, steps=20, numpy_steps=5, epochs=2, batches=4, calls=10)}
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


def hand_written_value_and_grad(parameters, features, labels, calls: int, on_device: bool):
    value_and_grad = jax.jit(jax.value_and_grad(jax_loss(jax)))
    place = jax.device_put if on_device else (lambda x: x)
    arguments = [place([np.asarray(p.init, np.float32) for p in parameters]), place(features), place(labels)]

    def run():
        for _ in range(calls):
            value, gradients = value_and_grad(*arguments)
        return jax.block_until_ready(gradients), value
    return run


def symopt_value_and_grad(cost, parameters, X, Y, features, labels, calls: int, on_device: bool):
    f = symopt.compile(cost, parameters, backend="jax")
    place = jax.device_put if on_device else (lambda x: x)
    feed = {X: place(features), Y: place(labels), **{p: place(np.asarray(p.init, np.float32)) for p in parameters}}

    def run():
        for _ in range(calls):
            value, gradients = f(feed)
        return jax.block_until_ready(gradients), value
    return run


def first_results(runs: dict) -> dict:
    """``runs`` whose first call's result is kept (``.first``): the warm-up's result is the one compared."""
    def remembering(run):
        def call():
            result = run()
            call.__dict__.setdefault("first", result)
            return result
        return call
    return {name: remembering(run) for name, run in runs.items()}


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
    runs = first_results(runs)
    times = interleaved_medians(runs, repeats)
    checks["full batch: max |parameter difference|, symopt vs hand-written"] = largest_difference(
        runs["hand-written JAX"].first[0], runs["symopt backend='jax'"].first[0])
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
    runs = first_results(runs)
    times = interleaved_medians(runs, repeats)
    checks["mini-batches: max |parameter difference|, symopt vs hand-written"] = largest_difference(
        runs["hand-written JAX"].first[0], runs["symopt backend='jax'"].first[0])
    total = epochs * size["batches"]
    rows += [_row(f"mini-batches of {batch}, {size['batches']} per epoch", name, total, seconds,
                  times["hand-written JAX"]) for name, seconds in times.items()]

    features, labels, calls = features[:batch], labels[:batch], size["calls"]
    for on_device, where in ((True, "device arrays"), (False, "NumPy arrays")):
        runs = first_results({
            "hand-written jax.jit(jax.value_and_grad)": hand_written_value_and_grad(parameters, features, labels,
                                                                                   calls, on_device),
            "symopt compile(backend='jax'), f(feed)": symopt_value_and_grad(cost, parameters, X, Y, features, labels,
                                                                           calls, on_device)})
        times = interleaved_medians(runs, repeats)
        hand, ours = (runs[name].first for name in times)
        checks[f"value and gradient ({where}): max |gradient difference|"] = largest_difference(hand[0], ours[0])
        if on_device:
            checks["value and gradient (device arrays): results are jax.Array (1 = yes)"] = float(
                all(isinstance(x, jax.Array) for x in (ours[1], *ours[0])))
        rows += [_row(f"value and gradient {batch}, {where}", name, calls, seconds,
                      times["hand-written jax.jit(jax.value_and_grad)"]) for name, seconds in times.items()]
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
             f"{'setting':38s} {'implementation':42s} {'steps':>6s} {'steps/s':>10s} {'time / hand-written':>20s}"]
    for row in report["rows"]:
        lines.append(f"{row['setting']:38s} {row['implementation']:42s} {row['steps']:6d} "
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
