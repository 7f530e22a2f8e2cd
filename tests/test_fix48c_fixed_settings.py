"""probe94 P94-2: an optimizer's settings are fixed once it is made.  ``opt.lr = 0.001`` (Keras 2),
``opt.learning_rate = ...`` (Keras 3 / TF2) and ``opt.beta1 = 0.5`` between two runs were ignored silently (the
second run kept lr=0.1), ``opt.hyperparameters["lr"] = -5.0`` skipped the constructor's range check (the run
climbed), and PyTorch's ``opt.param_groups[0]["lr"] = ...`` was a bare AttributeError.  Each is now a
ConfigurationError naming the new optimizer to make, raised before anything changes.

Oracle: a hand-written NumPy loop of TF1's Adam kernel (float32 hyperparameters and float32 powers beta^t, the
update in float64), independent of symopt."""

import copy
import json
import pickle

import numpy as np
import pytest

import symopt
from symopt.errors import ConfigurationError


def tf1_adam(lr, beta1=0.9, beta2=0.999, epsilon=1e-8, steps=3):
    """w after ``steps`` of TF1's Adam on (w - 5)² from 0 (float64 variable, Python-float hyperparameters)."""
    lr, b1, b2, eps = (np.float64(np.float32(x)) for x in (lr, beta1, beta2, epsilon))
    power1, power2 = np.float32(beta1), np.float32(beta2)
    w = m = v = 0.0
    for _ in range(steps):
        g = 2 * w - 10
        lr_t = lr * np.sqrt(1 - np.float64(power2)) / (1 - np.float64(power1))
        m, v = m + (g - m) * (1 - b1), v + (g * g - v) * (1 - b2)
        w = w - m * lr_t / (np.sqrt(v) + eps)
        power1, power2 = power1 * np.float32(beta1), power2 * np.float32(beta2)
    return float(w)


def lecture():
    w = symopt.Variable("w", 0.0)
    return w ** 2 - 10 * w + 25, w


