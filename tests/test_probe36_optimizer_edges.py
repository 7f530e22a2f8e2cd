"""probe36: optimizer and schedule edges, each checked against a hand NumPy loop of the documented rule."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError, DivergenceError


def test_a_beta_that_float32_rounds_to_one_is_refused_when_the_optimizer_is_made():
    """P36-1, P36-2: TF1's float32 makes 0.99999999 exactly 1, where beta2 never moves and beta1 divides by 0."""
    assert np.float32(0.99999999) == 1
    for keyword in ("beta1", "beta2"):
        for kind in (symopt.Adam, symopt.KerasAdam):
            with pytest.raises(ConfigurationError, match=rf"{keyword}=0.99999999 becomes 1.0 in float32 .*"
                                                         r"\[0, 1\).* further from 1 .*numpy.float64\(0.99999999\)"):
                kind(0.1, **{keyword: 0.99999999})
    assert symopt.Adam(0.1, beta2=0.99999994).hyperparameters["beta2"] == 0.99999994  # float32's largest below 1


@pytest.mark.parametrize("make", [lambda: symopt.PyTorchAdam(0.1, beta2=0.99999999),
                                  lambda: symopt.PyTorchAdam(0.1, beta1=0.99999999),
                                  lambda: symopt.Nadam(0.1, beta1=0.99999999),
                                  lambda: symopt.AdamW(0.1, beta2=0.99999999),
                                  lambda: symopt.Adam(0.1, beta2=np.float64(0.99999999))])
def test_a_beta_the_runs_dtype_rounds_to_one_is_refused_before_the_run(make):
    """P36-1 addendum: the run-dtype optimizers keep their betas in float32 in a float32 run (it was NaN, 'try a
    smaller learning rate'); in float64 they run as given."""
    W = symopt.Variable("W", np.zeros((2, 2)), dtype="float32")
    with pytest.raises(ConfigurationError, match=r"becomes 1.0 in the run's dtype float32, .*dtype=\"float64\""):
        symopt.minimize(ops.sum(ops.square(W)), W, optimizer=make(), steps=2, dtype="float32", progress=False)
    assert W.init.tolist() == [[0, 0], [0, 0]]
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize((w - 3) ** 2, w, optimizer=make(), steps=3, progress=False)
    assert result.success and result.params[w] != 0


def test_a_scalar_step_whose_update_raises_is_the_divergence_the_matrix_run_reports():
    """P36-8: centered RMSProp's ms - mg² + ε < 0 (ms rounds to 0): math.sqrt raised ValueError on a scalar."""
    optimizer = symopt.RMSProp(0.1, decay=0.0, epsilon=1e-30, centered=True)
    w = symopt.Variable("w", 0.0)
    W = symopt.Variable("W", np.zeros((1, 1)))
    with pytest.raises(DivergenceError) as scalar:
        symopt.minimize(1e-10 * w, w, optimizer=optimizer, steps=3, progress=False)
    with pytest.raises(DivergenceError) as matrix:
        symopt.minimize(1e-10 * ops.sum(W), W, optimizer=optimizer, steps=3, progress=False)
    assert str(scalar.value) == str(matrix.value)
    assert scalar.value.result.history.tolist()[:-1] == matrix.value.result.history.tolist()[:-1]
    # the hand rule: ms = 1 + (g² − 1)·1 = 0 (g² = 1e-20 is lost), mg = g, so ms − mg² + ε = −1e-20 + 1e-30 < 0
    assert (1.0 + (1e-20 - 1.0) * 1.0) - 1e-10 * 1e-10 + 1e-30 < 0


