"""probe12 V3: repr(Ftrl(0.1, learning_rate_power=-0.3)) wrote ``lr_power=-0.3``, a keyword Ftrl does not take; every
optimizer's repr now evaluates back to an optimizer with the same settings."""

import ast

import pytest

import symopt

OPTIMIZERS = [symopt.GradientDescent(0.2), symopt.Momentum(0.1, 0.9, nesterov=True),
              symopt.Adagrad(0.1, initial_accumulator_value=0.2), symopt.RMSProp(0.1, momentum=0.5, centered=True),
              symopt.Adam(0.1, beta1=0.8), symopt.AdamW(0.1, weight_decay=0.02), symopt.Adadelta(0.1, rho=0.9),
              symopt.Ftrl(0.1, learning_rate_power=-0.3, initial_accumulator_value=0.2, l1=0.01, l2=0.02),
              symopt.Nadam(0.1), symopt.ProximalAdagrad(0.1, l1=0.01), symopt.ProximalGradientDescent(0.1, l2=0.1),
              symopt.KerasAdam(0.1), symopt.PyTorchAdam(0.1)]


@pytest.mark.parametrize("optimizer", OPTIMIZERS, ids=lambda o: type(o).__name__)
def test_repr_evaluates_back_to_the_same_settings(optimizer):
    text = repr(optimizer)
    call = ast.parse(text, mode="eval").body  # read as Python reads it, without running it
    assert call.func.id == type(optimizer).__name__ and not call.args
    again = getattr(symopt, call.func.id)(**{keyword.arg: ast.literal_eval(keyword.value) for keyword in call.keywords})
    assert repr(again) == text
    assert again.hyperparameters == optimizer.hyperparameters and again.options() == optimizer.options()
