"""final41b F41b-7: the curvature check of a first-order run stopped by tol at its start reads the Hessian only where
the start is stationary (its gradient 0 to rounding), and builds the symbolic Hessian once per cost.  Oracle: sympy.diff
of the cost at the start."""

import sympy

import symopt
import symopt.second_order


def test_a_loose_tol_at_a_sloped_start_is_the_users_precision_not_a_saddle():
    w = symopt.Variable("w", 0.1)
    ws = sympy.Symbol("w")
    well = (ws ** 2 - 1) ** 2
    slope, curvature = (float(sympy.diff(well, ws, k).subs(ws, 0.1)) for k in (1, 2))
    assert abs(slope) > 0.3 and curvature < 0  # the oracle: a real slope, curving down; no critical point
    result = symopt.minimize((w ** 2 - 1) ** 2, w, optimizer=symopt.Adam(0.1), steps=100, tol=0.5)
    assert result.steps == 0 and result.success
    assert result.message == "converged: every |gradient| <= 0.5 after 0 steps"


def test_a_stationary_start_on_a_maximum_is_still_refused():
    w = symopt.Variable("w", 0.0)
    assert sympy.diff((sympy.Symbol("w") ** 2 - 1) ** 2, "w").subs("w", 0) == 0  # the oracle: stationary at 0
    result = symopt.minimize((w ** 2 - 1) ** 2, w, optimizer=symopt.Adam(0.1), steps=100, tol=1e-8)
    assert not result.success and "a maximum or a saddle point" in result.message


def test_the_symbolic_hessian_is_built_once_per_cost(monkeypatch):
    built = []
    original = symopt.second_order.code_hessian

    def counting(cost, wrt):
        built.append(cost)
        return original(cost, wrt)
    monkeypatch.setattr(symopt.second_order, "code_hessian", counting)
    u = symopt.Variable("u_f41b7", 0.0)
    v = symopt.Variable("v_f41b7", 0.0)
    cost = (u ** 2 - 1) ** 2 + (v ** 2 - 4) ** 2 + u * v ** 3  # stationary at (0, 0), curving down
    for _ in range(3):  # a refit loop
        result = symopt.minimize(cost, [u, v], optimizer=symopt.Adam(0.1), steps=10, tol=1e-8)
        assert not result.success
    assert len(built) == 1
