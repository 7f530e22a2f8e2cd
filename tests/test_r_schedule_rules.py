"""An optimizer with a learning-rate schedule shows its update rule (probe P17: a raw SympifyError before).

The title lists the schedule's constants as its formula names them, the first row computes η from them, and a
constant that would print as another symbol of the rule (RMSProp's slot s, Ftrl's power p) is primed.
"""

import pytest

import symopt
from symopt import schedules
from symopt.display.glyphs import format_number
from symopt.errors import ConfigurationError
from symopt.optimizers import get_optimizer, optimizer_table

SCHEDULES = [schedules.ExponentialDecay(0.1, 5, 0.5), schedules.InverseTimeDecay(0.1, 5, 0.5),
             schedules.PolynomialDecay(0.1, 100), schedules.CosineDecay(0.1, 100),
             schedules.PiecewiseConstant([10, 20], [0.1, 0.05, 0.01]),
             schedules.Warmup(schedules.CosineDecay(0.1, 100), 10)]


def test_adam_with_exponential_decay_text_and_latex():
    adam = symopt.Adam(symopt.ExponentialDecay(0.1, 5, 0.5))
    assert str(symopt.update_rule(adam)) == "\n".join([
        "Adam: η₀ = 0.1, s = 5, r = 0.5, β₁ = 0.9, β₂ = 0.999, ε = 1e-08, t = 0 at the first step",
        "  η ← η₀·r^(t/s)",
        "  m ← m + (g - m)(1 - β₁)",
        "  v ← v + (g² - v)(1 - β₂)",
        "  θ ← θ - m(η√(1 - β₂ᵗ⁺¹)/(1 - β₁ᵗ⁺¹))/(√v + ε)",
        "  β₁ᵗ⁺¹ ← β₁ᵗ⁺¹β₁",
        "  β₂ᵗ⁺¹ ← β₂ᵗ⁺¹β₂",
        "  t ← t + 1"])
    assert adam.latex().splitlines()[1:4] == [  # the header continues on a row of its own (probe75 P75-3)
        r"&\text{Adam} \quad \eta_{0} = 0.1,\; s = 5,\; r = 0.5,\; \beta_1 = 0.9,\; \beta_2 = 0.999,\; \epsilon = 10^{-8}, \\",
        r"&\quad t = 0 \text{ at the first step} \\",
        r"\eta &\leftarrow \eta_{0} r^{\frac{t}{s}} \\"]
    assert adam._repr_latex_() == f"$${adam.latex()}$$"


def test_a_constant_named_as_a_slot_is_primed():
    rmsprop = symopt.update_rule(symopt.RMSProp(symopt.ExponentialDecay(0.1, 5, 0.5)))
    assert str(rmsprop).splitlines()[:3] == ["RMSProp: η₀ = 0.1, s′ = 5, r = 0.5, ρ = 0.9, μ = 0, ε = 1e-10",
                                             "  η ← η₀·r^(t/s′)", "  s ← s + (g² - s)(1 - ρ)"]
    assert r"\eta &\leftarrow \eta_{0} r^{\frac{t}{s'}} \\" in rmsprop.latex()
    ftrl = str(symopt.update_rule(get_optimizer("ftrl", lr=schedules.PolynomialDecay(0.1, 100))))
    assert ftrl.splitlines()[:2] == ["Ftrl: η₀ = 0.1, s = 100, η_(end) = 0.0001, p′ = 1, p = -0.5, λ₁ = 0, λ₂ = 0",
                                     "  η ← (η₀ - η_(end))·(1 - min(s, t)/s)^p′ + η_(end)"]


@pytest.mark.parametrize("name", sorted(optimizer_table()))
def test_every_optimizer_shows_every_schedule(name):
    for schedule in SCHEDULES:
        if name == "ftrl" and schedule.why_zero() is not None:  # refused: Ftrl divides by the rate (core9 V14)
            with pytest.raises(ConfigurationError, match="Ftrl divides by the learning rate"):
                get_optimizer(name, lr=schedule)
            continue
        optimizer = get_optimizer(name, lr=schedule)
        title, first_row, *_ = str(symopt.update_rule(optimizer)).splitlines()
        hidden = schedule.shown_as(schedule.symbols())
        shown = [format_number(v) for n, v in schedule.constants().items() if n not in hidden]
        assert title.startswith(f"{type(optimizer).__name__}: ") and first_row.startswith("  η ← "), (name, schedule)
        assert [item.split(" = ")[1] for item in title.split(": ", 1)[1].split(", ")[:len(shown)]] == shown
        assert r"\eta &\leftarrow " in optimizer.latex()


def test_piecewise_constant_takes_one_dimensional_arrays_as_lists():
    """review11 R11-7: NumPy arrays of boundaries and values (what the TF1 layer's piecewise_constant takes) were
    refused; a 1-D array is its list, anything else is still refused."""
    import numpy as np
    import pytest
    import symopt
    from symopt.errors import ConfigurationError
    as_arrays = symopt.PiecewiseConstant(np.array([3, 6]), np.array([0.1, 0.05, 0.01]))
    assert as_arrays == symopt.PiecewiseConstant([3, 6], [0.1, 0.05, 0.01])
    assert [float(as_arrays(t)) for t in (3, 4, 7)] == [float(np.float32(v)) for v in (0.1, 0.05, 0.01)]
    with pytest.raises(ConfigurationError, match="boundaries must be a list of numbers"):
        symopt.PiecewiseConstant(np.array([[3, 6]]), [0.1, 0.05, 0.01])


def test_whole_valued_float_steps_and_zero_d_arrays_are_numbers():
    """compat18's notes on probe22 H21: Python 3's 60000 / 100 (600.0) is a whole number of steps, np.array(0.1) a
    learning rate (TF1 takes both); 600.5 steps is still refused."""
    import numpy as np
    import pytest
    import symopt
    from symopt.errors import ConfigurationError
    assert symopt.ExponentialDecay(0.1, 60000 / 100, 0.5) == symopt.ExponentialDecay(0.1, 600, 0.5)
    assert symopt.ExponentialDecay(np.array(0.1), 600, 0.5) == symopt.ExponentialDecay(0.1, 600, 0.5)
    assert symopt.Adam(np.array(0.1)).hyperparameters["lr"] == symopt.Adam(0.1).hyperparameters["lr"]
    with pytest.raises(ConfigurationError, match="expected a positive whole number of steps; given 600.5"):
        symopt.ExponentialDecay(0.1, 600.5, 0.5)
