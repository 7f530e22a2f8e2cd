"""Resident memory while training the digits-sized network for many steps, and the compile cache; memory per step.

    python benchmarks/memory.py [--steps 100000]
    python benchmarks/memory.py --per-step [--batch 4096] [--loop 10] [--repeats 5]

Trains a 64-32-16-10 ReLU/softmax network (the shape of scikit-learn's digits; synthetic
data so the script needs nothing beyond symopt) with mini-batches of 32 and Adam, sampling
the process's resident set size (RSS) every ``--every`` steps. Flat memory means no
per-step leak: the loop keeps no references to old arrays and the compile cache is bounded.

``--per-step``: peak traced memory (tracemalloc, above what was allocated before) and time of one fused
Adam step and of ``--loop`` steps of the generated full-batch ``train`` loop, MLP 784-256-128-10 in float64
at batch ``--batch``, against hand-written NumPy (in-place Adam, ``benchmarks/models.py``) and against the
same Program emitted without buffer reuse (no ``del`` of temporaries, no in-place update: the code
symopt generated before).  Timings are interleaved medians; speed stays out of the test suite.
"""

from __future__ import annotations

import argparse
import platform
import statistics
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


def per_step(batch: int, loop: int, repeats: int) -> None:
    """Print peak MiB and ms per step: hand-written, symopt, symopt without buffer reuse (one step; ``loop`` steps)."""
    import models  # benchmarks/models.py: the MLP, its hand-written pass and in-place Adam
    from compare_workloads import _peak_mib as peak_mib  # tracemalloc's peak above what was allocated before
    from symopt.codegen import compile_source
    from symopt.emit import emit, program_names
    from symopt.fused import compile_step, step_program
    from symopt.printers import NumPyProgramPrinter

    class WithoutReuse(NumPyProgramPrinter):
        reuses_buffers = False

    layers = (784, 256, 128, 10)
    values = models.initial_network(layers)
    rng = np.random.default_rng(0)
    X, Y = rng.random((batch, layers[0])), np.eye(layers[-1])[rng.integers(0, layers[-1], batch)]
    cost, parameters, data = models.network_model(layers, values)
    optimizer = symopt.Adam(models.LR)
    compiled = compile_step(cost, parameters, optimizer, data, dtype="float64")
    program = step_program(cost, parameters, optimizer, data, dtype="float64")
    slots, shared = compiled.initial_slots(values)
    state, hyper = [v.copy() for v in values] + slots + shared, compiled.hyper_arguments()
    functions = {}
    for label, printer_class in (("symopt", NumPyProgramPrinter), ("no reuse", WithoutReuse)):
        printer = printer_class(program_names(program), dtype="float64")
        step_source, train_source = emit(program, printer, ("step", "train"))
        step = compile_source(step_source, "step", printer.namespace())
        train = compile_source(train_source, "train", printer.namespace())
        history = np.zeros(loop)
        functions[label] = (lambda step=step: step(*state, *hyper, X, Y),
                            lambda train=train, history=history: train(loop, history, None, *state, *hyper, X, Y))
    hand_params = [v.copy() for v in values]
    adam = models.HandAdam(hand_params)

    def hand_step():
        adam.update(hand_params, models.network_hand(hand_params, X, Y)[1])

    def hand_loop():
        for _ in range(loop):
            hand_step()
    functions["hand"] = (hand_step, hand_loop)
    print(f"MLP {'-'.join(map(str, layers))}, float64, batch {batch}, Adam; peak above set-up (tracemalloc) and "
          f"time per step (median of {repeats}, interleaved); ratios to hand")
    for row, (title, units) in enumerate((("one fused step", 1), (f"train loop, {loop} steps", loop))):
        peaks = {name: statistics.median(peak_mib(pair[row]) for _ in range(3)) for name, pair in functions.items()}
        times = models.compare({name: pair[row] for name, pair in functions.items()}, repeats, 0.2)
        print(f"  {title}:")
        for name in ("hand", "symopt", "no reuse"):
            print(f"    {name:>9}: {peaks[name]:6.1f} MiB ({peaks[name] / peaks['hand']:.2f}x)  "
                  f"{times[name] / units * 1e3:7.2f} ms/step ({times.ratio(name, 'hand'):.2f}x)")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=100_000)
    parser.add_argument("--every", type=int, default=10_000)
    parser.add_argument("--per-step", action="store_true", help="memory and time per step against hand NumPy")
    parser.add_argument("--batch", type=int, default=4096)
    parser.add_argument("--loop", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    if args.per_step:
        print(f"machine: {platform.platform()} | Python {platform.python_version()} | numpy {np.__version__}")
        return per_step(args.batch, args.loop, args.repeats)
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
