"""probe59 P59-12: ``minimize(..., method=..., progress=True)`` shows a bar of the iterations (it showed nothing).
Oracle: the minimum of (w - 3)**4 + w by hand, w* = 3 - 4**(-1/3), and the run's own iteration count."""

import pytest

import symopt

MINIMUM = (4 ** (-1 / 3)) ** 4 + 3 - 4 ** (-1 / 3)  # (w* - 3)**4 + w* at w* = 3 - 4**(-1/3)


@pytest.mark.parametrize("method", ["newton", "lbfgs", "trust-ncg"])
def test_a_method_run_shows_its_iterations_and_final_cost(method, capsys):
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize((w - 3) ** 4 + w, w, method=method, progress=True)
    shown = capsys.readouterr()
    bar = (shown.err + shown.out).split("\r")[-1]
    assert f"{result.steps}/1000" in bar
    assert f"cost={MINIMUM:.4g}" in bar


def test_no_bar_without_progress(capsys):
    w = symopt.Variable("w", 0.0)
    symopt.minimize((w - 3) ** 4 + w, w, method="lbfgs", progress=False)
    shown = capsys.readouterr()
    assert shown.err == "" and shown.out == ""
