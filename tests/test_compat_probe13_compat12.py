"""probe13 findings W14, W15, W16, W18, W19 (compat12): numbers and messages recorded from TensorFlow 2.21's
``tf.compat.v1`` in graph mode (the suite does not import TensorFlow)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()
    yield


# W19: a small float64 or integer constant keeps its own dtype in a run that also computes a float32 tensor.

def test_small_float64_constant_keeps_float64_beside_a_float32_fetch():
    k32 = tf.constant(np.float32(1.0))
    thirds = tf.constant(np.array([1.0, 2.0]) / 3)
    c = tf.Variable(np.array([0.0, 0.0]))
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        together, _ = s.run([thirds, k32])
        shifted, _ = s.run([c + thirds, k32])
    assert together.tolist() == [0.3333333333333333, 0.6666666666666666]  # TF 2.21
    assert shifted.tolist() == [0.3333333333333333, 0.6666666666666666]


def test_float64_values_made_from_numbers_keep_float64_beside_a_float32_fetch():
    k32 = tf.constant(np.float32(1.0))
    made = [tf.zeros([2], tf.float64) + 1 / 3, tf.fill([2], np.float64(1 / 3)), tf.eye(2, dtype=tf.float64) / 3.0,
            tf.range(0, 1, 1 / 3, dtype=tf.float64)]
    noise = tf.random_normal([2])
    with tf.Session() as s:
        for tensor in made:
            assert s.run([tensor, k32])[0].tolist() == s.run(tensor).tolist()  # TF 2.21: 0.3333333333333333
        assert s.run([made[0], k32])[0].tolist() == [0.3333333333333333, 0.3333333333333333]
        drawn, widened = s.run([noise, tf.cast(noise, tf.float64)])  # one draw per run, in both programs
    assert widened.tolist() == drawn.astype(np.float64).tolist()


def test_integer_constants_past_2_24_keep_every_digit_beside_a_float32_fetch():
    k32 = tf.constant(np.float32(1.0))
    i32 = tf.constant(np.array([16777217, 3], np.int32))
    i64 = tf.constant(np.array([16777217, 3], np.int64))
    with tf.Session() as s:
        assert s.run([i32, k32])[0].tolist() == [16777217, 3]  # TF 2.21 (symopt gave 16777216)
        assert s.run([i64 * 1, k32])[0].tolist() == [16777217, 3]
        assert s.run([tf.cast(i64, tf.float64), k32])[0].tolist() == [16777217.0, 3.0]
        assert s.run([tf.cast(i32, tf.float64), k32])[0].tolist() == [16777217.0, 3.0]


def test_float64_normal_equation_is_the_same_alone_and_beside_a_float32_fetch():
    k32 = tf.constant(np.float32(1.0))
    X = tf.constant(np.array([[1.0, 2.0], [3.0, 5.0]]) / 7)
    y = tf.constant(np.array([[0.3], [0.7]]))
    theta = tf.matmul(tf.matrix_inverse(tf.matmul(tf.transpose(X), X)), tf.matmul(tf.transpose(X), y))
    with tf.Session() as s:
        alone = s.run(theta)
        together = s.run([theta, k32])[0]
    assert together.tolist() == alone.tolist()  # TF 2.21: equal, [-0.7000000000000455, 1.400000000000091]
    np.testing.assert_allclose(together.ravel(), [-0.7000000000000455, 1.400000000000091], rtol=1e-12)


# W15, W16: the global step made by hand is found; asking for the step twice returns the same variable.

def test_a_hand_made_global_step_is_the_one_schedules_and_minimize_share():
    global_step = tf.Variable(0, name="global_step", trainable=False)  # the 2016-17 tutorial idiom
    w = tf.Variable(1.0)
    assert tf.train.get_global_step() is global_step
    lr = tf.train.exponential_decay(0.1, tf.train.get_or_create_global_step(), 1, 0.5)
    train = tf.train.GradientDescentOptimizer(lr).minimize(tf.square(w), global_step=global_step)
    assert [v.name for v in tf.global_variables()] == ["global_step:0", "Variable:0"]  # TF 2.21: no second step
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for _ in range(3):
            s.run(train)
        step, rate, value = s.run([global_step, lr, w])
    assert (step, rate, value) == (3, np.float32(0.0125), np.float32(0.684))  # TF 2.21


def test_get_or_create_global_step_twice_returns_the_same_step():
    w = tf.Variable(1.0)
    lr = tf.train.exponential_decay(0.1, tf.train.get_or_create_global_step(), 1, 0.5)
    step = tf.train.get_or_create_global_step()
    train = tf.train.GradientDescentOptimizer(lr).minimize(tf.square(w), global_step=step)
    assert [v.name for v in tf.global_variables()] == ["Variable:0", "global_step:0"]
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for _ in range(3):
            s.run(train)
        assert s.run([step, lr, w]) == [3, np.float32(0.0125), np.float32(0.684)]  # TF 2.21


def test_a_global_step_by_name_that_is_no_integer_scalar_is_tf1s_type_error():
    tf.Variable(0.0, name="global_step", trainable=False)
    with pytest.raises(TypeError, match="Existing \"global_step\" does not have integer type: <dtype: 'float32_ref'>"):
        tf.train.get_or_create_global_step()
    assert [v.name for v in tf.global_variables()] == ["global_step:0"]  # nothing made
    tf.reset_default_graph()
    tf.Variable([0, 1], name="global_step", trainable=False)
    with pytest.raises(TypeError, match=r'Existing "global_step" is not scalar: \(2,\)'):
        tf.train.get_global_step()


def test_create_global_step_beside_a_hand_made_one_is_tf1s_value_error():
    tf.Variable(0, name="global_step", trainable=False)
    with pytest.raises(ValueError, match='"global_step" already exists.'):
        tf.train.create_global_step()
    tf.reset_default_graph()
    with tf.variable_scope("model"):
        tf.Variable(0, name="global_step", trainable=False)
    assert tf.train.get_global_step() is None  # model/global_step:0 is not TF1's name


# W14: optimizer slot variables read as tensors; assigning to one is a typed refusal naming what works.

def _adam_after_one_step():
    w = tf.Variable([1.0, 2.0], name="w")
    opt = tf.train.AdamOptimizer(0.1)
    train = opt.minimize(tf.reduce_sum(tf.square(w)))
    return w, opt, train


def test_adam_slots_read_as_tensors_give_tf1s_values():
    w, opt, train = _adam_after_one_step()
    m, v = opt.get_slot(w, "m"), opt.get_slot(w, "v")
    powers = {x.op.name: x for x in opt.variables() if x.op.name.endswith("_power")}
    b1, b2 = powers["beta1_power"], powers["beta2_power"]
    histogram = tf.summary.histogram("adam_m", m)
    fetches = [m * 2, -m, m[0], tf.reduce_sum(m), m / (tf.sqrt(v) + 1e-8), b1 * 2.0,
               0.1 * tf.sqrt(1 - b2) / (1 - b1), tf.identity(m)]
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        assert s.run(fetches[0]).tolist() == [0.0, 0.0]
        s.run(train)
        values = [s.run(f) for f in fetches]
        summary = s.run(histogram)
    f32 = np.float32  # TF 2.21, after one step
    assert values[0].tolist() == [f32(0.4000001), f32(0.8000002)]
    assert values[1].tolist() == [f32(-0.20000005), f32(-0.4000001)]
    assert values[2] == f32(0.20000005) and values[3] == f32(0.60000014)
    assert values[4].tolist() == [f32(3.1622984), f32(3.1622984)]
    assert values[5] == f32(1.6199999) and values[6] == f32(0.023531437)
    assert values[7].tolist() == [f32(0.20000005), f32(0.4000001)]
    assert isinstance(summary, bytes) and b"adam_m" in summary


def test_a_momentum_slot_reads_the_accumulator_and_resets_with_its_initializer():
    w = tf.Variable(1.0)
    opt = tf.train.MomentumOptimizer(0.1, 0.9)
    train = opt.minimize(tf.square(w))
    acc = opt.get_slot(w, "momentum")
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        s.run(train)
        s.run(train)
        assert s.run([acc + 0.0, tf.square(acc)]) == [np.float32(3.4), np.float32(11.56)]  # 2, then 0.9*2 + 1.6
        s.run(tf.variables_initializer([acc]))
        assert s.run(acc * 1.0) == 0.0


def test_assigning_to_a_slot_is_a_typed_refusal_naming_the_initializer():
    w, opt, train = _adam_after_one_step()
    m = opt.get_slot(w, "m")
    for attempt in (lambda: tf.assign(m, tf.zeros_like(w)), lambda: tf.assign_add(m, [1.0, 1.0]),
                    lambda: m.assign([0.0, 0.0])):
        with pytest.raises(UnsupportedOperationError, match=r"optimizer slot w/Adam:0 .*tf.variables_initializer"):
            attempt()


# W18: sizes, paddings, perms and axes given as tensors: computed where known, else a typed refusal with advice.

def test_a_batch_sized_identity_masks_the_diagonal_and_trains_as_tf1():
    x = tf.placeholder(tf.float32, [None, 3])
    labels = tf.placeholder(tf.int32, [None])
    eye = tf.eye(tf.shape(labels)[0])
    assert str(eye) == 'Tensor("eye/diag:0", shape=(?, ?), dtype=float32)'  # TF 2.21
    W = tf.Variable(np.array([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]], np.float32))
    e = tf.matmul(x, W)
    off = 1.0 - tf.eye(tf.shape(x)[0])
    loss = tf.reduce_sum(tf.square(tf.matmul(e, tf.transpose(e))) * off) / tf.cast(tf.shape(x)[0], tf.float32)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    X = np.array([[1.0, 2.0, 0.5], [0.0, -1.0, 1.0], [2.0, 0.0, -1.0]], np.float32)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        assert s.run(eye, {labels: [0, 1, 2]}).tolist() == np.eye(3).tolist()
        assert s.run(tf.cast(eye, tf.bool), {labels: [4, 5]}).tolist() == [[True, False], [False, True]]
        losses = [s.run([train, loss], {x: X})[1] for _ in range(3)]
        last = s.run(loss, {x: X[:2]})
    np.testing.assert_allclose(losses, [0.6348167, 0.14751397, 0.0773266], rtol=1e-6)  # TF 2.21
    np.testing.assert_allclose(last, 0.01396495, rtol=1e-6)


def test_eye_of_constant_scalars_and_the_refusals_name_what_works():
    x = tf.placeholder(tf.float32, [None, 3])
    with tf.Session() as s:
        assert s.run(tf.eye(tf.constant(2))).tolist() == [[1.0, 0.0], [0.0, 1.0]]
        assert s.run(tf.eye(3, num_columns=tf.shape(x)[1])).tolist() == np.eye(3).tolist()
    with pytest.raises(UnsupportedOperationError, match=r"the square tf.eye\(tf.shape\(x\)\[0\]\) is"):
        tf.eye(tf.shape(x)[0], num_columns=3)


def test_pad_by_a_known_dimension_given_as_a_tensor():
    x = tf.placeholder(tf.float32, [None, 3])
    y = tf.pad(x, [[0, 0], [0, tf.shape(x)[1]]])
    assert repr(y) == "<tf.Tensor 'Pad:0' shape=(?, 6) dtype=float32>"  # TF 2.21
    with tf.Session() as s:
        assert s.run(y, {x: np.ones((2, 3), np.float32)}).tolist() == [[1, 1, 1, 0, 0, 0]] * 2
    with pytest.raises(UnsupportedOperationError, match="paddings by the batch size"):
        tf.pad(x, [[0, tf.shape(x)[0]], [0, 0]])


def test_transpose_perm_of_constant_tensors_and_a_run_time_perm_refused():
    a = tf.constant(1)
    x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    with tf.Session() as s:
        assert s.run(tf.transpose(x, perm=tf.stack([a, 1 - a]))).tolist() == [[1, 4], [2, 5], [3, 6]]  # TF 2.21
        assert s.run(tf.transpose(x, perm=[a, 0])).tolist() == [[1, 4], [2, 5], [3, 6]]
    fed = tf.placeholder(tf.int32, [])
    with pytest.raises(UnsupportedOperationError, match=r"takes a perm known when the graph is built .*perm=\[1, 0\]"):
        tf.transpose(x, perm=tf.stack([fed, 1 - fed]))


@pytest.mark.parametrize("build", [lambda x, a: tf.cumsum(x, axis=a), lambda x, a: tf.gather(x, [0, 2], axis=a),
                                   lambda x, a: tf.split(x, 3, axis=a)])
def test_a_fed_axis_is_the_compat_refusal_not_the_core_librarys_advice(build):
    x = tf.constant(np.arange(9.0, dtype=np.float32).reshape(3, 3))
    with pytest.raises(UnsupportedOperationError, match="the axis is the tensor Placeholder.*known only when the graph runs"):
        build(x, tf.placeholder(tf.int32, []))
    with tf.Session() as s:  # a constant axis: its value
        assert np.asarray(s.run(build(x, tf.constant(1)))).shape in {(3, 3), (3, 2), (3, 3, 1)}


def test_float64_constants_stay_known_when_the_graph_is_built_and_int64_casts_round_as_tf():
    """review4 Q3, Q7 (on an earlier form of the W19 fix, which bound such constants at run time): a float64 constant
    with decimals is still an explicit matrix (tf.boolean_mask / tf.where of it are computed when the graph is built),
    and tf.cast(int64, tf.float64) rounds past 2**53 as TF1 and NumPy do.  TF 2.21's numbers."""
    tf.reset_default_graph()
    constant = tf.constant([[0.1, 0.2, 1 / 3], [0.7, -0.3, 2.2]], tf.float64)
    ids = tf.placeholder(tf.int64, [None])
    with tf.Session() as session:
        assert session.run(tf.boolean_mask(constant, constant > 0.15)).tolist() == [0.2, 1 / 3, 0.7, 2.2]
        assert session.run(tf.where(constant > 0.15)).tolist() == [[0, 1], [0, 2], [1, 0], [1, 2]]
        thirds = session.run(tf.cast(ids, tf.float64) / 3, {ids: np.array([2**53 + 1, 2**60 + 1])})
    assert thirds.tolist() == [3.0023997515803305e+15, 3.8430716820228230e+17]
