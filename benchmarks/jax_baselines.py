"""Hand-written JAX baselines for the JAX-backend benchmarks (``jax_backend.py``, ``gpu.py``).

* :func:`symopt_mlp` — a ReLU MLP with a softmax cross-entropy in symopt (as ``examples/digits_network.py``);
* :func:`jax_loss` — the same model written directly in ``jax.numpy``;
* :func:`tf1_adam` — TF1's Adam ("epsilon hat") as an optax-style pair of pure functions ``(init, update)``
  with a NamedTuple state, the update symopt's ``Adam`` compiles;
* :func:`full_batch_trainer` / :func:`epoch_trainer` — what a JAX programmer writes: a jitted
  ``lax.fori_loop`` of value-and-grad + update with donated buffers (epochs: on-device row gathers of the
  host permutation, the short last batch through a separately compiled step);
* :func:`interleaved_medians` — median seconds of functions timed in turns.
"""

from __future__ import annotations

import statistics
import time
from typing import NamedTuple

import numpy as np

import symopt
from symopt import ops


def symopt_mlp(layers, seed: int = 0):
    """Placeholders, He-initialized parameters (zero biases) and the cost of a ReLU MLP."""
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
    return X, Y, parameters, ops.softmax_cross_entropy(logits, Y)


def synthetic_data(examples: int, layers, seed: int = 1):
    """Normal features and one-hot labels (float32)."""
    rng = np.random.default_rng(seed)
    features = rng.normal(size=(examples, layers[0])).astype(np.float32)
    labels = np.eye(layers[-1], dtype=np.float32)[rng.integers(0, layers[-1], examples)]
    return features, labels


def jax_loss(jax):
    """``loss(params, X, Y)``: the mean softmax cross-entropy of the MLP, params ``[W1, b1, W2, b2, ...]``."""
    jnp = jax.numpy

    def loss(params, X, Y):
        activation = X
        for index in range(0, len(params) - 2, 2):
            activation = jax.nn.relu(activation @ params[index] + params[index + 1])
        logits = activation @ params[-2] + params[-1]
        return -jnp.mean(jnp.sum(Y * jax.nn.log_softmax(logits, axis=1), axis=1))
    return loss


class AdamState(NamedTuple):
    m: list
    v: list
    beta1_power: object
    beta2_power: object


def tf1_adam(jax, lr: float, beta1: float = 0.9, beta2: float = 0.999, epsilon: float = 1e-8):
    r"""TF1's Adam: :math:`\alpha = \eta\sqrt{1-\beta_2^t}/(1-\beta_1^t)`, :math:`m \leftarrow m + (g-m)(1-\beta_1)`,
    :math:`v \leftarrow v + (g^2-v)(1-\beta_2)`, :math:`\theta \leftarrow \theta - m\alpha/(\sqrt v + \hat\epsilon)`."""
    jnp = jax.numpy
    lr, beta1, beta2, epsilon = (np.float32(x) for x in (lr, beta1, beta2, epsilon))

    def init(params):
        zeros = [jnp.zeros_like(p) for p in params]
        return AdamState(zeros, [jnp.zeros_like(p) for p in params], jnp.float32(beta1), jnp.float32(beta2))

    def update(gradients, state, params):
        alpha = lr * jnp.sqrt(1 - state.beta2_power) / (1 - state.beta1_power)
        m = [m + (g - m) * (1 - beta1) for m, g in zip(state.m, gradients)]
        v = [v + (g * g - v) * (1 - beta2) for v, g in zip(state.v, gradients)]
        params = [p - mi * alpha / (jnp.sqrt(vi) + epsilon) for p, mi, vi in zip(params, m, v)]
        return params, AdamState(m, v, state.beta1_power * beta1, state.beta2_power * beta2)
    return init, update


def full_batch_trainer(jax, loss, update):
    """``train(params, state, X, Y, steps) -> (params, state, costs)``: one jitted ``fori_loop``."""
    value_and_grad = jax.value_and_grad(loss)

    def train(params, state, X, Y, steps):
        def body(i, carry):
            params, state, costs = carry
            cost, gradients = value_and_grad(params, X, Y)
            params, state = update(gradients, state, params)
            return params, state, costs.at[i].set(cost)
        return jax.lax.fori_loop(0, steps, body, (params, state, jax.numpy.zeros(steps, np.float32)))
    return jax.jit(train, static_argnums=4, donate_argnums=(0, 1))


def epoch_trainer(jax, loss, update, batch_size: int):
    """``epoch(params, state, X, Y, order)``: the epoch's full batches (rows ``order[i*B:(i+1)*B]`` gathered on the
    device) in one ``fori_loop``, then the short last batch through a step compiled once for its size."""
    jnp, lax = jax.numpy, jax.lax
    value_and_grad = jax.value_and_grad(loss)

    def step(params, state, X, Y):
        cost, gradients = value_and_grad(params, X, Y)
        params, state = update(gradients, state, params)
        return params, state, cost

    def full_batches(params, state, X, Y, order):
        def body(i, carry):
            index = lax.dynamic_slice_in_dim(order, i * batch_size, batch_size)
            params, state, cost = step(carry[0], carry[1], jnp.take(X, index, axis=0), jnp.take(Y, index, axis=0))
            return params, state, carry[2].at[i].set(cost)
        count = order.shape[0] // batch_size
        return lax.fori_loop(0, count, body, (params, state, jnp.zeros(count, np.float32)))

    def short_batch(params, state, X, Y, index):
        return step(params, state, jnp.take(X, index, axis=0), jnp.take(Y, index, axis=0))

    full_batches = jax.jit(full_batches, donate_argnums=(0, 1))
    short_batch = jax.jit(short_batch, donate_argnums=(0, 1))

    def epoch(params, state, X, Y, order):
        cut = (len(order) // batch_size) * batch_size
        params, state, costs = full_batches(params, state, X, Y, order[:cut])
        if cut < len(order):
            params, state, _ = short_batch(params, state, X, Y, order[cut:])
        return params, state, costs
    return epoch


def interleaved_medians(functions: dict, repeats: int) -> dict:
    """Median seconds of each function over ``repeats`` turns (one untimed warm-up call each first)."""
    for function in functions.values():
        function()
    times = {name: [] for name in functions}
    for _ in range(repeats):
        for name, function in functions.items():
            started = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in times.items()}