def test_a_scalar_run_whose_update_raises_late_keeps_the_steps_before_it():
    """P36-2: where the generated loop's update raised, the steps before it are taken again one call each (the
    Python floats given are unchanged) and NumPy's arithmetic takes the step that raised."""
    from array import array
    from symopt.run_replay import Replays

    def train(steps, history, tol, w):  # w ← w + 1 + 0·(1/(w − 5)): Python's 1/0 at w = 5 (the hand rule)
        for step in range(steps):
            history[step] = w
            w = w + 1 + 0.0 * (1 / (w - 5))
        return steps, (w,)

    class NumpyStep:
        module, dtype = "numpy", "float64"

        def hyper_arguments(self):
            return []

        def step(self, w):
            with np.errstate(divide="ignore", invalid="ignore"):
                return w, (w + 1 + 0.0 * (1 / (w - np.float64(5))),), [np.float64(1.0)]

    class Run(Replays):
        params, slots, hyper = [0.0], [], []
        compiled = type("Compiled", (), {"train": staticmethod(train)})()
        numpy_version = staticmethod(NumpyStep)

    costs = array("d", bytes(8 * 6))
    with memoryview(costs) as view:
        done, state = Run()._train(6, view, -1.0, [2.0], [])
    assert costs.tolist()[:4] == [2.0, 3.0, 4.0, 5.0] and np.isnan(costs[4]) and done == 6 and np.isnan(state[0])


@pytest.mark.parametrize("make, name", [
    (lambda: symopt.ExponentialDecay(1e-50, 5, 0.5), "learning_rate"),
    (lambda: symopt.CosineDecay(1e-50, 10), "learning_rate"),
    (lambda: symopt.InverseTimeDecay(1e-50, 5, 0.5), "learning_rate"),
    (lambda: symopt.PiecewiseConstant([2], [0.1, 1e-50]), "values"),
    (lambda: symopt.ExponentialDecay(0.1, 5, 1e-50), "decay_rate"),
    (lambda: symopt.Warmup(0.1, 3, initial_learning_rate=1e-50), "initial_learning_rate"),
    (lambda: symopt.ExponentialDecay(0.1, 5, 1e39), "decay_rate")])
def test_a_schedule_number_that_float32_makes_zero_or_infinite_is_refused_when_made(make, name):
    """P36-6: schedules compute in float32, so ExponentialDecay(1e-50, ...) trained nothing (success=True)."""
    with pytest.raises(ConfigurationError, match=rf"{name}=1e[-+]?[0-9]+ becomes (0|infinite) in float32, in which a "
                                                 "schedule computes its rate"):
        make()


def test_schedules_take_sympy_and_numpy_numbers_as_the_optimizers_do():
    """P36-7: 'expected a positive finite number; given 1/10' contradicted itself."""
    import sympy
    assert symopt.ExponentialDecay(sympy.Rational(1, 10), sympy.Integer(5), sympy.Rational(1, 2)) == \
        symopt.ExponentialDecay(0.1, 5, 0.5)
    assert symopt.CosineDecay(sympy.Float(0.1), np.array(10)) == symopt.CosineDecay(0.1, 10)
    assert symopt.PiecewiseConstant([sympy.Integer(3)], [sympy.Rational(1, 10), np.float64(0.01)]) == \
        symopt.PiecewiseConstant([3], [0.1, 0.01])
    assert symopt.Warmup(sympy.Rational(1, 10), 3).then == symopt.Warmup(0.1, 3).then
    for bad in (float("nan"), float("inf"), -0.1, "0.1"):
        with pytest.raises(ConfigurationError, match="learning_rate: expected a positive finite number"):
            symopt.ExponentialDecay(bad, 5, 0.5)


@pytest.mark.parametrize("make, slot", [(lambda: symopt.Adagrad(0.1), "accumulator_W"),
                                        (lambda: symopt.Adadelta(1.0), "accum_W")])
