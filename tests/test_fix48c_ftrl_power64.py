"""probe94 P94-1: ``Ftrl(learning_rate_power=numpy.float64(p))`` in a float64 run keeps the exact power, as every
other ``numpy.float64`` hyperparameter is kept (docs/optimizers.md) and as TF1 casts it; the constructor's
``float(...)`` had made it a Python float, which a run rounds to float32 first.

Oracle: TF 2.21 ``tf.compat.v1.train.FtrlOptimizer(np.float64(0.3), learning_rate_power=np.float64(-0.7))`` on a
float64 variable, (w - 5)² from 0 (``/work/wt/probe94/t13_ftrl64.py``, ``t18_compat_ftrl.py``), and the closed form
of the first step, 0.3·10/100.1^0.7."""

import numpy as np
import pytest

import symopt
import symopt.compat.v1 as tf

TF_FLOAT64 = [0.11934861965846612, 0.19229575593552223, 0.2470835896997729]


def test_a_float64_power_is_exact_in_a_float64_run():
    w = symopt.Variable("w", 0.0, dtype="float64")
    optimizer = symopt.Ftrl(np.float64(0.3), learning_rate_power=np.float64(-0.7))
    values = [symopt.minimize(w ** 2 - 10 * w + 25, w, optimizer=optimizer, steps=n)[w] for n in (1, 2, 3)]
    assert values == TF_FLOAT64
    assert abs(TF_FLOAT64[0] - 0.3 * 10 / 100.1 ** 0.7) < 1e-16
    assert type(optimizer.hyperparameters["lr_power"]) is np.float64


def test_the_tf1_layer_keeps_it_too():
    tf.reset_default_graph()
    w = tf.Variable(np.float64(0.0))
    train = tf.train.FtrlOptimizer(np.float64(0.3), learning_rate_power=np.float64(-0.7)).minimize(
        w ** 2 - 10 * w + 25)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        values = []
        for _ in range(3):
            session.run(train)
            values.append(float(session.run(w)))
    assert values == TF_FLOAT64


def test_a_python_float_power_is_still_rounded_to_float32_as_tf1_rounds_it():
    w = symopt.Variable("w", 0.0, dtype="float64")
    result = symopt.minimize(w ** 2 - 10 * w + 25, w, optimizer=symopt.Ftrl(np.float64(0.3), -0.7), steps=1)
    assert result[w] == 0.3 * 10 / 100.1 ** float(np.float32(0.7))


#: TF 2.21 ``FtrlOptimizer(np.float64(0.3), l2_regularization_strength=0.1)`` on a float64 ``[0.0, 1.5]``, the cost
#: Σ(w² − 10w + 25), three steps (``/work/wt/final48c/m3_ftrl_l2_f64lr.py``): TF adds l2 to a tensor of the rate's
#: dtype, so a Python-float l2 beside a float64 rate is exact, as ``l2=np.float64(0.1)`` gives the same digits.
TF_L2_BESIDE_FLOAT64_RATE = [[0.2980626301432801, 1.7172956133905288], [0.5026321535942466, 1.9211412918394046],
                             [0.6664252357800439, 2.0822381860732464]]


#: The same with a Python-float rate 0.3 and l2 0.1: TF rounds l2 to the rate's float32 tensor
#: (``/work/wt/final48c/m4_ftrl_l2_rate_dtype.py``, key ``float64|py|l1=0.0|l2=0.1``).
TF_L2_BESIDE_FLOAT32_RATE = [[0.2980626418901434, 1.7172956244015996], [0.5026321731489485, 1.9211413105153228],
                             [0.6664252614454137, 2.0822382105886623]]


@pytest.mark.parametrize("rate, l2, expected", [(np.float64(0.3), 0.1, TF_L2_BESIDE_FLOAT64_RATE),
                                                (np.float64(0.3), np.float64(0.1), TF_L2_BESIDE_FLOAT64_RATE),
                                                (0.3, 0.1, TF_L2_BESIDE_FLOAT32_RATE)])
def test_l2_takes_the_rate_s_precision(rate, l2, expected):
    w = symopt.Variable("w", np.array([[0.0], [1.5]]), shape=(2, 1))
    seen = []
    symopt.minimize(sum(w[i, 0] ** 2 - 10 * w[i, 0] + 25 for i in range(2)), w, steps=3,
                    optimizer=symopt.Ftrl(rate, l2=l2),
                    callback=lambda step, cost, params: seen.append(np.asarray(params[w]).ravel().tolist()) and False)
    assert seen == expected
