"""What a ``minimize`` call costs around its generated kernels, against hand-written loops in the same process.

    python benchmarks/runs.py [--repeats 9] [--quick]

(1) the lecture ``w**2 - 10*w + 25`` with gradient descent, 1 000 and 100 000 steps: ``symopt.minimize``
    (compiled code cached: a repeated call) against a pure-Python loop that records the cost each step;
(2) the set-up of one call: a 1-step ``minimize`` minus one step of the hand loop;
(3) mini-batch training end to end (a 784-128-10 ReLU/softmax network, 20 000 synthetic examples,
    batch 256, one epoch, Adam): ``minimize`` against a hand NumPy loop of the same math, time and
    peak traced memory above the data (``tracemalloc``).

Medians of ``--repeats`` runs, interleaved; RATIOS against the hand loop.  A script, not a test.
"""

from __future__ import annotations

import argparse
import sys
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

import symopt  # noqa: E402
from symopt import ops  # noqa: E402
from jax_baselines import interleaved_medians as medians  # noqa: E402  (no JAX needed)
from lecture import machine  # noqa: E402  (benchmarks/lecture.py: the machine line)


# ------------------------------------------------------------------ (1), (2) the lecture

def lecture(steps: int, repeats: int) -> dict:
    w = symopt.Variable("w", 0.0)
    cost = w ** 2 - 10 * w + 25
    optimizer = symopt.GradientDescent(0.01)
    lr = float(np.float32(0.01))  # TF1: the learning rate is a float32 constant

    def hand():
        value, history = 0.0, []
        for _ in range(steps):
            history.append(value ** 2 - 10 * value + 25)
            value = value - (2 * value - 10) * lr
        return value, history

    def ours():
        return symopt.minimize(cost, w, optimizer=optimizer, steps=steps)

    assert ours()[w] == hand()[0]
    return medians({"hand": hand, "minimize": ours}, repeats)


def set_up(repeats: int) -> float:
    """Seconds of a 1-step ``minimize`` call (compiled code cached) above one hand step."""
    w = symopt.Variable("w", 0.0)
    cost = w ** 2 - 10 * w + 25
    optimizer = symopt.GradientDescent(0.01)
    found = medians({"one step": lambda: [symopt.minimize(cost, w, optimizer=optimizer, steps=1)
                                          for _ in range(100)]}, repeats)
    return found["one step"] / 100


# ------------------------------------------------------------------ (3) mini-batch training end to end

def network(rng):
    X, Y = symopt.Placeholder("X", (None, 784)), symopt.Placeholder("Y", (None, 10))
    W1 = symopt.Variable("W1", rng.normal(size=(784, 128)) * 0.05, shape=(784, 128))
    b1 = symopt.Variable("b1", 0.0, shape=(1, 128))
    W2 = symopt.Variable("W2", rng.normal(size=(128, 10)) * 0.1, shape=(128, 10))
    b2 = symopt.Variable("b2", 0.0, shape=(1, 10))
    logits = ops.bias_add(ops.relu(ops.bias_add(X @ W1, b1)) @ W2, b2)
    return ops.softmax_cross_entropy(logits, Y), [W1, b1, W2, b2], X, Y


def hand_training(features, labels, initial, batch, seed):
    """Adam (TF1's rule) on the same network, written by hand."""
    params = [p.copy() for p in initial]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    lr, b1, b2, eps = (float(np.float32(c)) for c in (0.001, 0.9, 0.999, 1e-8))
    p1, p2 = float(np.float32(b1)), float(np.float32(b2))
    order = np.random.default_rng(seed).permutation(len(features))
    history = []
    for start in range(0, len(features), batch):
        index = order[start:start + batch]
        x, y = features[index], labels[index]
        W1, c1, W2, c2 = params
        z1 = x @ W1 + c1
        a1 = np.maximum(z1, 0)
        z = a1 @ W2 + c2
        top = z.max(axis=1, keepdims=True)
        log_softmax = z - top - np.log(np.exp(z - top).sum(axis=1, keepdims=True))
        history.append(-(y * log_softmax).sum() / len(x))
        dz = (np.exp(log_softmax) - y) / len(x)
        dW2, dc2 = a1.T @ dz, dz.sum(axis=0, keepdims=True)
        dz1 = (dz @ W2.T) * (z1 > 0)
        dW1, dc1 = x.T @ dz1, dz1.sum(axis=0, keepdims=True)
        alpha = lr * np.sqrt(1 - p2) / (1 - p1)
        for i, g in enumerate((dW1, dc1, dW2, dc2)):
            m[i] += (g - m[i]) * (1 - b1)
            v[i] += (g * g - v[i]) * (1 - b2)
            params[i] = params[i] - m[i] * alpha / (np.sqrt(v[i]) + eps)
        p1, p2 = float(np.float32(p1 * np.float32(b1))), float(np.float32(p2 * np.float32(b2)))
    return params, history


def training(repeats: int, examples: int) -> dict:
    rng = np.random.default_rng(0)
    features = rng.normal(size=(examples, 784))
    labels = np.eye(10)[rng.integers(0, 10, examples)]
    cost, parameters, X, Y = network(rng)
    initial = [np.asarray(p.init, dtype=float).reshape(p.shape) for p in parameters]
    batch = 256

    def ours():
        return symopt.minimize(cost, dict(zip(parameters, initial)), data={X: features, Y: labels},
                               optimizer=symopt.Adam(0.001), batch_size=batch, epochs=1, seed=3)

    def hand():
        return hand_training(features, labels, initial, batch, 3)

    result, (params, history) = ours(), hand()
    agree = max(float(np.max(np.abs(result[p] - h))) for p, h in zip(parameters, params))
    times = medians({"hand": hand, "minimize": ours}, repeats)
    peaks = {}
    for name, function in (("hand", hand), ("minimize", ours)):
        tracemalloc.start()
        function()
        peaks[name] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return {"times": times, "peaks": peaks, "agree": agree}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--examples", type=int, default=20_000)
    args = parser.parse_args(argv)
    print(f"machine: {machine()}")
    print(f"medians of {args.repeats} interleaved runs; ratio = symopt / hand")
    for steps in (1_000, 100_000):
        found = lecture(steps, max(3, args.repeats if steps <= 1_000 else args.repeats // 3))
        print(f"lecture, {steps:>7} steps: minimize {found['minimize'] * 1e3:8.3f} ms, hand "
              f"{found['hand'] * 1e3:8.3f} ms, ratio {found['minimize'] / found['hand']:5.2f}")
    print(f"set-up of one minimize call (1 step, code cached): {set_up(args.repeats) * 1e6:.1f} µs")
    found = training(max(3, args.repeats // 3), args.examples)
    times, peaks = found["times"], found["peaks"]
    print(f"mini-batch training, {args.examples} x 784, batch 256, 1 epoch: minimize {times['minimize'] * 1e3:.1f} ms, "
          f"hand {times['hand'] * 1e3:.1f} ms, ratio {times['minimize'] / times['hand']:.2f}; peak traced memory "
          f"minimize {peaks['minimize']:.1f} MiB, hand {peaks['hand']:.1f} MiB (largest |difference| of the "
          f"parameters: {found['agree']:.1e})")


if __name__ == "__main__":
    main()