def test_a_healthy_run_with_an_infinite_slot_resumes_as_the_uninterrupted_run(tmp_path, make, slot):
    """P36-10: a float32 accumulator past 3.4e38 is inf in TF1 too (that entry then steps by 0); its checkpoint was
    refused as 'holds NaN or infinity ... before the run diverged'.  A NaN slot is still refused."""
    from dataclasses import replace
    from symopt.checkpoint import load_checkpoint, save_checkpoint
    from symopt.errors import CheckpointError
    W = symopt.Variable("W", np.ones((2, 1)), dtype="float32")
    C = symopt.Placeholder("C", (2, 1), dtype="float32")
    cost = ops.sum(ops.hadamard(C, W)) + ops.sum(ops.square(W))
    run = dict(data={C: np.array([[1e20], [1.0]])}, steps=10, dtype="float32", progress=False)
    whole = symopt.minimize(cost, W, optimizer=make(), **run)
    path = tmp_path / "run.npz"
    symopt.minimize(cost, W, optimizer=make(), checkpoint=path, callback=lambda step, c, p: step == 4, **run)
    assert np.isinf(load_checkpoint(path).slots[slot][0, 0])
    resumed = symopt.minimize(cost, W, optimizer=make(), resume_from=path, **run)
    assert np.array_equal(resumed[W], whole[W]) and list(resumed.history) == list(whole.history)
    if slot == "accumulator_W":  # the hand float32 Adagrad loop (TF1's kernel): a ← a + g², W ← W − g·η·(1/√a)
        w, a = np.ones((2, 1), np.float32), np.full((2, 1), 0.1, np.float32)
        c, lr = np.array([[1e20], [1.0]], np.float32), np.float32(0.1)
        with np.errstate(over="ignore"):
            for _ in range(10):
                g = c + np.float32(2) * w
                a = a + g * g
                w = w - g * lr * (np.float32(1) / np.sqrt(a))
        assert np.array_equal(whole[W], w) and w[0, 0] == 1
    stored = load_checkpoint(path)
    save_checkpoint(path, replace(stored, slots={**stored.slots, slot: np.full((2, 1), np.nan, np.float32)}))
    with pytest.raises(CheckpointError, match=rf"slot '{slot}' holds NaN\. Resume from a checkpoint written before"):
        symopt.minimize(cost, W, optimizer=make(), resume_from=path, **run)


def test_an_initial_accumulator_that_the_runs_dtype_makes_zero_is_refused_before_the_run():
    """P36-4: float32(1e-46) is 0, and a zero gradient entry then stepped by 0·(1/√0) = NaN ('try a smaller rate')."""
    for kind in (symopt.Adagrad, symopt.ProximalAdagrad):
        W = symopt.Variable("W", np.zeros((2, 2)), dtype="float32")
        with pytest.raises(ConfigurationError, match=r"initial_accumulator_value=1e-46 becomes 0 in the run's dtype "
                                                     r"float32 .*dtype=\"float64\""):
            symopt.minimize(ops.sum(ops.square(W)), W, optimizer=kind(0.1, initial_accumulator_value=1e-46), steps=2,
                            dtype="float32", progress=False)
    w = symopt.Variable("w", 0.0)  # float64 keeps it: a ← 1e-46 + 36, w ← 0 − (−6)·0.1/√a = 0.1 (to float64's digits)
    result = symopt.minimize((w - 3) ** 2, w, optimizer=symopt.Adagrad(0.1, initial_accumulator_value=1e-46), steps=1,
                             progress=False)
    assert result.params[w] == 0 - (-6.0) * float(np.float32(0.1)) * (1 / np.sqrt(1e-46 + 36.0))


def test_ftrl_learning_rate_power_is_checked_as_every_hyperparameter():
    """P36-3: SymPy and NumPy numbers were refused as 'not a number <= 0', NaN and -inf taken until minimize."""
    import sympy
    for given in (sympy.Rational(-1, 2), np.float32(-0.5), np.array(-0.5), -0.5):
        assert symopt.Ftrl(0.1, learning_rate_power=given).hyperparameters["lr_power"] == -0.5
    for bad in (float("nan"), float("-inf"), 0.5, "x", True):
        with pytest.raises(ConfigurationError, match=r"learning_rate_power: expected a finite number <= 0; given"):
            symopt.Ftrl(0.1, learning_rate_power=bad)
    w = symopt.Variable("w", 0.0, dtype="float32")
    with pytest.raises(ConfigurationError,  # a numpy.float64 power is kept as given (probe94 P94-1)
                       match=r"^learning_rate_power=np.float64\(-1e-50\) becomes 0 in the run's dtype float32"):
        symopt.minimize((w - 3) ** 2, w, optimizer=symopt.Ftrl(0.1, learning_rate_power=np.float64(-1e-50)), steps=1,
                        progress=False)


