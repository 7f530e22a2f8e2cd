"""P92-7: the course form's point line read ``forward (5 = 5)`` for a batch of fixed size (MatrixSymbol("X", 5, 3)),
whose 5 the lines show themselves; now the point line leaves it out.  Oracle for the cost's number: NumPy."""

import numpy as np
import sympy

from symopt import ops
from symopt.display import derive


def test_a_fixed_size_batch_has_no_count_equation():
    X, y, W = sympy.MatrixSymbol("X", 5, 3), sympy.MatrixSymbol("y", 5, 1), sympy.MatrixSymbol("W", 3, 1)
    cost = ops.sum((X * W - y).applyfunc(lambda t: sympy.log(sympy.cosh(t))))
    rng = np.random.default_rng(0)
    Xd, yd, Wd = rng.normal(size=(5, 3)), rng.normal(size=(5, 1)), rng.normal(size=(3, 1))
    lines = str(derive(cost, W, at={X: Xd, y: yd, W: Wd})).splitlines()
    assert lines[0] == "forward"
    assert lines[3] == f"  J = (1/5) Σ L = {float(np.sum(np.log(np.cosh(Xd @ Wd - yd)))):.5g}"
