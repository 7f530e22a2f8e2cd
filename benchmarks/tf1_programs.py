"""TF1 training programs, timed per step: symopt.compat.v1 against hand-written NumPy (and TensorFlow 1.x).

    python benchmarks/tf1_programs.py [--steps 20] [--repeats 9]

(a) the course exercise's network: 12288-25-12-6, ReLU, softmax cross-entropy, Adam, batch 32, examples as
    columns as the course writes it (``X: [12288, None]``);
(b) a 784-256-128-256-784 sigmoid autoencoder, mean squared error, RMSProp, batch 256.

Each is timed as the TF1 loop runs it, ``_, c = sess.run([train_op, cost], feed_dict=...)`` (one generated
function per run: the fused step returns the cost), against the same forward pass, backward pass and TF1
update written by hand in NumPy (float32), and against ``tensorflow.compat.v1`` when ``tensorflow`` is
importable.  Medians of interleaved repeats in one process, single-threaded BLAS (``OMP/OPENBLAS/MKL_NUM_THREADS``
 default to 1); RATIOS against NumPy.  A script, not a test.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import sys
from pathlib import Path

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")  # single-threaded BLAS on both sides (set before NumPy loads)

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import symopt.compat.v1 as tf  # noqa: E402
from jax_baselines import interleaved_medians  # noqa: E402  (the benchmarks' one timer)

F32 = np.float32


# ------------------------------------------------------------------ the programs, written TF1-style

def course_network(tf, x_data, y_data, params):
    """The course's model: Z3 = W3 relu(W2 relu(W1 X + b1) + b2) + b3, cost = mean softmax CE, Adam(1e-4)."""
    tf.reset_default_graph()
    X = tf.placeholder(tf.float32, [12288, None])
    Y = tf.placeholder(tf.float32, [6, None])
    W1, b1, W2, b2, W3, b3 = (tf.Variable(p) for p in params)
    Z1 = tf.add(tf.matmul(W1, X), b1)
    Z2 = tf.add(tf.matmul(W2, tf.nn.relu(Z1)), b2)
    Z3 = tf.add(tf.matmul(W3, tf.nn.relu(Z2)), b3)
    cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=tf.transpose(Z3), labels=tf.transpose(Y)))
    train = tf.train.AdamOptimizer(learning_rate=0.0001).minimize(cost)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    feed = {X: x_data, Y: y_data}
    return lambda: sess.run([train, cost], feed_dict=feed)


def autoencoder(tf, x_data, params):
    """784-256-128-256-784 sigmoid autoencoder, cost = mean((x - x')^2), RMSProp(0.01)."""
    tf.reset_default_graph()
    X = tf.placeholder(tf.float32, [None, 784])
    variables = [tf.Variable(p) for p in params]
    a = X
    for index in range(0, len(variables), 2):
        a = tf.nn.sigmoid(tf.add(tf.matmul(a, variables[index]), variables[index + 1]))
    cost = tf.reduce_mean(tf.pow(X - a, 2))
    train = tf.train.RMSPropOptimizer(0.01).minimize(cost)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    feed = {X: x_data}
    return lambda: sess.run([train, cost], feed_dict=feed)


# ------------------------------------------------------------------ the same steps by hand in NumPy

def numpy_course_network(x, y, params):
    params = [p.copy() for p in params]
    m_slots = [np.zeros_like(p) for p in params]
    v_slots = [np.zeros_like(p) for p in params]
    lr, beta1, beta2, eps = F32(0.0001), F32(0.9), F32(0.999), F32(1e-8)
    powers = [F32(0.9), F32(0.999)]
    m = F32(x.shape[1])

    def step():
        W1, b1, W2, b2, W3, b3 = params
        z1 = W1 @ x + b1
        a1 = np.maximum(z1, 0)
        z2 = W2 @ a1 + b2
        a2 = np.maximum(z2, 0)
        z3 = W3 @ a2 + b3
        shifted = z3 - z3.max(axis=0, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))
        cost = -(y * log_p).sum() / m
        dz3 = (np.exp(log_p) - y) / m
        dz2 = (W3.T @ dz3) * (z2 > 0)
        dz1 = (W2.T @ dz2) * (z1 > 0)
        grads = [dz1 @ x.T, dz1.sum(axis=1, keepdims=True), dz2 @ a1.T, dz2.sum(axis=1, keepdims=True),
                 dz3 @ a2.T, dz3.sum(axis=1, keepdims=True)]
        alpha = lr * np.sqrt(F32(1) - powers[1]) / (F32(1) - powers[0])
        for p, g, ms, vs in zip(params, grads, m_slots, v_slots):
            ms += (g - ms) * (F32(1) - beta1)
            vs += (g * g - vs) * (F32(1) - beta2)
            p -= ms * alpha / (np.sqrt(vs) + eps)
        powers[0], powers[1] = powers[0] * beta1, powers[1] * beta2
        return cost
    return step


