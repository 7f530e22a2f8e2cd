"""symopt's JAX backend against hand-written JAX of the same math, in one process (medians of repeats).

    python benchmarks/jax_backend.py [--quick] [--repeats 7]

1. Value and gradient of a 784-256-256-10 ReLU MLP (softmax cross-entropy) at batch 1024, float32:
   ``symopt.compile(cost, params, backend="jax")`` against ``jax.jit(jax.value_and_grad(loss))``.
   Timed twice, the full ``f(feed)`` call (feed checks included) against the hand-written function
   called on the same arrays: on device arrays (``jax.Array``s pass through ``f`` unconverted) and on
   NumPy arrays (converted and sent with each call).
2. Training the digits network (64-64-32-10, Adam with TF1's rule, mini-batches of 32, the NumPy
   backend's shuffling): ``symopt.minimize(..., backend="jax")`` against a hand-written JAX loop with an
   optax-style ``(init, update)`` Adam (``benchmarks/jax_baselines.py``); final parameters compared.

Issue targets: both ratios <= 1.1x.  A script, not a test: timed assertions do not belong in tests.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE), str(HERE.parent / "examples")]

import jax  # noqa: E402
import numpy as np  # noqa: E402

import symopt  # noqa: E402
from jax_baselines import (epoch_trainer, interleaved_medians, jax_loss, symopt_mlp, synthetic_data,  # noqa: E402
                           tf1_adam)

MLP = (784, 256, 256, 10)


def value_and_grad(batch: int, repeats: int) -> dict:
    X, Y, parameters, cost = symopt_mlp(MLP)
    features, labels = synthetic_data(batch, MLP)
    compiled = symopt.compile(cost, parameters, backend="jax")
    hand = jax.jit(jax.value_and_grad(jax_loss(jax)))
    host = [np.asarray(p.init, np.float32) for p in parameters]
    device = [jax.device_put(v) for v in host + [features, labels]]
    feed = {**dict(zip(parameters, host)), X: features, Y: labels}
    device_feed = {**dict(zip(parameters, device[:-2])), X: device[-2], Y: device[-1]}
    symopt_value, symopt_grads = compiled(feed)
    hand_value, hand_grads = hand(device[:-2], *device[-2:])
    difference = max(float(np.abs(np.asarray(a) - np.asarray(b)).max()) for a, b in zip(symopt_grads, hand_grads))
    times = interleaved_medians({
        "hand-written, device arrays": lambda: jax.block_until_ready(hand(device[:-2], *device[-2:])),
        "symopt f(feed), device arrays": lambda: jax.block_until_ready(compiled(device_feed)),
        "hand-written, NumPy arrays": lambda: jax.block_until_ready(hand(host, features, labels)),
        "symopt f(feed), NumPy arrays": lambda: jax.block_until_ready(compiled(feed)),
    }, repeats)
    return {"times": times, "value_difference": abs(float(symopt_value) - float(hand_value)),
            "gradient_difference": difference,
            "ratio_device": times["symopt f(feed), device arrays"] / times["hand-written, device arrays"],
            "ratio_numpy": times["symopt f(feed), NumPy arrays"] / times["hand-written, NumPy arrays"]}


def digits_training(epochs: int, repeats: int) -> dict:
    import digits_network
    train_x, _, train_onehot, _, _ = digits_network.load()
    X, Y, parameters, _, cost = digits_network.network()
    features, labels = train_x.astype(np.float32), train_onehot.astype(np.float32)
    init, update = tf1_adam(jax, 0.001)
    epoch = epoch_trainer(jax, jax_loss(jax), update, digits_network.BATCH_SIZE)

    def hand():
        params = [jax.device_put(np.asarray(p.init, np.float32)) for p in parameters]
        state, data = init(params), [jax.device_put(features), jax.device_put(labels)]
        rng = np.random.default_rng(digits_network.SEED)
        for _ in range(epochs):
            params, state, _ = epoch(params, state, *data, rng.permutation(len(features)).astype(np.int32))
        return [np.asarray(p) for p in params]

    def ours():
        result = symopt.minimize(cost, parameters, data={X: features, Y: labels}, optimizer=symopt.Adam(0.001),
                                 batch_size=digits_network.BATCH_SIZE, epochs=epochs, seed=digits_network.SEED,
                                 backend="jax")
        return [result[p] for p in parameters]

    difference = max(float(np.abs(a - b).max()) for a, b in zip(hand(), ours()))
    times = interleaved_medians({"hand-written JAX + optax-style Adam": hand, "symopt minimize(backend='jax')": ours},
                                repeats)
    return {"times": times, "epochs": epochs, "parameter_difference": difference,
            "ratio": times["symopt minimize(backend='jax')"] / times["hand-written JAX + optax-style Adam"]}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and epochs")
    parser.add_argument("--repeats", type=int, default=None)
    arguments = parser.parse_args(argv)
    repeats = arguments.repeats or (3 if arguments.quick else 7)
    print(f"jax {jax.__version__} on {jax.devices()[0].device_kind}; medians of {repeats} repeats")
    first = value_and_grad(1024, repeats * 5)
    print(f"\n1. value and gradient, MLP {'-'.join(map(str, MLP))}, batch 1024, float32 "
          f"(|gradient difference| {first['gradient_difference']:.1e})")
    for name, seconds in first["times"].items():
        print(f"   {name:36s} {seconds * 1e3:8.3f} ms")
    print(f"   ratio symopt / hand-written: {first['ratio_device']:.2f}x on device arrays, "
          f"{first['ratio_numpy']:.2f}x on NumPy arrays (target <= 1.1x)")
    second = digits_training(10 if arguments.quick else 150, repeats)
    print(f"\n2. training the digits network, {second['epochs']} epochs, batch 32, Adam "
          f"(max |parameter difference| {second['parameter_difference']:.1e})")
    for name, seconds in second["times"].items():
        print(f"   {name:36s} {seconds:8.3f} s")
    print(f"   ratio symopt / hand-written: {second['ratio']:.2f}x (target <= 1.1x)")
    return {"value_and_grad": first, "training": second}


if __name__ == "__main__":
    main()
