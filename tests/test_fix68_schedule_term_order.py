"""probe68 P68-6 (schedules): a schedule's own ``.latex()`` writes its formula's terms in the order of the update
rule that uses it (``(\\eta_{peak} - \\eta_{init}) t``, never a sum that starts with a minus, ``- \\eta_{init} +
\\eta_{peak}``), so one sheet prints one formula one way."""

import symopt
from symopt.display import update_rule


def _rule_row(schedule) -> str:
    row = next(row for row in update_rule(symopt.GradientDescent(schedule)).latex().splitlines()
               if row.startswith(r"\eta &\leftarrow"))  # after the header's rows (probe75 P75-3)
    return row.split(r"&\leftarrow ")[1].removesuffix(r" \\")


def test_warmup_difference_starts_with_the_positive_term():
    warmup = symopt.Warmup(symopt.CosineDecay(0.1, 100), 5)
    assert r"\eta_{init} + \frac{\left(\eta_{peak} - \eta_{init}\right) t}{w}" in warmup.latex()
    assert r"- \eta_{init} + \eta_{peak}" not in warmup.latex()
    assert r"\eta_{init} + \frac{\left(\eta_{peak} - \eta_{init}\right) t}{w}" in _rule_row(warmup)


def test_polynomial_decay_as_the_rule_writes_it():
    decay = symopt.PolynomialDecay(0.1, 100, 0.001, power=2)
    expected = r"\left(\eta_{0} - \eta_{end}\right) \left(1 - \frac{\min\left(s, t\right)}{s}\right)^{p} + \eta_{end}"
    assert decay.latex() == rf"\eta_t = {expected} \quad (\eta_{{0}} = 0.1, s = 100, \eta_{{end}} = 0.001, p = 2)"
    assert _rule_row(decay) == expected