def test_an_optimizer_repr_keeps_an_option_of_zero_and_evaluates_back():
    """P36-5: Ftrl(..., initial_accumulator_value=0.0)'s repr dropped the 0 and read back as the default 0.1."""
    from symopt import Adagrad, Ftrl, Momentum, RMSProp  # noqa: F401 - the reprs' names
    for optimizer in (symopt.Ftrl(0.1, initial_accumulator_value=0.0), symopt.Momentum(0.1, 0.9),
                      symopt.RMSProp(0.1), symopt.Momentum(0.1, 0.9, nesterov=True)):
        again = eval(repr(optimizer))
        assert again.key() == optimizer.key()
    assert "initial_accumulator_value=0.0" in repr(symopt.Ftrl(0.1, initial_accumulator_value=0.0))
    assert "nesterov" not in repr(symopt.Momentum(0.1, 0.9))


def test_get_optimizer_refuses_a_rate_beside_an_instance():
    """get_optimizer(Adam(0.1), lr=0.5) returned Adam(0.1): the 0.5 was silently ignored."""
    with pytest.raises(ConfigurationError, match=r"has its own rate.* Adam\(0.5, ...\), or pass its name, "
                                                 r"get_optimizer\('adam', lr=0.5\)"):
        symopt.get_optimizer(symopt.Adam(0.1), lr=0.5)
    assert symopt.get_optimizer(symopt.Adam(0.1)).hyperparameters["lr"] == 0.1
    assert symopt.get_optimizer("adam", lr=0.5).hyperparameters["lr"] == 0.5


def test_pytorch_adam_keeps_beta_powers_as_a_running_product_as_the_docs_now_say():
    """P36-9: docs/optimizers.md said a float64 run gives PyTorch's digits 'exactly'; PyTorch computes beta ** step,
    symopt the running product (TF1's beta1_power), which differ in the last bit from step 4.  The hand NumPy loop
    of the documented rule with a running product is symopt's trajectory bit for bit."""
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize((w - 3) ** 2, w, optimizer=symopt.PyTorchAdam(0.1), steps=10, dtype="float64",
                             progress=False)
    theta, m, v, b1, b2 = 0.0, 0.0, 0.0, 0.9, 0.999
    for _ in range(10):
        g = -6 + 2 * theta
        m = m + (g - m) * (1 - 0.9)
        v = v * 0.999 + (1 - 0.999) * g * g
        theta = theta - 0.1 / (1 - b1) * (m / (np.sqrt(v) / np.sqrt(1 - b2) + 1e-8))
        b1, b2 = b1 * 0.9, b2 * 0.999
    assert float(result[w]) == theta
    assert 0.9 * 0.9 * 0.9 * 0.9 != 0.9 ** 4  # why PyTorch's beta ** step differs from step 4
    from pathlib import Path
    text = (Path(__file__).resolve().parent.parent / "docs" / "optimizers.md").read_text(encoding="utf-8")
    assert "PyTorch's float64 digits exactly" not in text and "about 1e-15" in text


def test_a_replayed_scalar_step_whose_update_raises_is_numpys_step():
    """P36-2: the functional step a mini-batch replay takes (Replays._stepped) answers Python's ZeroDivisionError
    with the NumPy program's step, as the generated loop does."""
    from symopt.run_replay import Replays

    def step(w):
        return w * w, (w + 1 / (w - 5),), (), (), (1.0,)  # Python's 1/0 at w = 5

    class NumpyStep:
        module, dtype = "numpy", "float64"

        def hyper_arguments(self):
            return []

        def step(self, w):
            with np.errstate(divide="ignore"):
                return w * w, (w + np.float64(1) / (w - np.float64(5)),), (), (), [np.float64(1.0)]

    class Run(Replays):
        params, slots, hyper = [0.0], [], []
        compiled = type("Compiled", (), {"step": staticmethod(step)})()
        numpy_version = staticmethod(NumpyStep)

    assert Run()._stepped([2.0], [])[:2] == (4.0, (2.0 + 1 / (2.0 - 5),))
    cost, params, *_ = Run()._stepped([5.0], [])
    assert cost == 25.0 and params == [np.inf]


