"""TF1's natural_exp_decay, linear_cosine_decay and cosine_decay_restarts (probe P9), core and tf.train.

The rates are real TensorFlow's (2.21, ``tf.compat.v1`` graph mode: ``tf.train.*_decay`` of a fed step, steps
0..23, float32 printed with 9 digits); ``symopt.more_schedules`` computes them in float32 in TF1's order.  A
staircase rate (no cosine, an integer power) is bit for bit TF's; the others are within a few float32 ulps:
TF's cos/pow/exp (Eigen) and graph rewrites round differently from NumPy's, as for the schedules before them.
"""

import numpy as np
import pytest

import symopt
import symopt.compat.v1 as tf
from symopt.errors import ConfigurationError
from symopt.more_schedules import CosineDecayRestarts, LinearCosineDecay, NaturalExpDecay

TF_RATES = {
    "natural_exp(0.1, 5, 0.5)": [0.100000001, 0.0904837474, 0.0818730816, 0.0740818232, 0.0670320019, 0.0606530681, 0.0548811629, 0.0496585332, 0.0449328981, 0.0406569652, 0.0367879458, 0.0332871079, 0.0301194191, 0.0272531789, 0.0246596988, 0.0223130174, 0.0201896522, 0.0182683524, 0.0165298879, 0.0149568636, 0.0135335298, 0.012245642, 0.0110803163, 0.0100258859],
    "natural_exp(0.05, 3, 0.3, staircase)": [0.0500000007, 0.0500000007, 0.0500000007, 0.0370409116, 0.0370409116, 0.0370409116, 0.0274405815, 0.0274405815, 0.0274405815, 0.0203284826, 0.0203284826, 0.0203284826, 0.0150597095, 0.0150597095, 0.0150597095, 0.0111565068, 0.0111565068, 0.0111565068, 0.00826494303, 0.00826494303, 0.00826494303, 0.00612282054, 0.00612282054, 0.00612282054],
    "linear_cosine(0.1, 20)": [0.100100003, 0.094515197, 0.0878975466, 0.0804677829, 0.0724606737, 0.0641165078, 0.0556724779, 0.0473546945, 0.0393705107, 0.0319019482, 0.0250999983, 0.0190802272, 0.013919659, 0.00965516549, 0.00628322223, 0.00376116531, 0.00200982951, 0.000917450641, 0.000344717002, 0.000130779095, 0.000100000005, 0.000100000005, 0.000100000005, 0.000100000005],
    "linear_cosine(0.05, 10, 2.0, 0.1, 0.01)": [0.0555000007, 0.0332254246, 0.00479711639, 0.0043196613, 0.023407802, 0.0305000003, 0.0168627109, 0.00240983116, 0.00193237385, 0.00704508973, 0.00549999997, 0.00549999997, 0.00549999997, 0.00549999997, 0.00549999997, 0.00549999997, 0.00549999997, 0.00549999997, 0.00549999997, 0.00549999997, 0.00549999997, 0.00549999997, 0.00549999997, 0.00549999997],
    "restarts(0.1, 4)": [0.100000001, 0.0853553414, 0.049999997, 0.0146446619, 0.100000001, 0.0961939767, 0.0853553414, 0.0691341683, 0.049999997, 0.0308658239, 0.0146446619, 0.00380601897, 0.100000001, 0.099039264, 0.0961939767, 0.0915734768, 0.0853553414, 0.0777785107, 0.0691341683, 0.0597545169, 0.049999997, 0.0402454846, 0.0308658239, 0.0222214814],
    "restarts(0.1, 3, 1.0, 0.5, 0.1)": [0.100000001, 0.0775000006, 0.0324999951, 0.0550000034, 0.0437499993, 0.0212499946, 0.0324999988, 0.0268749949, 0.0156249972, 0.0212500002, 0.0184374973, 0.012812498, 0.015625, 0.0142187495, 0.0114062475, 0.0128124999, 0.0121093746, 0.0107031241, 0.0114062503, 0.0110546872, 0.0103515619, 0.010703125, 0.0105273444, 0.0101757813],
    "restarts(0.07, 5, 1.5, 0.9, 0.2)": [0.0700000003, 0.0646524727, 0.0506524742, 0.033347521, 0.0193475224, 0.0643999949, 0.0622213408, 0.0560620911, 0.0469872281, 0.0365658775, 0.0265999995, 0.01881277, 0.0145506784, 0.0591392741, 0.0573992059, 0.054053884, 0.0493624918, 0.0436884984, 0.0374715142, 0.0311932098, 0.0253400002, 0.0203653667, 0.0166547466, 0.0144956131],
}

