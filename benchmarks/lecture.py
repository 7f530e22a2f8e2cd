"""The lecture's program, timed per step: symopt against a hand-written pure-Python loop.

    python benchmarks/lecture.py [--steps 10000] [--repeats 7]

(a) ``session.run(train, feed_dict={x: coefficients})``, the TF1-style loop through
    ``symopt.compat.v1`` (only when that module exists and has ``Session``);
(b) ``symopt.minimize(w**2 - 10*w + 25, w, optimizer=GradientDescent(0.01), steps=N)``,
    divided by N (compilation included: it is part of every call);
(c) the same loop written by hand in pure Python: cost, gradient, update, cost stored in a list.

Reports medians of repeated runs in one process, and RATIOS against (c).  This is a
script, not a test: timed assertions do not belong in the test suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy  # noqa: E402
import sympy  # noqa: E402

import symopt  # noqa: E402

COEFFICIENTS = [[1.0], [-10.0], [25.0]]


def median_seconds(function, repeats: int) -> float:
    """Median wall time of ``function()`` over ``repeats`` runs (after one warm-up run)."""
    function()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


# ------------------------------------------------------------------ (b) symopt.minimize

def bench_minimize(steps: int, repeats: int) -> float:
    """Seconds per step of ``symopt.minimize`` (one call of ``steps`` steps, compilation included)."""
    w = symopt.Variable("w", 0.0)
    cost = w ** 2 - 10 * w + 25
    optimizer = symopt.GradientDescent(0.01)

    def run():
        result = symopt.minimize(cost, w, optimizer=optimizer, steps=steps)
        assert abs(result[w] - 5.0) < 1e-3 or steps < 1000

    return median_seconds(run, repeats) / steps


def bench_minimize_overhead(repeats: int) -> float:
    """Seconds for a one-step ``symopt.minimize`` call: differentiation, code generation, setup."""
    w = symopt.Variable("w", 0.0)
    cost = w ** 2 - 10 * w + 25
    return median_seconds(lambda: symopt.minimize(cost, w, optimizer=symopt.GradientDescent(0.01), steps=1),
                          repeats)


# ------------------------------------------------------------------ (c) hand-written pure Python

def hand_written(steps: int):
    w, lr, history = 0.0, 0.01, []
    for _ in range(steps):
        cost = w ** 2 - 10 * w + 25
        gradient = 2 * w - 10
        history.append(cost)
        w = w - gradient * lr
    return w, history


def bench_hand_written(steps: int, repeats: int) -> float:
    return median_seconds(lambda: hand_written(steps), repeats) / steps


# ------------------------------------------------------------------ (a) TF1-style compat session

def bench_compat(steps: int, repeats: int) -> float | None:
    """Seconds per ``session.run(train, feed_dict={x: coefficients})`` with the lecture's placeholder cost.

    Returns None (and says why) when ``symopt.compat.v1`` is not available yet.
    """
    try:
        import symopt.compat.v1 as tf
    except ImportError as error:
        print(f"(a) symopt.compat.v1: not available yet ({error})")
        return None
    if not hasattr(tf, "Session"):
        print("(a) symopt.compat.v1: not available yet (no Session)")
        return None
    try:
        x = tf.placeholder(tf.float32, [3, 1])
        w = tf.Variable(0, dtype=tf.float32)
        try:
            cost = x[0][0] * w ** 2 + x[1][0] * w + x[2][0]  # the lecture's spelling
        except Exception:  # noqa: BLE001 - fall back to SymPy's indexing
            cost = x[0, 0] * w ** 2 + x[1, 0] * w + x[2, 0]
        train = tf.train.GradientDescentOptimizer(0.01).minimize(cost)
        init = tf.global_variables_initializer()
        session = tf.Session()
        coefficients = numpy.array(COEFFICIENTS, dtype=numpy.float32)

        def run():
            session.run(init)
            for _ in range(steps):
                session.run(train, feed_dict={x: coefficients})

        seconds = median_seconds(run, repeats) / steps
        session.run(init)
        for _ in range(1001):
            session.run(train, feed_dict={x: coefficients})
        print(f"(a) after 1001 steps w = {session.run(w)!s} (TF1 prints 4.9999886)")
        if hasattr(session, "close"):
            session.close()
        return seconds
    except Exception as error:  # noqa: BLE001 - report and go on: the compat layer is optional
        print(f"(a) symopt.compat.v1 is present but the TF1 lecture program failed: {type(error).__name__}: {error}")
        return None


# ------------------------------------------------------------------ report

def machine() -> str:
    return (f"{platform.platform()} | {platform.machine()} {platform.processor() or ''}".rstrip()
            + f" | {os.cpu_count()} CPUs | Python {platform.python_version()}"
            + f" | numpy {numpy.__version__} | sympy {sympy.__version__} | symopt {symopt.__version__}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    print(f"machine: {machine()}")
    print(f"steps per run: {args.steps}, repeats: {args.repeats} (medians)")
    hand = bench_hand_written(args.steps, args.repeats)
    ours = bench_minimize(args.steps, args.repeats)
    overhead = bench_minimize_overhead(args.repeats)
    compat = bench_compat(args.steps, args.repeats)
    print(f"(b) symopt.minimize per step:       {ours * 1e6:9.3f} µs")
    print(f"(c) hand-written Python per step:   {hand * 1e6:9.3f} µs")
    print(f"ratio (b)/(c):                      {ours / hand:9.2f}")
    print(f"    (one-step minimize call, i.e. differentiate + generate + set up: {overhead * 1e3:.2f} ms)")
    loop_only = (ours * args.steps - overhead) / (args.steps - 1)
    print(f"(b') minimize per step, set-up removed: {loop_only * 1e6:7.3f} µs")
    print(f"ratio (b')/(c):                     {loop_only / hand:9.2f}")
    if compat is not None:
        print(f"(a) compat.v1 session.run per step:  {compat * 1e6:9.3f} µs")
        print(f"ratio (a)/(c):                      {compat / hand:9.2f}")


if __name__ == "__main__":
    main()
