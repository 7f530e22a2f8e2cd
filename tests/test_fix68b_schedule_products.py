"""final43d F43d-5: a schedule's ``.latex()`` keeps its sums in their written order (probe68 P68-6) without
reordering its products: ``\\frac{2 \\pi n}{s}`` as SymPy's default printed it before P68-6 and as the schedule's text
rule writes it (``2πn/s``), never ``\\frac{\\pi 2 n}{s}``, a number after a letter."""

import sympy

import symopt
from symopt.display import update_rule
from symopt.schedule_base import numbers_first


def test_linear_cosine_decay_writes_its_number_first():
    for schedule in (symopt.LinearCosineDecay(0.1, 100), symopt.Warmup(symopt.LinearCosineDecay(0.1, 100), 5)):
        shown = schedule.latex()
        assert r"\frac{2 \pi n}{s}" in shown
        assert r"\pi 2" not in shown
    assert "2πn/s" in str(update_rule(symopt.GradientDescent(symopt.LinearCosineDecay(0.1, 100))))


def test_a_product_moves_its_integers_first_and_keeps_the_written_sum():
    x, y = sympy.symbols("x y")
    written = sympy.Add(y, sympy.Mul(sympy.pi, 2, x, evaluate=False), evaluate=False)
    assert sympy.latex(numbers_first(written), order="none") == r"y + 2 \pi x"
