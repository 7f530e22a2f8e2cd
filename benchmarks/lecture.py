"""The lecture's program, timed per step: symopt against a hand-written pure-Python loop.

    python benchmarks/lecture.py [--steps 10000] [--repeats 7]

(a) ``session.run(train, feed_dict={x: coefficients})``, the TF1-style loop through
    ``symopt.compat.v1``, and (a0) the generated step it calls, alone (the session's floor);
(b) ``symopt.minimize(w**2 - 10*w + 25, w, optimizer=GradientDescent(0.01), steps=N)``,
    divided by N (compilation included: it is part of every call);
(c) the same loop written by hand in pure Python: cost, gradient, update, cost stored in a list.

Reports medians of runs timed in turns (interleaved) in one process, and RATIOS against (c).  This is a
script, not a test: timed assertions do not belong in the test suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy  # noqa: E402
import sympy  # noqa: E402

import symopt  # noqa: E402
from jax_baselines import interleaved_medians  # noqa: E402  (the benchmarks' one timer)

COEFFICIENTS = [[1.0], [-10.0], [25.0]]


# ------------------------------------------------------------------ (b) symopt.minimize

def minimize_run(steps: int):
    """One ``symopt.minimize`` call of ``steps`` steps (compilation included: it is part of every call)."""
    w = symopt.Variable("w", 0.0)
    cost = w ** 2 - 10 * w + 25
    optimizer = symopt.GradientDescent(0.01)

    def run():
        result = symopt.minimize(cost, w, optimizer=optimizer, steps=steps)
        assert abs(result[w] - 5.0) < 1e-3 or steps < 1000
    return run


def minimize_overhead_run():
    """A one-step ``symopt.minimize`` call: differentiation, code generation, set-up."""
    w = symopt.Variable("w", 0.0)
    cost = w ** 2 - 10 * w + 25
    return lambda: symopt.minimize(cost, w, optimizer=symopt.GradientDescent(0.01), steps=1)


# ------------------------------------------------------------------ (c) hand-written pure Python

def hand_written(steps: int):
    w, lr, history = 0.0, 0.01, []
    for _ in range(steps):
        cost = w ** 2 - 10 * w + 25
        gradient = 2 * w - 10
        history.append(cost)
        w = w - gradient * lr
    return w, history


# ------------------------------------------------------------------ (a) TF1-style compat session

def compat_run(steps: int):
    """``steps`` calls of ``session.run(train, feed_dict={x: coefficients})`` with the lecture's placeholder cost
    (a float32 feed of the placeholder's shape: passed to the step as it is); ``None`` (saying why) when
    ``symopt.compat.v1`` cannot run it."""
    try:
        import symopt.compat.v1 as tf
        tf.reset_default_graph()
        x = tf.placeholder(tf.float32, [3, 1])
        w = tf.Variable(0, dtype=tf.float32)
        cost = x[0][0] * w ** 2 + x[1][0] * w + x[2][0]  # the lecture's spelling
        train = tf.train.GradientDescentOptimizer(0.01).minimize(cost)
        init = tf.global_variables_initializer()
        session = tf.Session()
        coefficients = numpy.array(COEFFICIENTS, dtype=numpy.float32)
        session.run(init)
        for _ in range(1001):
            session.run(train, feed_dict={x: coefficients})
        print(f"(a) after 1001 steps w = {session.run(w)!s} (TF1 prints 4.9999886)")
    except Exception as error:  # noqa: BLE001 - report and go on: the compat layer is optional
        print(f"(a) symopt.compat.v1 cannot run the TF1 lecture program: {type(error).__name__}: {error}")
        return None

    def run():
        session.run(init)
        for _ in range(steps):
            session.run(train, feed_dict={x: coefficients})

    step, w0, hyper = train.compiled.step, numpy.float32(0), train.hyper

    def step_alone():  # (a0) the generated step the session calls, on the same values: the session's floor
        for _ in range(steps):
            step(w0, *hyper, coefficients)
    return run, step_alone


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
    runs = {"hand": lambda: hand_written(args.steps), "minimize": minimize_run(args.steps),
            "overhead": minimize_overhead_run()}
    compat_loop = compat_run(args.steps)
    if compat_loop is not None:
        runs["compat"], runs["step"] = compat_loop
    medians = interleaved_medians(runs, args.repeats)  # contenders timed in turns, one process
    hand, ours, overhead = (medians[k] / n for k, n in (("hand", args.steps), ("minimize", args.steps),
                                                        ("overhead", 1)))
    compat = medians["compat"] / args.steps if compat_loop is not None else None
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
        step = medians["step"] / args.steps
        print(f"(a0) its generated step alone:       {step * 1e6:9.3f} µs (session bookkeeping: "
              f"{(compat - step) * 1e6:.3f} µs per run)")


if __name__ == "__main__":
    main()
