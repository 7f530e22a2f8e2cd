"""probe75 P75-8: Adadelta's rule writes the step's square as a square, ``((√(E[Δθ²] + ε)/√(E[g²] + ε))g)²``, not the
whole factor twice.  Oracle: TF1's ``ApplyAdadelta`` kernel (training_ops.cc, as docs/optimizers.md writes it:
``update = sqrt(accum_update + ε)·rsqrt(accum + ε)·grad``; ``accum_update ← accum_update·ρ + update²·(1 - ρ)``) in
hand NumPy, against the shown expression evaluated at the same numbers."""

import numpy as np
import pytest

import symopt
from symopt.display import update_rule


def test_the_square_of_the_step_is_written_once():
    rule = update_rule(symopt.Adadelta(0.1))
    assert str(rule).splitlines()[3] == "  E[Δθ²] ← E[Δθ²]·ρ + ((√(E[Δθ²] + ε)/√(E[g²] + ε))g)²·(1 - ρ)"
    assert (r"E[\Delta\theta^2] &\leftarrow E[\Delta\theta^2] \rho + \left(\frac{\sqrt{E[\Delta\theta^2] + \epsilon}}"
            r"{\sqrt{E[g^2] + \epsilon}} g\right)^{2} \left(1 - \rho\right)") in rule.latex()


@pytest.mark.parametrize("accum, accum_update, grad", [(0.3, 0.2, -1.5), (2.0, 1e-3, 0.25)])
def test_the_shown_line_computes_tf1s_kernel(accum, accum_update, grad):
    rule = update_rule(symopt.Adadelta(0.1))
    target, shown = rule.assignments[2]
    names = {symbol.name: symbol for symbol in shown.free_symbols}
    rho, epsilon = 0.95, 1e-8
    numbers = {names[n]: v for n, v in zip(("g", "accum", "accum_update", "rho", "epsilon"),
                                           (grad, accum, accum_update, rho, epsilon)) if n in names}
    assert set(numbers) == shown.free_symbols
    update = np.sqrt(accum_update + epsilon) / np.sqrt(accum + epsilon) * grad
    assert float(shown.subs(numbers)) == pytest.approx(accum_update * rho + update * update * (1 - rho), rel=1e-12)
