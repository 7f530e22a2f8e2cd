"""probe68 P68-11: Adam's family with a schedule writes one step counter: t, 0 at the first step (TF1's
global_step, optax's count), so the beta powers are β₁ᵗ⁺¹ (TF1's beta1_power starts at β₁; optax's bias correction
is 1 - β₁^(count + 1)), never β₁ᵗ, which read at t = 0 divides by 1 - β₁⁰ = 0 (the text form of Adam's rule:
tests/test_r_schedule_rules.py)."""

import symopt
from symopt.display import update_rule

DECAY = symopt.ExponentialDecay(0.1, 10, 0.5)


def test_adam_latex_with_a_schedule():
    rows = update_rule(symopt.Adam(DECAY)).latex().splitlines()
    assert rows[1].endswith(r"\epsilon = 10^{-8}, \\")  # the header continues on a row of its own (probe75 P75-3)
    assert rows[2] == r"&\quad t = 0 \text{ at the first step} \\"
    assert rows[6] == r"\theta &\leftarrow \theta - \frac{m \frac{\eta \sqrt{1 - \beta_2^{t+1}}}{1 - \beta_1^{t+1}}}{\sqrt{v} + \epsilon} \\"
    assert rows[7] == r"\beta_1^{t+1} &\leftarrow \beta_1^{t+1} \beta_1 \\"


def test_nadam_and_the_pytorch_forms_use_the_same_counter():
    nadam = str(update_rule(symopt.Nadam(DECAY))).splitlines()
    # optax's nadam at count t + 1: m-term over 1 - β₁^(t+2), g-term over 1 - β₁^(t+1), v over 1 - β₂^(t+1)
    assert nadam[4] == "  θ ← θ - η(β₁m/(1 - β₁ᵗ⁺¹β₁) + (1 - β₁)g/(1 - β₁ᵗ⁺¹))/(√(v/(1 - β₂ᵗ⁺¹)) + ε)"
    for optimizer in (symopt.PyTorchAdam(DECAY), symopt.AdamW(DECAY)):
        assert "θ ← θ - (η/(1 - β₁ᵗ⁺¹))(m/(√v/√(1 - β₂ᵗ⁺¹) + ε))" in str(update_rule(optimizer))


def test_without_a_schedule_the_powers_stay_the_usual_one_based_t():
    lines = str(update_rule(symopt.Adam(0.1))).splitlines()
    assert lines[0] == "Adam: η = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-08"
    assert lines[3] == "  θ ← θ - m(η√(1 - β₂ᵗ)/(1 - β₁ᵗ))/(√v + ε)"
