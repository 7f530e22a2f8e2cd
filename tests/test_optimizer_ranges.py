"""The ranges symopt's optimizers take (probe18 G18): an undamped or negative heavy ball (``Momentum(0.1, 1.0)``,
``momentum=-0.5``) and RMSProp's ``decay=1.0`` are rules with a meaning (teaching demos, TF1's values) and run; a
value that makes the rule meaningless (Adam's ``beta1=1`` divides by 0, ``beta2=1`` never moves, an ``epsilon`` of 0
or below divides 0 by 0 where a gradient entry is 0, a ``decay`` above 1 that can make the mean square negative)
stays refused (the TF1 layer runs them as TF1 does).  The numbers are checked against NumPy loops of TF1's kernels written here."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError, DivergenceError

START, TARGET, STEPS = np.array([1.0, -2.0]), 0.5, 3


def _run(optimizer, dtype="float64"):
    a, b = symopt.Variable("a", START[0]), symopt.Variable("b", START[1])
    result = symopt.minimize((a - TARGET) ** 2 + (b - TARGET) ** 2, [a, b], optimizer=optimizer, steps=STEPS,
                             dtype=dtype, progress=False)
    return np.array([result[a], result[b]], dtype=float)


def _momentum_by_hand(lr, mu):
    theta, accumulator = START.copy(), np.zeros(2)
    for _ in range(STEPS):
        accumulator = accumulator * mu + 2 * (theta - TARGET)
        theta = theta - accumulator * lr
    return theta


def _rmsprop_by_hand(lr, decay, epsilon):
    theta, ms, mom = START.copy(), np.ones(2), np.zeros(2)
    for _ in range(STEPS):
        g = 2 * (theta - TARGET)
        ms = ms + (g * g - ms) * (1 - decay)
        mom = mom * 0.0 + g * lr / np.sqrt(ms + epsilon)
        theta = theta - mom
    return theta


def _adam_by_hand(lr, epsilon, beta1=0.9, beta2=0.999):
    theta, m, v = START.copy(), np.zeros(2), np.zeros(2)
    for t in range(1, STEPS + 1):
        g = 2 * (theta - TARGET)
        alpha = lr * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
        m = m + (g - m) * (1 - beta1)
        v = v + (g * g - v) * (1 - beta2)
        theta = theta - m * alpha / (np.sqrt(v) + epsilon)
    return theta


@pytest.mark.parametrize("mu", [1.0, -0.5, 1.5])
def test_a_heavy_ball_outside_zero_to_one_runs_its_rule(mu):
    np.testing.assert_allclose(_run(symopt.Momentum(np.float64(0.1), mu)), _momentum_by_hand(0.1, mu), rtol=1e-13)


def test_the_undamped_heavy_ball_in_float32_gives_tf1s_numbers():
    """TF 2.21's ``MomentumOptimizer(0.1, 1.0)``, two steps from [1, -2]: [0.72, -0.6] (probe18 o11.py)."""
    a, b = symopt.Variable("a", 1.0), symopt.Variable("b", -2.0)
    result = symopt.minimize((a - 0.5) ** 2 + (b - 0.5) ** 2, [a, b], optimizer=symopt.Momentum(0.1, 1.0), steps=2,
                             dtype="float32", progress=False)
    np.testing.assert_allclose([result[a], result[b]], np.float32([0.72, -0.6]), rtol=1e-6)


def test_rmsprop_with_decay_one_runs_its_rule():
    optimizer = symopt.RMSProp(np.float64(0.1), decay=np.float64(1.0), epsilon=np.float64(1e-10))
    np.testing.assert_allclose(_run(optimizer), _rmsprop_by_hand(0.1, 1.0, 1e-10), rtol=1e-13)


def test_adam_runs_its_rule_by_hand():
    optimizer = symopt.Adam(np.float64(0.1), np.float64(0.9), np.float64(0.999), epsilon=1e-8)
    np.testing.assert_allclose(_run(optimizer), _adam_by_hand(0.1, 1e-8), rtol=1e-13)


