"""probe75 P75-8: Adadelta's rule writes the step's square as a square, ``((√(E[Δθ²] + ε)/√(E[g²] + ε))g)²``, not the
whole factor twice.  Oracle: TF1's ``ApplyAdadelta`` kernel (training_ops.cc, as docs/optimizers.md writes it:
``update = sqrt(accum_update + ε)·rsqrt(accum + ε)·grad``; ``accum_update ← accum_update·ρ + update²·(1 - ρ)``) in
hand NumPy, against the printed line read back with SymPy and evaluated at the same numbers (45c-8: not the
rule's SymPy assignment, which the printer does not change)."""

import numpy as np
import pytest
import sympy
from sympy.parsing.sympy_parser import implicit_multiplication, parse_expr, standard_transformations

import symopt
from symopt.display import update_rule


def test_the_square_of_the_step_is_written_once():
    rule = update_rule(symopt.Adadelta(0.1))
    assert str(rule).splitlines()[3] == "  E[Δθ²] ← E[Δθ²]·ρ + ((√(E[Δθ²] + ε)/√(E[g²] + ε))g)²·(1 - ρ)"
    assert (r"E[\Delta\theta^2] &\leftarrow E[\Delta\theta^2] \rho + \left(\frac{\sqrt{E[\Delta\theta^2] + \epsilon}}"
            r"{\sqrt{E[g^2] + \epsilon}} g\right)^{2} \left(1 - \rho\right)") in rule.latex()


def printed_line_as_sympy(line: str):
    """The printed right-hand side read back with SymPy: E[Δθ²] as U, E[g²] as A, √ as sqrt, juxtaposition as ·."""
    for shown, name in (("E[Δθ²]", "U"), ("E[g²]", "A"), ("√(", "sqrt("), ("²", "**2"), ("·", "*"), ("ρ", "rho"),
                        ("ε", "epsilon")):
        line = line.replace(shown, name)
    return parse_expr(line, transformations=standard_transformations + (implicit_multiplication,))


@pytest.mark.parametrize("accum, accum_update, grad", [(0.3, 0.2, -1.5), (2.0, 1e-3, 0.25)])
def test_the_printed_line_computes_tf1s_kernel(accum, accum_update, grad):
    line = str(update_rule(symopt.Adadelta(0.1))).splitlines()[3]
    target, printed = line.strip().split(" ← ")
    assert target == "E[Δθ²]"
    shown = printed_line_as_sympy(printed)
    rho, epsilon = 0.95, 1e-8
    numbers = {"g": grad, "A": accum, "U": accum_update, "rho": rho, "epsilon": epsilon}
    assert {symbol.name for symbol in shown.free_symbols} == set(numbers)
    update = np.sqrt(accum_update + epsilon) / np.sqrt(accum + epsilon) * grad
    value = float(shown.subs({sympy.Symbol(name): number for name, number in numbers.items()}))
    assert value == pytest.approx(accum_update * rho + update * update * (1 - rho), rel=1e-12)