def numpy_autoencoder(x, params):
    params = [p.copy() for p in params]
    ms_slots = [np.ones_like(p) for p in params]
    mom_slots = [np.zeros_like(p) for p in params]
    lr, decay, eps = F32(0.01), F32(0.9), F32(1e-10)

    def step():
        inputs, outputs = [], []
        a = x
        for index in range(0, len(params), 2):
            inputs.append(a)
            a = F32(1) / (F32(1) + np.exp(-(a @ params[index] + params[index + 1])))
            outputs.append(a)
        diff = a - x
        cost = (diff * diff).mean()
        delta = F32(2) * diff / F32(diff.size)
        grads = [None] * len(params)
        for layer in range(len(params) // 2 - 1, -1, -1):
            out = outputs[layer]
            delta = delta * out * (F32(1) - out)
            grads[2 * layer] = inputs[layer].T @ delta
            grads[2 * layer + 1] = delta.sum(axis=0)
            if layer:
                delta = delta @ params[2 * layer].T
        for p, g, ms, mom in zip(params, grads, ms_slots, mom_slots):
            ms += (g * g - ms) * (F32(1) - decay)
            mom[...] = g * lr / np.sqrt(ms + eps)
            p -= mom
        return cost
    return step


# ------------------------------------------------------------------ timing

def compare(name: str, runners: dict, steps: int, repeats: int) -> None:
    """Interleaved medians of seconds per step (each timed run is ``steps`` steps); ratios against ``numpy``."""
    loops = {key: (lambda run=run: [run() for _ in range(steps)]) for key, run in runners.items()}
    medians = {key: seconds / steps for key, seconds in interleaved_medians(loops, repeats).items()}
    print(f"\n{name}")
    for key, seconds in medians.items():
        print(f"  {key:<22} {seconds * 1e3:9.3f} ms/step   {seconds / medians['numpy']:6.2f}x NumPy")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args(argv)
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"NumPy {np.__version__}")
    real_tf = None
    if importlib.util.find_spec("tensorflow") is not None:
        import tensorflow.compat.v1 as real_tf
        real_tf.disable_eager_execution()

    rng = np.random.default_rng(0)
    x = rng.random((12288, 32), dtype=np.float32)
    y = np.eye(6, dtype=np.float32)[rng.integers(0, 6, 32)].T
    shapes = [(25, 12288), (25, 1), (12, 25), (12, 1), (6, 12), (6, 1)]
    params = [(rng.standard_normal(s) * 0.05).astype(np.float32) for s in shapes]
    runners = {"numpy": numpy_course_network(x, y, params), "symopt.compat.v1": course_network(tf, x, y, params)}
    if real_tf is not None:
        runners["tensorflow 1.x"] = course_network(real_tf, x, y, params)
    compare("course exercise 12288-25-12-6 ReLU softmax, Adam, batch 32", runners, args.steps, args.repeats)

    images = rng.random((256, 784), dtype=np.float32)
    sizes = [784, 256, 128, 256, 784]
    params = []
    for n_in, n_out in zip(sizes, sizes[1:]):
        params += [(rng.standard_normal((n_in, n_out)) * 0.05).astype(np.float32), np.zeros(n_out, np.float32)]
    runners = {"numpy": numpy_autoencoder(images, params), "symopt.compat.v1": autoencoder(tf, images, params)}
    if real_tf is not None:
        runners["tensorflow 1.x"] = autoencoder(real_tf, images, params)
    compare("autoencoder 784-256-128-256-784 sigmoid, RMSProp, batch 256", runners, args.steps, args.repeats)


if __name__ == "__main__":
    main()