@pytest.mark.parametrize("make, words", [
    (lambda: symopt.Adam(0.1, beta1=1.0), r"beta1: expected a number in \[0, 1\); given 1\.0"),
    (lambda: symopt.Adam(0.1, beta2=1.0), r"beta2: expected a number in \[0, 1\); given 1\.0"),
    (lambda: symopt.Adam(0.1, epsilon=-1e-8), r"epsilon: expected a positive finite number; given -1e-08"),
    # final32: epsilon = 0 divides 0 by 0 where a gradient entry is 0 (a bare ZeroDivisionError on scalars, "try a
    # smaller learning rate" on arrays); the TF1 layer still runs it, with TF1's nan
    (lambda: symopt.Adam(0.1, epsilon=0.0), r"epsilon: expected a positive finite number; given 0\.0"),
    (lambda: symopt.RMSProp(0.1, epsilon=0.0), r"epsilon: expected a positive finite number; given 0\.0"),
    (lambda: symopt.RMSProp(0.1, epsilon=-0.5), r"epsilon: expected a positive finite number"),
    (lambda: symopt.RMSProp(0.1, decay=1.5), r"decay: expected a number in \[0, 1\]; given 1\.5"),
    (lambda: symopt.RMSProp(0.1, decay=-0.5), r"decay: expected a number in \[0, 1\]; given -0\.5"),
    (lambda: symopt.Momentum(0.1, float("nan")), r"momentum: expected a finite number; given nan"),
    (lambda: symopt.Momentum(0.1, "0.9"), r"momentum: expected a finite number; given '0\.9'"),
    (lambda: symopt.Momentum(-0.1, 0.9), r"lr: expected a positive finite number; given -0\.1"),
    (lambda: symopt.Adadelta(1.0, epsilon=0.0), r"epsilon: expected a positive finite number"),
    (lambda: symopt.Adadelta(1.0, rho=1.5), r"rho: expected a number in \[0, 1\]; given 1\.5"),
], ids=["adam-beta1-1", "adam-beta2-1", "adam-epsilon-negative", "adam-epsilon-0", "rmsprop-epsilon-0",
        "rmsprop-epsilon-negative", "rmsprop-decay-1.5",
        "rmsprop-decay-negative", "momentum-nan", "momentum-string", "negative-rate", "adadelta-epsilon-0",
        "adadelta-rho-1.5"])
def test_a_value_that_makes_the_rule_meaningless_stays_refused(make, words):
    with pytest.raises(ConfigurationError, match=words):
        make()


@pytest.mark.parametrize("momentum", [1.5, -1.5])
def test_a_heavy_ball_that_grows_is_reported_as_divergence_without_the_step_size_advice(momentum):
    """|μ| > 1 diverges at every learning rate (the error's two rates along an eigenvector multiply to μ): the
    message says so, not "try a smaller learning rate" nor a stable bound 2(1 + μ)/λ_max (core15's note)."""
    a, b = symopt.Variable("a", 1.0), symopt.Variable("b", -2.0)
    with pytest.raises(DivergenceError, match="training diverged at step") as caught:
        symopt.minimize((a - 0.5) ** 2 + (b - 0.5) ** 2, [a, b], optimizer=symopt.Momentum(0.3, momentum), steps=5000,
                        progress=False)
    message = str(caught.value)
    assert f"With momentum {momentum:g} (|momentum| > 1) the velocity grows at every learning rate" in message
    assert "smaller learning rate than" not in message and "stable only for" not in message


def test_ftrl_returns_a_scalar_parameter_as_a_numpy_scalar():
    """review11 R11-6: Ftrl's update (numpy.where) made a scalar parameter a 0-d array in the result; every other
    optimizer, and Ftrl on JAX, gives a NumPy scalar."""
    import numpy as np
    s = symopt.Variable("s", 0.3)
    for dtype, kind in (("float64", np.float64), ("float32", np.float32)):
        c = symopt.Variable("c", 1.0, shape=(2, 1))
        for cost, wrt in (((s - 1.0) ** 2, [s]), ((s - 1.0) ** 2 + ops.sum(ops.square(c)), [s, c])):
            result = symopt.minimize(cost, wrt, optimizer=symopt.Ftrl(0.1), steps=3, dtype=dtype)
            adam = symopt.minimize(cost, wrt, optimizer=symopt.Adam(0.1), steps=3, dtype=dtype)
            assert not isinstance(result[s], np.ndarray) and type(result[s]) is type(adam[s])
            assert np.asarray(result[s]).dtype == kind


