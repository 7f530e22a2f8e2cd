"""Resident memory while training the digits-sized network for many steps, and the compile cache.

    python benchmarks/memory.py [--steps 100000]

Trains a 64-32-16-10 ReLU/softmax network (the shape of scikit-learn's digits; synthetic
data so the script needs nothing beyond symopt) with mini-batches of 32 and Adam, sampling
the process's resident set size (RSS) every ``--every`` steps. Flat memory means no
per-step leak: the loop keeps no references to old arrays and the compile cache is bounded.
"""

from __future__ import annotations

import argparse
import platform
import time

import numpy as np

import symopt
from symopt import ops
from symopt.compiler import CACHE


def resident_mib() -> float:
    with open("/proc/self/statm") as stream:
        pages = int(stream.read().split()[1])
    import resource
    return pages * resource.getpagesize() / 2**20


def network(seed: int = 0):
    rng = np.random.default_rng(seed)
    sizes = [64, 32, 16, 10]
    X = symopt.Placeholder("X", (None, 64))
    Y = symopt.Placeholder("Y", (None, 10))
    activation, parameters = X, []
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        W = symopt.Variable(f"W{i + 1}", rng.normal(size=(n_in, n_out)) * np.sqrt(2 / n_in), shape=(n_in, n_out))
        b = symopt.Variable(f"b{i + 1}", 0.0, shape=(1, n_out))
        parameters += [W, b]
        z = ops.bias_add(activation @ W, b)
        activation = ops.relu(z) if i < len(sizes) - 2 else z
    return ops.softmax_cross_entropy(activation, Y), parameters, X, Y


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=100_000)
    parser.add_argument("--every", type=int, default=10_000)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(1)
    features = rng.normal(size=(1437, 64))
    labels = np.eye(10)[rng.integers(0, 10, 1437)]
    cost, parameters, X, Y = network()
    samples = []

    def watch(step, value, params):
        if step % args.every == 0:
            samples.append((step, resident_mib()))
        return False

    batches_per_epoch = -(-len(features) // 32)
    epochs = -(-args.steps // batches_per_epoch)
    print(f"machine: {platform.platform()} | Python {platform.python_version()} | numpy {np.__version__}")
    start_rss, start = resident_mib(), time.perf_counter()
    result = symopt.minimize(cost, parameters, data={X: features, Y: labels}, optimizer=symopt.Adam(0.001),
                             batch_size=32, epochs=epochs, seed=0, callback=watch)
    seconds = time.perf_counter() - start
    print(f"steps: {result.steps} in {seconds:.1f} s ({seconds / result.steps * 1e6:.1f} µs per step)")
    print(f"RSS before training: {start_rss:.1f} MiB")
    for step, rss in samples:
        print(f"  after {step:>7} steps: {rss:.1f} MiB")
    first, last = samples[0][1], samples[-1][1]
    history = (samples[-1][0] - samples[0][0]) * 8 / 2**20
    print(f"growth from the first sample to the last: {last - first:+.2f} MiB "
          f"(the cost history itself, 8 bytes a step, accounts for {history:.2f} MiB)")
    for i in range(300):
        variable = symopt.Variable(f"c{i}", 0.0)
        symopt.compile(variable ** 2, variable)
    print(f"compile cache after 300 distinct compiles: {len(CACHE.entries)} entries (bound {CACHE.size})")


if __name__ == "__main__":
    main()
