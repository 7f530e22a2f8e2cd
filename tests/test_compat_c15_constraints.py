"""``tf.Variable(..., constraint=f)`` and ``tf.get_variable(..., constraint=f)`` (probe15 Y17): TF1's optimizers
store ``f(v)`` after each update of ``v`` (``_RefVariableProcessor.update_op``: ``v.assign(v.constraint(v))``).
Every number below is TF 2.21 ``tf.compat.v1``'s (/tmp/c15/y17.py in compat15's notes), float32, equal to the last
digit: a non-negativity and a max-norm constraint with gradient descent, Adam and momentum."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

W0 = np.array([[0.5, -0.2], [0.1, 0.3], [-0.4, 0.8]], np.float32)


def nonneg(x):
    return tf.clip_by_value(x, 0., np.inf)


def maxnorm(w):
    return tf.clip_by_norm(w, 1.0, axes=[0])


def _trained(optimizer, make_weights, steps=3):
    X = tf.placeholder(tf.float32, [None, 3])
    y = tf.placeholder(tf.float32, [None, 2])
    W = make_weights()
    b = tf.Variable(np.zeros(2, np.float32), constraint=nonneg, name="b")
    loss = tf.reduce_mean(tf.square(tf.matmul(X, W) + b - y))
    train = optimizer.minimize(loss)
    rng = np.random.RandomState(0)
    feed = {X: rng.randn(4, 3).astype(np.float32), y: rng.randn(4, 2).astype(np.float32) * 3}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(steps):
            sess.run([loss, train], feed)
        return sess.run(W).tolist(), sess.run(b).tolist()


GD_MAXNORM = ([[0.8834747076034546, -0.1308419108390808], [-0.4652053117752075, 0.5621480941772461],
               [0.05528472736477852, -0.6952046751976013]], [1.1835370063781738, 0.0])
ADAM_MAXNORM = ([[0.8333559632301331, -0.15475182235240936], [-0.49166956543922424, 0.8257908821105957],
                 [0.2525448799133301, -0.0837990939617157]], [0.8596401214599609, 0.0])
MOMENTUM_MAXNORM = ([[0.9366512894630432, -0.020113198086619377], [-0.25941184163093567, 0.6605820059776306],
                     [0.23535044491291046, -0.7504844665527344]], [1.2501215934753418, 0.0])
OPTIMIZERS = {"gd": lambda: tf.train.GradientDescentOptimizer(0.5), "adam": lambda: tf.train.AdamOptimizer(0.3),
              "momentum": lambda: tf.train.MomentumOptimizer(0.2, 0.9)}


@pytest.mark.parametrize("name, expected", [
    ("gd", ([[0.9285725355148315, 0.0], [0.0, 0.5135468244552612], [0.17448750138282776, 0.0]],
            [0.9808446764945984, 0.0])),
    ("adam", ([[1.2405400276184082, 0.0], [0.0, 0.8257908821105957], [0.4729938507080078, 0.0]],
              [0.815004825592041, 0.0])),
    ("momentum", ([[1.3786464929580688, 0.0], [0.0, 0.6855424642562866], [0.4314086437225342, 0.0]],
                  [1.1472043991088867, 0.0])),
])
def test_a_non_negativity_constraint_projects_after_each_update(name, expected):
    assert _trained(OPTIMIZERS[name](), lambda: tf.Variable(W0, constraint=nonneg, name="W")) == expected


@pytest.mark.parametrize("name, expected", [("gd", GD_MAXNORM), ("adam", ADAM_MAXNORM),
                                            ("momentum", MOMENTUM_MAXNORM)])
@pytest.mark.parametrize("make", ["Variable", "get_variable"])
def test_a_max_norm_constraint_projects_after_each_update(name, expected, make):
    weights = (lambda: tf.Variable(W0, constraint=maxnorm, name="W")) if make == "Variable" else \
        (lambda: tf.get_variable("W", initializer=W0, constraint=maxnorm))
    assert _trained(OPTIMIZERS[name](), weights) == expected


def test_the_lecture_sized_program_and_the_constraint_attribute():
    w = tf.Variable([1.0, 0.05], constraint=nonneg)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(tf.square(w - tf.constant([2.0, -1.0]))))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        seen = []
        for _ in range(3):
            sess.run(train)
            seen.append(sess.run(w).tolist())
        sess.run(tf.assign(w, [-3.0, -3.0]))  # an assignment is not projected (TF 2.21: -3.0)
        assert sess.run(w).tolist() == [-3.0, -3.0]
    assert seen == [[1.2000000476837158, 0.0], [1.3600000143051147, 0.0], [1.4880000352859497, 0.0]]  # TF 2.21
    assert w.constraint is nonneg and tf.Variable(1.0).constraint is None


def test_tf1s_refusals():
    with pytest.raises(ValueError, match=r"^The `constraint` argument must be a callable\.$"):
        tf.Variable(1.0, constraint=3)
    E = tf.Variable(np.ones((3, 2), np.float32), constraint=nonneg)
    ids = tf.placeholder(tf.int32, [None])
    with pytest.raises(RuntimeError, match=r"^Cannot use a constraint function on a sparse variable\.$"):
        tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(tf.nn.embedding_lookup(E, ids)))
    w = tf.Variable([1.0, 2.0], constraint=tf.reduce_sum)
    with pytest.raises(ValueError, match="Shapes must be equal rank, but are 1 and 0"):
        tf.train.GradientDescentOptimizer(1.0).minimize(tf.reduce_sum(w * w))


def test_a_densely_read_embedding_and_an_untrained_variable_in_the_constraint():
    E = tf.Variable(np.ones((3, 2), np.float32), constraint=nonneg)
    ids = tf.placeholder(tf.int32, [None])
    dense = tf.train.GradientDescentOptimizer(2.0).minimize(
        tf.reduce_sum(tf.nn.embedding_lookup(E, ids)) + tf.nn.l2_loss(E))  # TF1's gradient is dense: allowed
    u = tf.Variable(2.0)
    w = tf.Variable(1.0, constraint=lambda x: tf.minimum(x, u))
    capped = tf.train.GradientDescentOptimizer(1.0).minimize(-5.0 * w)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(dense, {ids: [0, 0]})
        sess.run(capped)
        assert sess.run(E).tolist() == [[0.0, 0.0]] * 3 and sess.run(w) == 2.0  # TF 2.21


@pytest.mark.parametrize("together", [lambda a, b: [a, b], lambda a, b: tf.group(a, b)])
def test_two_training_ops_of_one_constrained_variable_in_one_run_are_refused(together):
    W = tf.Variable([1.0, -2.0], constraint=lambda w: tf.maximum(w, 0.))
    loss = tf.reduce_sum(tf.square(W - 3.))
    first = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    second = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        with pytest.raises(UnsupportedOperationError, match="both train Variable, which has a constraint="):
            sess.run(together(first, second))  # TF 2.21: [1.8 1.0] (symopt added the projection twice: [1.8 2.0])
        assert sess.run(W).tolist() == [1.0, -2.0]  # nothing ran
        sess.run(first)
        sess.run(second)
        assert np.allclose(sess.run(W), [1.72, 0.6])  # one op per run: TF1's serial result
