"""probe74 P74-2: ``minimize`` / ``evaluate`` called inside ``jax.jit``, ``jax.vmap`` or ``jax.grad`` say so.

They run their own loop on the host and cannot be traced; before, the refusal blamed the value ("lr: expected a
positive finite number" for the 0.1 and 0.2 a vmap traced, "expected numbers of dtype float32" for a traced feed).
The message now names the transformation and what can be traced instead.
"""

from __future__ import annotations

import pytest

jax = pytest.importorskip("jax")
jnp = jax.numpy

import symopt  # noqa: E402
from symopt import jax_tracers  # noqa: E402
from symopt.errors import BackendError  # noqa: E402

w = symopt.Variable("w_fix45g_2", 1.0)
x = symopt.Placeholder("x_fix45g_2")
A = symopt.Placeholder("A_fix45g_2", shape=(None, 2))

TRACED_CALLS = {
    "vmap over lr": lambda: jax.vmap(lambda lr: symopt.minimize(
        (w - 3)**2, w, optimizer=symopt.GradientDescent(lr), backend="jax", steps=5).params[w])(jnp.array([0.1, 0.2])),
    "jit over a momentum": lambda: jax.jit(lambda m: symopt.minimize(
        (w - 3)**2, w, optimizer=symopt.Momentum(0.1, m), backend="jax", steps=5).params[w])(0.5),
    "jit over the start": lambda: jax.jit(lambda a: symopt.minimize(
        (w - 3)**2, {w: a}, backend="jax", steps=5).params[w])(1.0),
    "jit over data": lambda: jax.jit(lambda d: symopt.minimize(
        (w - x)**2, w, data={x: d}, backend="jax", steps=5).params[w])(3.0),
    "jit over matrix data": lambda: jax.jit(lambda d: symopt.minimize(
        (w - symopt.ops.sum(A))**2, w, data={A: d}, steps=5).params[w])(jnp.ones((3, 2))),
    "grad through minimize": lambda: jax.grad(lambda d: symopt.minimize(
        (w - x)**2, w, data={x: d}, backend="jax", steps=5).params[w].sum())(3.0),
    "jit over steps": lambda: jax.jit(lambda s: symopt.minimize((w - 3)**2, w, backend="jax", steps=s).params[w])(3),
    "jit over tol": lambda: jax.jit(lambda t: symopt.minimize(
        (w - 3)**2, w, backend="jax", steps=5, tol=t).params[w])(0.5),
    "jit over evaluate": lambda: jax.jit(lambda d: symopt.evaluate((w - x)**2, {x: d, w: 1.0}))(3.0),
    "jit over a NumPy-compiled function": lambda: jax.jit(
        lambda d: symopt.compile((w - x)**2, [w])({x.name: d, w.name: 1.0}))(3.0),
}



def session_run_under_jit():
    import symopt.compat.v1 as tf
    fed = tf.placeholder(tf.float32)
    weight = tf.Variable(1.0)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        return jax.jit(lambda d: session.run((weight - fed)**2, {fed: d}))(3.0)


TRACED_CALLS["jit over a TF1 Session.run"] = session_run_under_jit


@pytest.mark.parametrize("call", TRACED_CALLS)
def test_a_traced_value_is_refused_naming_the_transformation(call):
    with pytest.raises(BackendError) as caught:
        TRACED_CALLS[call]()
    message = str(caught.value)
    assert "traced by JAX" in message and "cannot be called inside jax.jit, jax.vmap or jax.grad" in message
    assert "symopt.compile(cost, wrt, backend='jax')" in message and "Python loop" in message
    assert "positive finite number" not in message and "NumPy cannot convert" not in message


def test_the_ordinary_path_never_looks_for_a_tracer(monkeypatch):
    looks = []
    monkeypatch.setattr(jax_tracers, "is_traced", lambda value: looks.append(value) or False)
    result = symopt.minimize((w - x)**2, w, data={x: 3.0}, optimizer=symopt.Momentum(0.1, 0.5), backend="jax",
                             steps=5, tol=1e-9)
    assert result.params[w] != 1.0
    symopt.evaluate((w - x)**2, {x: 3.0, w: 1.0})
    assert looks == []