SCHEDULES = {
    "natural_exp(0.1, 5, 0.5)": NaturalExpDecay(0.1, 5, 0.5),
    "natural_exp(0.05, 3, 0.3, staircase)": NaturalExpDecay(0.05, 3, 0.3, staircase=True),
    "linear_cosine(0.1, 20)": LinearCosineDecay(0.1, 20),
    "linear_cosine(0.05, 10, 2.0, 0.1, 0.01)": LinearCosineDecay(0.05, 10, num_periods=2.0, alpha=0.1, beta=0.01),
    "restarts(0.1, 4)": CosineDecayRestarts(0.1, 4),
    "restarts(0.1, 3, 1.0, 0.5, 0.1)": CosineDecayRestarts(0.1, 3, t_mul=1.0, m_mul=0.5, alpha=0.1),
    "restarts(0.07, 5, 1.5, 0.9, 0.2)": CosineDecayRestarts(0.07, 5, t_mul=1.5, m_mul=0.9, alpha=0.2),
}


@pytest.mark.parametrize("key", sorted(TF_RATES))
def test_rates_are_tensorflows(key):
    rates = np.array([SCHEDULES[key](step) for step in range(24)])
    expected = np.array(TF_RATES[key], np.float32)
    assert rates.dtype == np.float32
    if "staircase" in key:
        np.testing.assert_array_equal(rates, expected)
    np.testing.assert_allclose(rates, expected, rtol=2e-6, atol=0)


def test_tf_train_names_build_the_same_schedules_and_train():
    tf.reset_default_graph()
    step = tf.Variable(0, trainable=False)
    rates = [tf.train.natural_exp_decay(0.1, step, 5, 0.5), tf.train.linear_cosine_decay(0.1, step, 20),
             tf.train.cosine_decay_restarts(0.1, step, 4)]
    assert [rate.name for rate in rates] == ["ExponentialDecay:0", "LinearCosineDecay:0", "SGDRDecay:0"]
    assert [rate.schedule for rate in rates] == [SCHEDULES["natural_exp(0.1, 5, 0.5)"],
                                                 SCHEDULES["linear_cosine(0.1, 20)"], SCHEDULES["restarts(0.1, 4)"]]
    w = tf.Variable(0.0)
    train = tf.train.GradientDescentOptimizer(rates[2]).minimize((w - 3.0) ** 2, global_step=step)
    hand = np.float32(0.0)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for t in range(9):
            hand = hand - np.float32(2) * (hand - np.float32(3)) * SCHEDULES["restarts(0.1, 4)"](t)
            session.run(train)
        assert session.run(w) == hand and session.run(step) == 9
        assert session.run(rates[2]) == SCHEDULES["restarts(0.1, 4)"](9)
    assert tf.VERSION == tf.__version__


@pytest.mark.parametrize("backend", ["numpy", "jax"])
def test_core_optimizers_take_them(backend):
    if backend == "jax":
        pytest.importorskip("jax")
    w = symopt.Variable("w", 0.0)
    for schedule in SCHEDULES.values():
        hand = np.float32(0.0)
        for t in range(12):
            hand = hand - np.float32(2) * (hand - np.float32(3)) * schedule(t)
        run = symopt.minimize((w - 3) ** 2, w, optimizer=symopt.GradientDescent(schedule), steps=12,
                              dtype="float32", backend=backend)
        if backend == "numpy":
            assert run[w] == hand, schedule
        else:  # XLA's float32 pow, log and cos, not the C library's TF1 calls: equal to an ulp or two
            assert np.isclose(run[w], hand, rtol=3e-7, atol=0), schedule


def test_shown_with_their_constants():
    assert NaturalExpDecay(0.1, 5, 0.5).latex() == (r"\eta_t = \eta_{0} \left(e^{- k}\right)^{\frac{t}{s}} \quad "
                                                     r"(\eta_{0} = 0.1, s = 5, k = 0.5)")
    assert str(symopt.update_rule(symopt.GradientDescent(LinearCosineDecay(0.1, 20)))).splitlines()[0] == \
        "GradientDescent: η₀ = 0.1, s = 20, n = 0.5, α = 0, β = 0.001"


@pytest.mark.parametrize("build, message", [
    (lambda: LinearCosineDecay(0.1, 20, num_periods=0), "num_periods: expected a positive finite number; given 0"),
    (lambda: LinearCosineDecay(0.1, 20, beta=-1), "beta: expected a non-negative finite number; given -1"),
    (lambda: CosineDecayRestarts(0.1, 0), "first_decay_steps: expected a positive whole number of steps; given 0"),
    (lambda: CosineDecayRestarts(0.1, 4, t_mul=float("inf")), "t_mul: expected a positive finite number"),
    (lambda: NaturalExpDecay(0.1, 5, -0.5), "decay_rate: expected a positive finite number"),
])
def test_bad_settings_raise_typed_errors(build, message):
    with pytest.raises(ConfigurationError, match=message.replace("(", r"\(")):
        build()