CHANGES = {
    "opt.lr = 0.001": lambda opt: setattr(opt, "lr", 0.001),
    "opt.learning_rate = 0.001": lambda opt: setattr(opt, "learning_rate", 0.001),
    "opt.beta1 = 0.5": lambda opt: setattr(opt, "beta1", 0.5),
    "opt.hyperparameters['lr'] = -5.0": lambda opt: opt.hyperparameters.__setitem__("lr", -5.0),
    "del opt.hyperparameters['lr']": lambda opt: opt.hyperparameters.__delitem__("lr"),
    "opt.hyperparameters.update(lr=0.001)": lambda opt: opt.hyperparameters.update(lr=0.001),
    "opt.hyperparameters.pop('lr')": lambda opt: opt.hyperparameters.pop("lr"),
    "opt.param_groups[0]['lr'] = 0.001": lambda opt: opt.param_groups[0].__setitem__("lr", 0.001),
    "del opt.state": lambda opt: delattr(opt, "state"),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_to_a_made_optimizer_is_refused_and_changes_nothing(change):
    cost, w = lecture()
    opt = symopt.Adam(0.1)
    first = symopt.minimize(cost, w, optimizer=opt, steps=3)[w]
    with pytest.raises(ConfigurationError, match="fixed when it is made") as refused:
        CHANGES[change](opt)
    assert "make a new one" in str(refused.value) and "resume_from=" in str(refused.value)
    assert repr(opt) == "Adam(lr=0.1, beta1=0.9, beta2=0.999, epsilon=1e-08)"
    again = symopt.minimize(cost, w, optimizer=opt, steps=3)[w]
    assert first == again == tf1_adam(0.1)


def test_the_refusal_names_the_optimizer_to_make_and_it_trains_as_asked():
    cost, w = lecture()
    opt = symopt.Adam(0.1)
    with pytest.raises(ConfigurationError, match=r"Keras' and TF2's optimizer.learning_rate") as refused:
        opt.learning_rate = 0.001
    assert "symopt.Adam(lr=0.001, beta1=0.9, beta2=0.999, epsilon=1e-08)" in str(refused.value)
    with pytest.raises(ConfigurationError) as refused:
        opt.beta1 = 0.5
    assert "symopt.Adam(lr=0.1, beta1=0.5, beta2=0.999, epsilon=1e-08)" in str(refused.value)
    with pytest.raises(ConfigurationError, match="PyTorch's optimizer.param_groups"):
        opt.param_groups
    made = symopt.minimize(cost, w, optimizer=symopt.Adam(lr=0.001, beta1=0.5), steps=3)[w]
    assert made == tf1_adam(0.001, 0.5)


def test_a_negative_rate_is_refused_however_it_is_written():
    opt = symopt.GradientDescent(0.1)
    with pytest.raises(ConfigurationError):
        opt.hyperparameters["lr"] = -5.0
    with pytest.raises(ConfigurationError, match="negative rate climbs"):
        symopt.GradientDescent(-5.0)
    assert opt.hyperparameters == {"lr": 0.1}


def test_settings_named_otherwise_point_at_the_constructor_keyword():
    ftrl = symopt.Ftrl(0.1, learning_rate_power=-0.7)
    with pytest.raises(ConfigurationError, match=r"symopt.Ftrl\(lr=0.1, learning_rate_power=-0.3, l1=0.0"):
        ftrl.hyperparameters["lr_power"] = -0.3
    momentum = symopt.Momentum(0.1, 0.9, nesterov=True)
    with pytest.raises(ConfigurationError, match=r"symopt.Momentum\(lr=0.01, momentum=0.9, nesterov=True\)"):
        momentum.lr = 0.01


def test_copies_and_pickles_keep_the_settings_and_stay_fixed():
    cost, w = lecture()
    for opt in (symopt.Adam(0.1), symopt.Ftrl(0.1, learning_rate_power=np.float64(-0.7)), symopt.AdamW(0.1)):
        for copied in (copy.copy(opt), copy.deepcopy(opt), pickle.loads(pickle.dumps(opt))):
            assert repr(copied) == repr(opt) and copied.key() == opt.key()
            assert dict(copied.hyperparameters) == dict(opt.hyperparameters)
            with pytest.raises(ConfigurationError):
                copied.lr = 0.5
    copied = copy.deepcopy(symopt.Adam(0.1))
    assert symopt.minimize(cost, w, optimizer=copied, steps=3)[w] == tf1_adam(0.1)


def test_reading_stays_as_before():
    opt = symopt.Adam(0.1)
    assert not hasattr(opt, "no_such_setting")
    assert {**opt.hyperparameters} == dict(opt.hyperparameters.items()) == {
        "lr": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-08}
    assert opt.hyperparameters.get("momentum") is None and len(opt.hyperparameters) == 4
    assert json.loads(json.dumps(opt.hyperparameters)) == dict(opt.hyperparameters)
    mine = copy.copy(opt.hyperparameters)  # a copy is the caller's to change
    mine["lr"] = 0.5
    assert opt.hyperparameters["lr"] == 0.1


def test_attribute_probing_answers_as_for_a_missing_attribute():
    """Review final48c: the refusal is also an AttributeError, so duck typing and inspection work as on main."""
    import inspect
    opt = symopt.Adam(0.1)
    assert not hasattr(opt, "param_groups") and getattr(opt, "param_groups", None) is None
    assert ("hyperparameters", opt.hyperparameters) in inspect.getmembers(opt)
    with pytest.raises(AttributeError, match="fixed when it is made"):
        opt.lr = 0.001


def test_other_attributes_stay_writable():
    """Review final48c: only settings are fixed; a subclass's own bookkeeping is written as on main."""
    class Counting(symopt.GradientDescent):
        def update(self, theta, g, slots, h):
            self.built = getattr(self, "built", 0) + 1
            return super().update(theta, g, slots, h)

    w = symopt.Variable("w", 0.0)
    counting = Counting(0.1)
    result = symopt.minimize((w - 3) ** 2, w, optimizer=counting, steps=3)[w]
    expected, lr = 0.0, float(np.float32(0.1))
    for _ in range(3):
        expected = expected - (2 * expected - 6) * lr
    assert result == expected and counting.built >= 1
    opt = symopt.Adam(0.1)
    opt.note = "phase 1"
    assert opt.note == "phase 1"
    for setting in ("weight_decay", "tf1_precision", "eps", "beta_1", "nesterov", "settings_fixed"):
        with pytest.raises(ConfigurationError, match="fixed when it is made"):
            setattr(opt, setting, 0.5)


def test_hyperparameters_kept_as_a_class_attribute_still_construct():
    """Review final48c: a subclass whose hyperparameters are a class attribute (its constructor does not call the
    base's) constructs and trains as on main; its instance gets a read-only copy, the class's dict is left as it is."""
    from symopt.optimizers import Optimizer

    class HalfStep(Optimizer):
        name = "half_step"
        hyperparameters = {"lr": 0.5}

        def __init__(self):
            pass

        def update(self, theta, g, slots, h):
            return [(theta, theta - g * h["lr"])]

    w = symopt.Variable("w", 0.0)
    expected = 0.0
    for _ in range(2):
        expected = expected - 0.5 * (2 * expected - 6)  # 0.5 is exact in float32
    assert symopt.minimize((w - 3) ** 2, w, optimizer=HalfStep(), steps=2)[w] == expected == 3.0
    HalfStep.hyperparameters["lr"] = 0.25  # the class's own dict: the user's to change for later instances
    assert HalfStep().hyperparameters == {"lr": 0.25}
