"""probe74 P74-4: ``result.params`` is a JAX pytree, flattened in the dict's own order.

JAX sorts a plain dict's keys, and SymPy symbols have no order (``v < w`` has no truth value): ``tree_map``,
``device_put`` and ``jax.jit`` raised a bare ValueError once a model had two scalar parameters.  The oracle is the
run's own numbers put through each round trip: keys, order and values come back unchanged.
"""

from __future__ import annotations

import pickle

import numpy as np
import pytest

jax = pytest.importorskip("jax")
jnp = jax.numpy

import symopt  # noqa: E402

w = symopt.Variable("w_fix45g_4", 1.0)
v = symopt.Variable("v_fix45g_4", 2.0)
W = symopt.Variable("W_fix45g_4", np.ones((2, 2)), shape=(2, 2))
COST = (w - 3)**2 + (v + 1)**2 + (W[0, 0] - 1)**2


@pytest.mark.parametrize("backend", ["jax", "numpy"])
def test_params_survive_tree_map_device_put_and_jit(backend):
    result = symopt.minimize(COST, [w, v, W], backend=backend, steps=10)
    params = result.params
    expected = {key: np.asarray(value) for key, value in params.items()}
    leaves, tree = jax.tree_util.tree_flatten(params)
    assert [np.asarray(leaf).shape for leaf in leaves] == [(), (), (2, 2)]  # the dict's order: w, v, W
    paths = [path for path, _ in jax.tree_util.tree_flatten_with_path(params)[0]]
    assert [path[0].key for path in paths] == [w, v, W]
    for round_trip in (lambda p: jax.tree_util.tree_map(jnp.asarray, p), jax.device_put, jax.jit(lambda p: p),
                       lambda p: jax.tree_util.tree_unflatten(tree, leaves)):
        back = round_trip(params)
        assert list(back) == [w, v, W] and isinstance(back, dict)
        for key in expected:
            np.testing.assert_allclose(np.asarray(back[key]), expected[key], rtol=6e-8)  # float64 -> JAX's float32
    doubled = jax.jit(lambda p: jax.tree_util.tree_map(lambda a: 2 * a, p))(params)
    np.testing.assert_allclose(np.asarray(doubled[v]), 2 * expected[v], rtol=1e-6)


def test_params_stay_a_plain_looking_dict():
    result = symopt.minimize(COST, [w, v, W], steps=3)
    params = result.params
    assert params == dict(params) and repr(params) == repr(dict(params))
    again = pickle.loads(pickle.dumps(params))
    assert list(again) == [w, v, W] and again[w] == params[w]
