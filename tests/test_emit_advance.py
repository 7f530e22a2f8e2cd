"""The ``advance`` step kind: ``step`` with the caller's array state (matrix parameters and their slots) updated
in place, for a caller that owns it (the TF1 session): the same bits as ``step``, no new state arrays."""

import numpy as np

import symopt
from symopt.fused import compile_step


def test_advance_is_step_in_place_with_the_same_bits():
    X = symopt.Placeholder("X", shape=(None, 3))
    W = symopt.Variable("W", np.zeros((3, 2)), shape=(3, 2))
    b = symopt.Variable("b", np.zeros((1, 2)), shape=(1, 2))
    cost = symopt.ops.mean(symopt.ops.relu(symopt.ops.bias_add(X @ W, b)))
    compiled = compile_step(cost, [W, b], symopt.Adam(0.1), [X], dtype="float32")
    rng = np.random.default_rng(0)
    x = rng.standard_normal((5, 3)).astype(np.float32)
    params = [rng.standard_normal((3, 2)).astype(np.float32), rng.standard_normal((1, 2)).astype(np.float32)]
    slots, shared = compiled.initial_slots(params)
    hyper = compiled.hyper_arguments()
    expected = compiled.step(*params, *slots, *shared, *hyper, x)
    owned = [p.copy() for p in params], [s.copy() for s in slots]
    got = compiled.advance(*owned[0], *owned[1], *shared, *hyper, x)
    assert "W -= " in compiled.advance.source and "W = W - " in compiled.step.source
    for ours, theirs, buffer in zip(got[1] + got[2], expected[1] + expected[2], owned[0] + owned[1]):
        assert ours is buffer and np.array_equal(ours, theirs)  # updated in place, the same bits
    assert got[0] == expected[0] and all(np.array_equal(a, b) for a, b in zip(got[3], expected[3]))
