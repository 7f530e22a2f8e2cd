"""The digits network of ``digits_network.py`` written as a TensorFlow 1.x program.

    python examples/digits_network_tf1.py [--quick]

The only symopt-specific line is the import: ``import symopt.compat.v1 as tf``.  Placeholders,
``get_variable``, ``nn.relu``, ``nn.softmax_cross_entropy_with_logits_v2``, ``AdamOptimizer``,
``argmax`` and a ``Session`` fed with ``feed_dict``, in float32 as TF1 computes.  Network
64-64-32-10, mini-batches of 32, a stratified 80/20 split of scikit-learn's digits.

Needs scikit-learn for the data only (``pip install "symopt[examples]"``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

import symopt.compat.v1 as tf  # noqa: E402

SEED = 0
EPOCHS = 150
QUICK_EPOCHS = 20
BATCH_SIZE = 32


def load():
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split
    images, labels = load_digits(return_X_y=True)
    train_x, test_x, train_y, test_y = train_test_split((images / 16.0).astype(np.float32), labels, test_size=0.2,
                                                        random_state=SEED, stratify=labels)
    onehot = np.eye(10, dtype=np.float32)
    return train_x, test_x, onehot[train_y], onehot[test_y]


def main(quick: bool = False) -> dict:
    train_x, test_x, train_y, test_y = load()
    epochs = QUICK_EPOCHS if quick else EPOCHS

    tf.reset_default_graph()
    tf.set_random_seed(SEED)
    X = tf.placeholder(tf.float32, [None, 64], name="X")
    Y = tf.placeholder(tf.float32, [None, 10], name="Y")
    he = tf.variance_scaling_initializer(scale=2.0)
    W1 = tf.get_variable("W1", [64, 64], initializer=he)
    b1 = tf.get_variable("b1", [64], initializer=tf.zeros_initializer())
    W2 = tf.get_variable("W2", [64, 32], initializer=he)
    b2 = tf.get_variable("b2", [32], initializer=tf.zeros_initializer())
    W3 = tf.get_variable("W3", [32, 10], initializer=he)
    b3 = tf.get_variable("b3", [10], initializer=tf.zeros_initializer())
    A1 = tf.nn.relu(tf.matmul(X, W1) + b1)
    A2 = tf.nn.relu(tf.matmul(A1, W2) + b2)
    logits = tf.matmul(A2, W3) + b3
    cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=Y, logits=logits))
    train = tf.train.AdamOptimizer(learning_rate=0.001).minimize(cost)
    correct = tf.equal(tf.argmax(logits, 1), tf.argmax(Y, 1))
    accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))

    rng = np.random.default_rng(SEED)
    started = time.perf_counter()
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for epoch in range(epochs):
            order = rng.permutation(len(train_x))
            costs = []
            for start in range(0, len(train_x), BATCH_SIZE):
                batch = order[start:start + BATCH_SIZE]
                _, batch_cost = session.run([train, cost], feed_dict={X: train_x[batch], Y: train_y[batch]})
                costs.append(batch_cost)
            if epoch in (0, epochs // 2, epochs - 1):
                print(f"  epoch {epoch + 1:4d}: mean mini-batch cost {np.mean(costs):.5f}")
        train_accuracy = float(session.run(accuracy, feed_dict={X: train_x, Y: train_y}))
        test_accuracy = float(session.run(accuracy, feed_dict={X: test_x, Y: test_y}))
    seconds = time.perf_counter() - started
    print(f"TF1 style (symopt.compat.v1), float32: {epochs} epochs in {seconds:.2f} s")
    print(f"train accuracy {100 * train_accuracy:.2f} %, test accuracy {100 * test_accuracy:.2f} %")
    return {"train_accuracy": train_accuracy, "test_accuracy": test_accuracy, "epochs": epochs}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_EPOCHS} epochs instead of {EPOCHS}")
    main(quick=parser.parse_args().quick)