def test_ftrl_refuses_a_schedule_no_run_can_use_without_saying_train_at_most_minus_one_steps():
    """P36-6: the run-length refusal said 'decays to 0 ... from step 0 on ... Train at most -1 steps'."""
    schedule = symopt.ExponentialDecay(1e-45, 1, 0.5)
    assert schedule(0) > 0 and schedule(1) == 0  # float32: 1.4e-45·0.5 rounds to the even 0
    with pytest.raises(ConfigurationError, match=r"already 0 at step 1, so no run can use it; give a larger "
                                                 r"learning_rate") as refused:
        symopt.Ftrl(schedule)
    assert "at most" not in str(refused.value)
    w = symopt.Variable("w", 0.0)
    with pytest.raises(ConfigurationError, match=r"from step 4 on, .* Train at most 3 steps"):
        symopt.minimize((w - 3) ** 2, w, optimizer=symopt.Ftrl(symopt.ExponentialDecay(1e-44, 1, 0.5)), steps=10,
                        progress=False)
    assert symopt.ExponentialDecay(1e-44, 1, 0.5)(3) > 0 == symopt.ExponentialDecay(1e-44, 1, 0.5)(4)


def test_a_tf1_layer_adam_and_a_checked_adam_are_cached_apart():
    """P36-1: the run-dtype range check is in hyper_values, at compile time; a step the TF1 layer compiled (its
    betas any real, TF1's NaN or frozen run included) must not answer for a checked optimizer of the same numbers."""
    from symopt.hyperparameters import AnyReal
    beta2 = np.float64(0.99999999)
    assert symopt.Adam(0.1, beta2=AnyReal(beta2)).key() != symopt.Adam(0.1, beta2=beta2).key()


@pytest.mark.parametrize("switch", [dict(trace=True), dict(callback=lambda step, cost, params: None)])
def test_a_scalar_step_that_raises_under_trace_or_callback_is_a_divergence(switch):
    """The stepwise loop (trace, callback) takes NumPy's step where the math program's update raises, as the
    generated loop does: centered RMSProp's sqrt of ms - mg**2 + eps < 0 is NaN, not a bare ValueError."""
    w = symopt.Variable("w", 0.0)
    optimizer = symopt.RMSProp(0.1, decay=0.0, epsilon=1e-30, centered=True)
    with pytest.raises(DivergenceError):
        symopt.minimize(1e-10 * w, w, optimizer=optimizer, steps=3, **switch)


def test_a_trace_of_a_clipped_run_names_its_gradients_clipped():
    """With clipping, the trace's gradient column holds the clipped gradient the update used and says so
    (probe36 P36-11: -2, -2, -2 were labelled dJ/dw, whose values are -6, -5.6, -5.2)."""
    w = symopt.Variable("w", 0.0)
    clipped = symopt.minimize((w - 3)**2, w, optimizer=symopt.GradientDescent(0.1), steps=3, clip_norm=2,
                              trace=True).trace
    assert "dJ/dw" not in clipped.columns
    assert clipped.column("clip(dJ/dw)") == pytest.approx([-2.0, -2.0, -2.0])
    assert clipped.column("w") == pytest.approx([0.0, 0.2, 0.4])
    plain = symopt.minimize((w - 3)**2, w, optimizer=symopt.GradientDescent(0.1), steps=3, trace=True).trace
    assert plain.column("dJ/dw") == pytest.approx([2 * (v - 3) for v in plain.column("w")])


def test_a_rate_vanished_from_the_first_step_is_not_advised_a_negative_count():
    """A backend flushing subnormals makes ExponentialDecay(1e-40, ...) 0 from step 0: the message says no run can
    use it (it advised 'Train at most -1 steps')."""
    from symopt.run_setup import refuse_vanishing_rate
    optimizer = symopt.Ftrl(symopt.ExponentialDecay(1e-40, 10, 0.5))
    with pytest.raises(ConfigurationError, match="from step 0 on.*No run can use it") as error:
        refuse_vanishing_rate(optimizer, 5, flushes_subnormals=True)
    assert "-1" not in str(error.value)


def test_a_schedule_number_past_float32_is_refused_without_a_numpy_warning():
    """``ExponentialDecay(1e39, ...)``: NumPy's overflow warning came before the refusal (final37 F37-5)."""
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ConfigurationError, match="becomes infinite in float32"):
            symopt.ExponentialDecay(1e39, 10, 0.5)
