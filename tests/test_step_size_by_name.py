"""The step-size advice resolves parameters given by name, as grad does (by name p**4 was called quadratic)."""

import symopt
from symopt.step_size import step_size_advice


def test_advice_by_name_equals_advice_by_symbol():
    p = symopt.Variable("p_advice", 1.0)
    assert step_size_advice(p ** 4, "p_advice", {p: 1.0}, 0.1) == step_size_advice(p ** 4, p, {p: 1.0}, 0.1) == ""
    by_name = step_size_advice((p - 3) ** 2, ["p_advice"], {p: 1.0}, 2.0)
    assert by_name == step_size_advice((p - 3) ** 2, [p], {p: 1.0}, 2.0)
    assert "below 2/λ_max = 1 (λ_max = 2" in by_name
