"""One epoch over a float32 memmap larger than a comfortable in-memory copy: resident memory and parameters.

    python benchmarks/out_of_core.py [--gigabytes 2.4] [--features 1000] [--batch 4096] [--dir /tmp]

Writes ``X`` (rows x features, float32) and ``y`` to ``--dir`` in chunks, then in fresh processes:

* ``out-of-core``: ``minimize(..., data={X: memmap, y: memmap}, batch_size=B, shuffle=False)``;
  peak resident set size (``ru_maxrss``) minus the resident size just before ``minimize``;
* ``out-of-core shuffled``: the same with ``shuffle=True`` (batches in a random order);
* ``in memory``: the same rows read whole with ``np.fromfile``, same call with ``shuffle=False``.

Then compares the parameters of the two unshuffled runs (same batches in the same order, so they
should agree bit for bit) and deletes the files.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

CHILD = r"""
import json, resource, sys, time
import numpy as np
import symopt
from symopt import ops

mode, directory, rows, features, batch = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:6])

def resident():
    with open("/proc/self/statm") as stream:
        return int(stream.read().split()[1]) * resource.getpagesize()

X = symopt.Placeholder("X", (None, features), dtype="float32")
y = symopt.Placeholder("y", (None, 1), dtype="float32")
W = symopt.Variable("W", np.zeros((features, 1), dtype=np.float32), shape=(features, 1))
cost = ops.mean(ops.square(X @ W - y))
if mode == "memory":
    data = {X: np.fromfile(f"{directory}/X.f32", dtype=np.float32).reshape(rows, features),
            y: np.fromfile(f"{directory}/y.f32", dtype=np.float32).reshape(rows, 1)}
else:
    data = {X: np.memmap(f"{directory}/X.f32", dtype=np.float32, mode="r", shape=(rows, features)),
            y: np.memmap(f"{directory}/y.f32", dtype=np.float32, mode="r", shape=(rows, 1))}
symopt.minimize(cost, W, data={X: np.zeros((2, features), np.float32), y: np.zeros((2, 1), np.float32)},
                batch_size=1, dtype="float32")  # compile outside the measurement
before = resident()
start = time.perf_counter()
result = symopt.minimize(cost, W, data=data, optimizer=symopt.GradientDescent(0.01), batch_size=batch,
                         epochs=1, shuffle=mode == "shuffled", seed=0, dtype="float32")
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
np.save(f"{directory}/W_{mode}.npy", result[W])
print(json.dumps({"before_mib": before / 2**20, "peak_mib": peak / 2**20, "growth_mib": (peak - before) / 2**20,
                  "seconds": seconds, "steps": result.steps, "final_cost": result.value}))
"""


def write_data(directory: str, rows: int, features: int, chunk: int = 20_000) -> None:
    rng = np.random.default_rng(0)
    truth = rng.normal(size=(features, 1)).astype(np.float32) / np.sqrt(features)
    with open(f"{directory}/X.f32", "wb") as xs, open(f"{directory}/y.f32", "wb") as ys:
        for start in range(0, rows, chunk):
            block = rng.standard_normal((min(chunk, rows - start), features), dtype=np.float32)
            block.tofile(xs)
            (block @ truth + 0.01 * rng.standard_normal((len(block), 1), dtype=np.float32)).astype(np.float32).tofile(ys)


def child(mode: str, directory: str, rows: int, features: int, batch: int) -> dict:
    output = subprocess.run([sys.executable, "-c", CHILD, mode, directory, str(rows), str(features), str(batch)],
                            check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gigabytes", type=float, default=2.4)
    parser.add_argument("--features", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=4096)
    parser.add_argument("--dir", default="/tmp")
    arguments = parser.parse_args()
    rows = int(arguments.gigabytes * 1e9 / (4 * arguments.features))
    free = shutil.disk_usage(arguments.dir).free
    if free < 2 * rows * arguments.features * 4:
        sys.exit(f"{arguments.dir}: {free / 1e9:.1f} GB free, need about {2 * rows * arguments.features * 4 / 1e9:.1f}")
    directory = tempfile.mkdtemp(prefix="symopt-out-of-core-", dir=arguments.dir)
    try:
        start = time.perf_counter()
        write_data(directory, rows, arguments.features)
        size = os.path.getsize(f"{directory}/X.f32")
        print(f"wrote X: {rows} x {arguments.features} float32 = {size / 1e9:.2f} GB "
              f"in {time.perf_counter() - start:.0f} s")
        runs = {mode: child(mode, directory, rows, arguments.features, arguments.batch)
                for mode in ("memmap", "shuffled", "memory")}
        for mode, numbers in runs.items():
            print(f"{mode:>9}: resident before {numbers['before_mib']:7.0f} MiB, peak {numbers['peak_mib']:7.0f} MiB, "
                  f"growth {numbers['growth_mib']:7.0f} MiB; {numbers['steps']} steps in {numbers['seconds']:.1f} s, "
                  f"final batch cost {numbers['final_cost']:.6g}")
        on_disk, in_memory = (np.load(f"{directory}/W_{m}.npy") for m in ("memmap", "memory"))
        print(f"memmap vs in-memory parameters: max |difference| = {np.max(np.abs(on_disk - in_memory)):.3g} "
              f"(bit-identical: {np.array_equal(on_disk, in_memory)})")
        print(f"growth limit 400 MiB: memmap {'met' if runs['memmap']['growth_mib'] <= 400 else 'MISSED'}, "
              f"shuffled {'met' if runs['shuffled']['growth_mib'] <= 400 else 'MISSED'}")
    finally:
        shutil.rmtree(directory)


if __name__ == "__main__":
    main()
