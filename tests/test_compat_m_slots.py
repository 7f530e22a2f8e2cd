"""Optimizer slots as TF1's slot variables (probe K30): an initializer made after ``minimize`` resets them when run
again (k-fold cross-validation, a notebook cell re-run); ``opt.get_slot``, ``opt.get_slot_names``, ``opt.variables``
and ``tf.variables_initializer(opt.variables())``.

Every expected number and name comes from TF 2.21's tf.compat.v1 (graph mode) running the same program."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def test_rerunning_the_initializer_restarts_adam_from_scratch():
    X = tf.placeholder(tf.float32, [None, 2])
    Y = tf.placeholder(tf.float32, [None, 1])
    W = tf.Variable(tf.zeros([2, 1]))
    loss = tf.reduce_mean(tf.square(tf.matmul(X, W) - Y))
    train = tf.train.AdamOptimizer(0.1).minimize(loss)
    init = tf.global_variables_initializer()
    data = {X: np.float32([[1, 2], [3, 4], [5, 6]]), Y: np.float32([[1], [2], [3]])}
    sess = tf.Session()
    folds = []
    for fold in range(3):
        sess.run(init)
        for _ in range(5):
            _, cost = sess.run([train, loss], data)
        folds.append((cost, sess.run(W).tolist()))
        assert folds[fold] == folds[0]  # the same bits in every fold: the slots restart from scratch
        # TF 2.21 tf.compat.v1: every fold 0.3584406 [0.40167788 0.40296376]; the cost within 4 float32 ulps, as
        # OpenBLAS's AVX2 and AVX-512 kernels round the product's sums differently (0.35844073 with AVX2)
        assert abs(cost - np.float32(0.3584406)) <= 4 * np.spacing(np.float32(0.3584406))
        np.testing.assert_allclose(sess.run(W).ravel(), [0.4016778767108917, 0.4029637575149536], rtol=1e-6)


def test_reinitialising_resets_adam_and_momentum_but_a_variable_initializer_alone_does_not():
    w = tf.Variable(np.float32([1.0, -1.0]))
    loss = tf.reduce_sum(tf.square(w - 3.0))
    adam = tf.train.AdamOptimizer(0.1).minimize(loss)
    momentum = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
    init = tf.global_variables_initializer()
    sess = tf.Session()
    for _ in range(2):  # TF 2.21 tf.compat.v1: [3.0008857 2.8776987] both times
        sess.run(init)
        for _ in range(3):
            sess.run(adam)
            sess.run(momentum)
        np.testing.assert_array_equal(sess.run(w), np.float32([3.0008857250213623, 2.8776986598968506]))
    sess.run(w.initializer)  # only w: the slots keep their values
    for _ in range(2):
        sess.run(adam)
    # TF 2.21 tf.compat.v1: [1.1918535 -0.8071145]
    np.testing.assert_array_equal(sess.run(w), np.float32([1.1918535232543945, -0.8071144819259644]))


def _three_steps(make):
    w = tf.Variable(np.float32([1.0, -1.0]))
    b = tf.Variable(0.5, name="b")
    loss = tf.reduce_sum(tf.square(w - 3.0)) + tf.square(b + 1.0)
    opt = make()
    train = opt.minimize(loss)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    for _ in range(3):
        sess.run(train)
    return w, b, opt, train, sess


# TF 2.21 tf.compat.v1: after 3 steps, the slots of w, then one step after tf.variables_initializer(opt.variables())
CASES = {
    "Adam": (lambda: tf.train.AdamOptimizer(0.1),
             ["Variable/Adam:0", "Variable/Adam_1:0", "b/Adam:0", "b/Adam_1:0", "beta1_power:0", "beta2_power:0"],
             {"m": [-1.0260335206985474, -2.110015392303467], "v": [0.04335542023181915, 0.18241113424301147]},
             [1.399375557899475, -0.600274920463562]),
    "Momentum": (lambda: tf.train.MomentumOptimizer(0.1, 0.9), ["Variable/Momentum:0", "b/Momentum:0"],
                 {"momentum": [-7.960000038146973, -15.920000076293945]},
                 [2.9007999897003174, 2.8015999794006348]),
    "RMSProp": (lambda: tf.train.RMSPropOptimizer(0.1, momentum=0.5),
                ["Variable/RMSProp:0", "Variable/RMSProp_1:0", "b/RMSProp:0", "b/RMSProp_1:0"],
                {"momentum": [-0.3013104200363159, -0.3514809012413025],
                 "rms": [3.9451181888580322, 15.320809364318848]},
                [2.0587852001190186, 0.29162800312042236]),
    "Adagrad": (lambda: tf.train.AdagradOptimizer(0.1), ["Variable/Adagrad:0", "b/Adagrad:0"],
                {"accumulator": [43.96292495727539, 183.6270751953125]},
                [1.3233095407485962, -0.673850953578949]),
    "GradientDescent": (lambda: tf.train.GradientDescentOptimizer(0.1), [], {},
                        [2.180799961090088, 1.3616000413894653]),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_slots_names_values_and_reset_are_tf1s(kind):
    make, names, slots, after_reset = CASES[kind]
    w, b, opt, train, sess = _three_steps(make)
    assert opt.get_name() == kind
    assert sorted(opt.get_slot_names()) == sorted(slots)
    assert [v.name for v in opt.variables()] == names
    for name, value in slots.items():
        np.testing.assert_array_equal(sess.run(opt.get_slot(w, name)), np.float32(value))
    assert opt.get_slot(w, "nope") is None
    sess.run(tf.variables_initializer(opt.variables()))
    sess.run(train)
    np.testing.assert_array_equal(sess.run(w), np.float32(after_reset))


def test_centered_rmsprop_slot_names_follow_tf1s_creation_order():
    w, b, opt, train, sess = _three_steps(lambda: tf.train.RMSPropOptimizer(0.1, centered=True))
    # TF 2.21 tf.compat.v1: rms Variable/RMSProp:0, mg Variable/RMSProp_1:0, momentum Variable/RMSProp_2:0
    assert {n: opt.get_slot(w, n).name for n in opt.get_slot_names()} == \
        {"rms": "Variable/RMSProp:0", "mg": "Variable/RMSProp_1:0", "momentum": "Variable/RMSProp_2:0"}
    np.testing.assert_array_equal(sess.run(opt.get_slot(w, "mg")), np.float32([-0.9442023038864136,
                                                                                -2.003270387649536]))
    sess.run(tf.variables_initializer(opt.variables()))
    sess.run(train)
    np.testing.assert_array_equal(sess.run(w), np.float32([1.854048728942871, 0.04754066467285156]))
    np.testing.assert_array_equal(sess.run(opt.get_slot(w, "rms")), np.float32([1.6438199281692505,
                                                                                 5.130831718444824]))


def test_beta_powers_read_and_reset():
    w, b, opt, train, sess = _three_steps(lambda: tf.train.AdamOptimizer(0.1))
    beta1_power = [v for v in opt.variables() if v.name == "beta1_power:0"][0]
    assert sess.run(beta1_power) == np.float32(0.9) ** 4  # TF 2.21 tf.compat.v1: 0.6560999 = 0.9^4 after 3 steps
    sess.run(tf.variables_initializer([beta1_power]))
    assert sess.run(beta1_power) == np.float32(0.9)  # TF 2.21 tf.compat.v1: 0.9


def test_reset_on_a_jax_session_matches_numpy():
    pytest.importorskip("jax")
    results = []
    for config in (None, tf.ConfigProto(backend="jax")):
        tf.reset_default_graph()
        w, b, opt, train, sess = _three_steps(lambda: tf.train.AdamOptimizer(0.1))
        sess.close()
        sess = tf.Session(config=config)  # the slots live as JAX device arrays between runs
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(train)
        sess.run(tf.variables_initializer(opt.variables()))
        sess.run(train)
        results.append(sess.run(w))
    np.testing.assert_array_equal(results[0], np.float32(CASES["Adam"][3]))  # TF 2.21: [1.3993756 -0.6002749]
    np.testing.assert_allclose(results[1], results[0], rtol=1e-6)


def test_one_optimizer_two_minimize_ops_share_one_set_of_slot_variables():
    w = tf.Variable(1.0)
    opt = tf.train.AdamOptimizer(0.1)
    t1 = opt.minimize(tf.square(w - 3.0))
    t2 = opt.minimize(tf.square(w + 1.0))
    init = tf.global_variables_initializer()
    sess = tf.Session()
    for _ in range(2):  # TF 2.21 tf.compat.v1: the same numbers after re-initialising
        sess.run(init)
        path = []
        for _ in range(3):
            sess.run(t1)
            sess.run(t2)
            path.append(sess.run(w))
        # TF 2.21 tf.compat.v1: [1.0923003 1.1131848 1.118982], m of w 0.19124448
        np.testing.assert_array_equal(path, np.float32([1.092300295829773, 1.1131848096847534, 1.118981957435608]))
        assert sess.run(opt.get_slot(w, "m")) == np.float32(0.1912444829940796)
    assert [v.name for v in opt.variables()] == ["Variable/Adam:0", "Variable/Adam_1:0", "beta1_power:0",
                                                 "beta2_power:0"]
    sess.run(tf.variables_initializer(opt.variables()))
    sess.run(t1)
    assert sess.run(w) == np.float32(1.2189819812774658)  # TF 2.21 tf.compat.v1
