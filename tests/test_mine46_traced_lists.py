"""final45g 45g-4 / 45g-5: values traced by JAX inside a list, a traced ``seed`` or schedule step count, and the
message's wording.

A feed or start assembled from traced numbers (``[[a], [a]]`` under ``jax.jit``) got the generic "NumPy cannot
convert" refusal, or JAX's bare ``TracerArrayConversionError`` from a compat ``Session.run``; a traced ``seed`` or
``decay_steps`` was "expected ... a whole number; given JitTracer".  Each is now the BackendError that names the
transformation read off the tracer's class, and asks for concrete values (a number or an array), not "a number" for
an array the user gave with the right shape.
"""

from __future__ import annotations

import numpy as np
import pytest

jax = pytest.importorskip("jax")
jnp = jax.numpy

import symopt  # noqa: E402
from symopt.errors import BackendError  # noqa: E402

w = symopt.Variable("w_mine46_t", 0.0)
x = symopt.Placeholder("x_mine46_t")
X = symopt.Placeholder("X_mine46_t", (None, 1))
W = symopt.Variable("W_mine46_t", 0.0, shape=(1, 1))
MATRIX_COST = symopt.ops.mean(symopt.ops.square(X @ W))


def session_run_of_a_list_under_jit():
    import symopt.compat.v1 as tf
    fed = tf.placeholder(tf.float32, [None])
    with tf.Session() as session:
        return jax.jit(lambda a: session.run(tf.reduce_sum(fed * 2.0), {fed: [a[0], a[1]]}))(jnp.ones(2))


CALLS = {  # (the call, what the message must name)
    "list of tracers as data": (lambda: jax.jit(lambda a: symopt.minimize(
        MATRIX_COST, W, data={X: [[a], [a]]}, steps=2, backend="jax").params[W])(1.0), "a list holding"),
    "list of tracers as a start": (lambda: jax.jit(lambda a: symopt.minimize(
        (w - x)**2, {w: [a]}, data={x: 1.0}, steps=2, backend="jax").params[w])(1.0), "a list holding"),
    "traced seed": (lambda: jax.jit(lambda s: symopt.minimize(
        MATRIX_COST, W, data={X: np.ones((4, 1))}, batch_size=2, seed=s, backend="jax").params[W])(1), "seed:"),
    "traced decay_steps": (lambda: jax.jit(lambda n: symopt.ExponentialDecay(0.1, n, 0.5))(10), "decay_steps:"),
    "compat list feed": (session_run_of_a_list_under_jit, "a list holding"),
    "matrix under vmap": (lambda: jax.vmap(lambda d: symopt.minimize(
        MATRIX_COST, W, data={X: d}, steps=2).params[W])(jnp.ones((2, 3, 1))), "jax.vmap"),
    "scalar under grad": (lambda: jax.grad(lambda d: symopt.minimize(
        (w - x)**2, w, data={x: d}, steps=2, backend="jax").value)(1.0), "jax.grad or jax.jvp"),
}


@pytest.mark.parametrize("case", CALLS)
def test_a_traced_value_anywhere_is_refused_naming_the_transformation(case):
    call, named = CALLS[case]
    with pytest.raises(BackendError) as caught:
        call()
    message = str(caught.value)
    assert named in message
    assert "expected concrete values (a number or an array)" in message
    assert "cannot be called inside jax.jit, jax.vmap or jax.grad" in message


def test_jit_is_named_for_a_jitted_value():
    with pytest.raises(BackendError, match=r"traced by JAX inside jax\.jit \("):
        jax.jit(lambda d: symopt.minimize((w - x)**2, w, data={x: d}, steps=2, backend="jax").value)(1.0)
