"""A 3-layer ReLU network with a softmax output on scikit-learn's handwritten digits.

    python examples/digits_network.py [--quick]

1797 images of 8x8 pixels (values 0..16, scaled to [0, 1]), ten classes; a stratified
80/20 train/test split with a fixed seed.  The network is 64-64-32-10:

    Z1 = X W1 + b1,  A1 = relu(Z1)
    Z2 = A1 W2 + b2, A2 = relu(Z2)
    Z3 = A2 W3 + b3, J = mean cross-entropy of softmax(Z3) against one-hot labels

trained with Adam (lr 0.001, TF1's rule) on shuffled mini-batches of 32.  symopt derives
all six gradients, fuses them with Adam's update into one generated step function and
calls it once per mini-batch.

Needs scikit-learn for the data only (``pip install "symopt[examples]"``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

import symopt  # noqa: E402
from symopt import ops  # noqa: E402

SEED = 0
LAYERS = (64, 64, 32, 10)
BATCH_SIZE = 32
EPOCHS = 150
QUICK_EPOCHS = 20


def load():
    """Pixels scaled to [0, 1], one-hot training labels, integer test labels."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split
    images, labels = load_digits(return_X_y=True)
    train_x, test_x, train_y, test_y = train_test_split(images / 16.0, labels, test_size=0.2, random_state=SEED,
                                                        stratify=labels)
    return train_x, test_x, np.eye(10)[train_y], train_y, test_y


def network(layers=LAYERS, seed=SEED):
    """Placeholders, parameters (He-initialized weights, zero biases), logits and cost."""
    rng = np.random.default_rng(seed)
    X = symopt.Placeholder("X", shape=(None, layers[0]))
    Y = symopt.Placeholder("Y", shape=(None, layers[-1]))
    parameters, activation = [], X
    for index, (fan_in, fan_out) in enumerate(zip(layers[:-1], layers[1:]), start=1):
        W = symopt.Variable(f"W{index}", rng.normal(0.0, np.sqrt(2.0 / fan_in), (fan_in, fan_out)),
                            shape=(fan_in, fan_out))
        b = symopt.Variable(f"b{index}", 0.0, shape=(1, fan_out))
        parameters += [W, b]
        logits = ops.bias_add(activation @ W, b)
        activation = ops.relu(logits)
    return X, Y, parameters, logits, ops.softmax_cross_entropy(logits, Y)


def accuracy(logits, X, parameters, values, images, labels) -> float:
    scores = symopt.evaluate(logits, {X: images, **{p: values[p] for p in parameters}})
    return float(np.mean(np.argmax(scores, axis=1) == labels))


def main(quick: bool = False) -> dict:
    train_x, test_x, train_onehot, train_y, test_y = load()
    X, Y, parameters, logits, cost = network()
    epochs = QUICK_EPOCHS if quick else EPOCHS

    started = time.perf_counter()
    result = symopt.minimize(cost, parameters, data={X: train_x, Y: train_onehot}, optimizer=symopt.Adam(0.001),
                             batch_size=BATCH_SIZE, epochs=epochs, seed=SEED)
    seconds = time.perf_counter() - started

    steps_per_epoch = -(-len(train_x) // BATCH_SIZE)
    per_epoch = result.history.reshape(epochs, steps_per_epoch).mean(axis=1)
    shown = sorted({0, epochs // 4, epochs // 2, 3 * epochs // 4, epochs - 1})
    print(f"digits: {len(train_x)} training and {len(test_x)} test images; network "
          f"{'-'.join(map(str, LAYERS))}, ReLU, softmax; Adam(0.001), batches of {BATCH_SIZE}")
    for epoch in shown:
        print(f"  epoch {epoch + 1:4d}: mean mini-batch cost {per_epoch[epoch]:.5f}")
    train_accuracy = accuracy(logits, X, parameters, result.params, train_x, train_y)
    test_accuracy = accuracy(logits, X, parameters, result.params, test_x, test_y)
    print(f"{epochs} epochs ({result.steps} steps) in {seconds:.2f} s")
    print(f"train accuracy {100 * train_accuracy:.2f} %, test accuracy {100 * test_accuracy:.2f} %")
    return {"train_accuracy": train_accuracy, "test_accuracy": test_accuracy, "epochs": epochs,
            "steps": result.steps, "cost": result.value}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_EPOCHS} epochs instead of {EPOCHS}")
    main(quick=parser.parse_args().quick)
