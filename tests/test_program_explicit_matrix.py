"""An explicit matrix output (a Hessian of n scalar parameters) is built into a program in O(n²): its n² entries
sit in one SymPy ``Tuple``, whose hash is not cached (``hash(self.args)``), so a hash per entry made
``minimize(method="newton")`` O(n⁴): 128 parameters took 21 s (e-probe E4).  Counted, not timed."""

import sympy
from sympy.core.containers import Tuple

import symopt
from symopt.program import build_program


def _tuple_hashes(n: int, monkeypatch) -> int:
    ws = [symopt.Variable(f"w{i}", 0.0) for i in range(n)]
    cost = sympy.Add(*[(w - i % 7) ** 2 for i, w in enumerate(ws)]) + ws[0] * ws[-1]
    hessian = sympy.ImmutableMatrix(n, n, lambda i, j: sympy.diff(cost, ws[i], ws[j]))
    count = [0]
    original = Tuple.__hash__

    def counted(self):
        count[0] += len(self.args) > n  # the entries' Tuple
        return original(self)
    monkeypatch.setattr(Tuple, "__hash__", counted)
    build_program([hessian], ws)
    monkeypatch.setattr(Tuple, "__hash__", original)
    return count[0]


def test_the_entries_tuple_is_hashed_a_bounded_number_of_times(monkeypatch):
    small, large = _tuple_hashes(12, monkeypatch), _tuple_hashes(36, monkeypatch)
    assert small == large and large <= 16


def test_newton_on_many_scalar_parameters_is_right():
    n = 40
    ws = [symopt.Variable(f"w{i}", 0.0) for i in range(n)]
    result = symopt.minimize(sympy.Add(*[(w - i % 7) ** 2 for i, w in enumerate(ws)]), ws, method="newton")
    assert [round(float(result[w]), 12) for w in ws] == [float(i % 7) for i in range(n)]