def test_adadelta_with_rho_one_is_gradient_descent():
    """final32 #6: rho = 1 keeps both accumulators at 0, so d = sqrt(eps)/sqrt(eps) g = g: steps of lr*g."""
    a, b = symopt.Variable("a", 1.0), symopt.Variable("b", -2.0)
    cost = (a - 0.5) ** 2 + (b - 0.5) ** 2
    adadelta = symopt.minimize(cost, [a, b], optimizer=symopt.Adadelta(0.1, rho=1.0), steps=5, dtype="float64")
    plain = symopt.minimize(cost, [a, b], optimizer=symopt.GradientDescent(0.1), steps=5, dtype="float64")
    np.testing.assert_allclose([adadelta[a], adadelta[b]], [plain[a], plain[b]], rtol=1e-12)


def test_a_zero_d_array_rate_keeps_its_dtype():
    """final32 #10a: np.array(0.1) was read as a Python float, a TF1-style float32 constant, where np.float64(0.1)
    stays exact: a float64 run moved w by 0.7999999970197678 instead of 0.8."""
    w = symopt.Variable("w", 1.0)
    runs = [symopt.minimize(w ** 2, w, optimizer=symopt.GradientDescent(lr), steps=1, dtype="float64")[w]
            for lr in (np.float64(0.1), np.array(0.1), np.float32(0.1), np.array(0.1, np.float32))]
    assert runs[0] == runs[1] == 0.8 and runs[2] == runs[3] != 0.8


def test_the_optimizers_switches_take_true_or_false_only():
    """probe26 P26-C: nesterov="False" (argparse without type=, a YAML or JSON config) ran Nesterov's momentum and
    centered="False" the centered RMSProp, silently; minimize's own flags refuse such values.  The TF1 layer keeps
    TF1's truth-value reading of use_nesterov / centered."""
    import numpy as np
    import symopt.compat.v1 as tf
    for build in (lambda: symopt.Momentum(0.1, 0.9, nesterov="False"), lambda: symopt.RMSProp(0.1, centered="False"),
                  lambda: symopt.Momentum(0.1, 0.9, nesterov=1)):
        with pytest.raises(ConfigurationError, match=r"expected True or False; given"):
            build()
    assert symopt.Momentum(0.1, 0.9, nesterov=np.bool_(True)).nesterov is True
    assert tf.train.MomentumOptimizer(0.1, 0.9, use_nesterov=1).rule.nesterov is True


def test_the_schedules_switches_take_true_or_false_only():
    """probe26 P26-C (continued): staircase="False" ran the staircase decay and cycle="False" the cycling one."""
    import symopt.compat.v1 as tf
    for build in (lambda: symopt.ExponentialDecay(0.1, 5, 0.5, staircase="False"),
                  lambda: symopt.PolynomialDecay(0.1, 10, cycle="False"),
                  lambda: symopt.InverseTimeDecay(0.1, 5, 0.5, staircase=2),
                  lambda: symopt.NaturalExpDecay(0.1, 5, 0.5, staircase="no")):
        with pytest.raises(ConfigurationError, match=r"(staircase|cycle)=\.\.\.\): expected True or False"):
            build()
    tf.train.exponential_decay(0.1, tf.Variable(0, trainable=False), 5, 0.5, staircase=1)  # TF1: a truth value


def test_other_libraries_spellings_of_an_optimizer_are_refused_with_symopts():
    """probe26 P26-D: Keras' learning_rate=, PyTorch's betas= and eps=, Keras' RMSprop rho=, Momentum without its
    momentum and symopt.SGD were bare TypeErrors / AttributeErrors."""
    import pickle
    for build, said in ((lambda: symopt.Adam(learning_rate=0.1), r"Adam\(learning_rate=\.\.\.\): Adam takes \(lr, "
                         r"beta1, beta2, epsilon\); write lr"),
                        (lambda: symopt.PyTorchAdam(0.1, betas=(0.9, 0.99)), "write beta1=..., beta2=..."),
                        (lambda: symopt.Adam(0.1, eps=1e-7), "write epsilon"),
                        (lambda: symopt.RMSProp(0.1, rho=0.9), r"write decay \(RMSProp's rho\)"),
                        (lambda: symopt.Momentum(0.1), "missing a required argument: 'momentum'")):
        with pytest.raises(ConfigurationError, match=said):
            build()
    with pytest.raises(AttributeError, match="symopt's is symopt.GradientDescent"):
        symopt.SGD
    assert repr(pickle.loads(pickle.dumps(symopt.Adam(0.1)))) == repr(symopt.Adam(0.1))
    assert symopt.Adadelta(0.1, rho=0.9).hyperparameters["rho"] == 0.9
