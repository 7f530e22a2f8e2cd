"""Hand-written NumPy oracles for the TF1 programs: forward, backward and TF1's optimizer updates, in float32.

Independent of symopt (NumPy only), following TF1's kernels (``training_ops.cc``) for the updates:
GD ``var -= g*lr``; RMSProp (ms starts at ones) ``ms += (g*g - ms)*(1 - decay)``,
``mom = mom*momentum + g*lr/sqrt(ms + eps)``, ``var -= mom``; Adam
``alpha = lr*sqrt(1 - b2^t)/(1 - b1^t)``, ``m += (g - m)*(1 - b1)``, ``v += (g*g - v)*(1 - b2)``,
``var -= m*alpha/(sqrt(v) + eps)``.  Used by tests/test_tf1_programs.py and benchmarks/tf1_programs.py.
"""

from __future__ import annotations

import numpy as np

F32 = np.float32


class GradientDescent:
    def __init__(self, lr):
        self.lr = F32(lr)

    def update(self, params, grads):
        for p, g in zip(params, grads):
            p -= g * self.lr


class RMSProp:
    def __init__(self, lr, decay=0.9, momentum=0.0, epsilon=1e-10):
        self.lr, self.decay, self.momentum, self.epsilon = F32(lr), F32(decay), F32(momentum), F32(epsilon)
        self.state = None

    def update(self, params, grads):
        if self.state is None:
            self.state = [(np.ones_like(p), np.zeros_like(p)) for p in params]
        one_minus_decay = F32(1) - self.decay
        for p, g, (ms, mom) in zip(params, grads, self.state):
            ms += (g * g - ms) * one_minus_decay
            mom[...] = mom * self.momentum + g * self.lr / np.sqrt(ms + self.epsilon)
            p -= mom


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
        self.lr, self.beta1, self.beta2, self.epsilon = F32(lr), F32(beta1), F32(beta2), F32(epsilon)
        self.powers = [F32(beta1), F32(beta2)]
        self.state = None

    def update(self, params, grads):
        if self.state is None:
            self.state = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
        b1p, b2p = self.powers
        alpha = self.lr * np.sqrt(F32(1) - b2p) / (F32(1) - b1p)
        for p, g, (m, v) in zip(params, grads, self.state):
            m += (g - m) * (F32(1) - self.beta1)
            v += (g * g - v) * (F32(1) - self.beta2)
            p -= m * alpha / (np.sqrt(v) + self.epsilon)
        self.powers = [b1p * self.beta1, b2p * self.beta2]


def _activate(z, kind):
    if kind == "relu":
        return np.maximum(z, F32(0))
    if kind == "sigmoid":
        return F32(1) / (F32(1) + np.exp(-z))
    return z


def _activation_grad(a, z, kind):
    if kind == "relu":
        return (z > 0).astype(F32)
    if kind == "sigmoid":
        return a * (F32(1) - a)
    return np.ones_like(z)


def dense_network(params, activations, x, y, loss):
    """Loss and gradients of a dense network ``params = [W1, b1, W2, b2, ...]`` (rows are examples).

    ``loss``: ``"softmax"`` (mean softmax cross-entropy, one-hot ``y``) or ``"mse"`` (mean of squares).
    """
    layers = [(params[i], params[i + 1]) for i in range(0, len(params), 2)]
    inputs, zs, outputs = [], [], []
    a = x
    for (w, b), kind in zip(layers, activations):
        inputs.append(a)
        z = a @ w + b
        a = _activate(z, kind)
        zs.append(z)
        outputs.append(a)
    m = F32(x.shape[0])
    if loss == "softmax":
        shifted = a - a.max(axis=1, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        value = -(y * log_p).sum(axis=1).mean()
        delta = (np.exp(log_p) - y) / m
    else:
        diff = a - y
        value = (diff * diff).mean()
        delta = F32(2) * diff / F32(diff.size)
    grads = [None] * len(params)
    for index in range(len(layers) - 1, -1, -1):
        delta = delta * _activation_grad(outputs[index], zs[index], activations[index])
        grads[2 * index] = inputs[index].T @ delta
        grads[2 * index + 1] = delta.sum(axis=0)
        if index:
            delta = delta @ layers[index][0].T
    return F32(value), grads


def train_dense(params, activations, batches, loss, optimizer):
    """Run ``optimizer`` over ``batches`` of ``(x, y)``; the loss of each step (before its update)."""
    losses = []
    for x, y in batches:
        value, grads = dense_network(params, activations, x, y, loss)
        losses.append(value)
        optimizer.update(params, grads)
    return losses
