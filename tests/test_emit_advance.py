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


def test_guarded_advance_reads_each_update_line_once_whatever_the_depth(monkeypatch):
    """Finding each gradient's last read parses every update line once (not once per gradient: quadratic in
    depth, 3x the compile time of a 32-layer network)."""
    import ast

    import symopt.emit as emit_module
    from symopt.emit import emit, make_printer
    from symopt.fused import step_program

    parses = []
    real = ast.parse
    monkeypatch.setattr(emit_module.ast, "parse", lambda text, *a, **k: parses.append(text) or real(text, *a, **k))

    def count(depth: int) -> int:
        X = symopt.Placeholder("X_depth", shape=(None, 4))
        weights = [symopt.Variable(f"W{i}_depth", np.zeros((4, 4)), shape=(4, 4)) for i in range(depth)]
        activation = X
        for W in weights:
            activation = symopt.ops.relu(activation @ W)
        program = step_program(symopt.ops.mean(activation), weights, symopt.Adam(0.1), [X], dtype="float64")
        parses.clear()
        source = emit(program, make_printer(program, "numpy", "float64"), "guarded_advance")
        assert source.count("del g_W") == depth  # each gradient released once, after its last read
        return len(parses)
    shallow, deep = count(4), count(16)
    assert deep <= 4 * shallow + 8  # linear in the number of update lines
