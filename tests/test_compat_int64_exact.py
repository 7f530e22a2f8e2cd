"""int64 values past 2**53 (ids, hashes, timestamps) are computed exactly or refused, never rounded (probe11 U16:
``ids % 10`` of 9007199254740993 was 2, ``ids + 0`` lost the last digits).  Goldens from TF 2.21 tf.compat.v1
(graph mode), which computes int64 exactly."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError

IDS = [9007199254740993, 1234567890123456789]


def test_int64_arithmetic_past_2_to_the_53_is_exact():
    tf.reset_default_graph()
    a = tf.placeholder(tf.int64, [None])
    b = tf.placeholder(tf.int64, [])
    M = tf.placeholder(tf.int64, [None, 2])
    fetches = [a % 10, a + 0, a // 3, a - 2, 5 - a, a + b, b % 10, b // 3, tf.floormod(a, 10), tf.floordiv(a, 10),
               M - 1, M % 10, tf.reduce_sum(M, 0), tf.reduce_sum(M, 1), tf.argmax(tf.one_hot(a % 3, 3), 1),
               tf.constant(2 ** 60 + 3, tf.int64) % 7, tf.constant([2 ** 53 + 1, 3], tf.int64) + a]
    feed = {a: IDS, b: 9007199254740993, M: [[9007199254740993, 1234567890123456789], [2 ** 62 + 1, -2 ** 62 - 1]]}
    got = tf.Session().run(fetches, feed)
    tf_golden = [[3, 9], [9007199254740993, 1234567890123456789], [3002399751580331, 411522630041152263],
                 [9007199254740991, 1234567890123456787], [-9007199254740988, -1234567890123456784],
                 [18014398509481986, 1243575089378197782], 3, 3002399751580331, [3, 9],
                 [900719925474099, 123456789012345678],
                 [[9007199254740992, 1234567890123456788], [4611686018427387904, -4611686018427387906]],
                 [[3, 9], [5, 5]], [4620693217682128898, -3377118128303931116], [1243575089378197782, 0], [0, 0], 4,
                 [18014398509481986, 1234567890123456792]]
    for ours, theirs in zip(got, tf_golden):
        assert np.asarray(ours).dtype == np.int64
        assert np.asarray(ours).tolist() == theirs


def test_int64_past_2_to_the_53_through_float64_is_refused_before_the_run():
    tf.reset_default_graph()
    a = tf.placeholder(tf.int64, [None])
    c = tf.placeholder(tf.int64, [None])
    b = tf.placeholder(tf.int64, [])
    counter = tf.Variable(0, dtype=tf.int64)
    bump = tf.assign_add(counter, 1)
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    rounded = [a % c, a // c, a % b, tf.reduce_mean(a)]
    # TF 2.21: [0 -2] [3002399751580331 -176366841446208113] [0 581592223940748] (exact); symopt refuses them
    for fetch in rounded:
        with pytest.raises(UnsupportedOperationError, match="Placeholder:0 holds 9007199254740993, past 2\\*\\*53"):
            session.run([bump, fetch], {a: IDS, c: [3, -7], b: 9007199254740993})
    assert session.run(counter) == 0  # refused before the run: the assignment did not happen
    small = session.run(rounded, {a: [10, 11], c: [3, -7], b: 4})  # values within 2**53 run as before
    assert [np.asarray(v).tolist() for v in small] == [[1, -3], [3, -2], [2, 3], 10]
    stacked = session.run(tf.stack([a, c]), {a: IDS, c: [3, -7]})  # a join copies: int64 throughout, exact as TF1
    assert stacked.dtype == np.int64 and stacked.tolist() == [IDS, [3, -7]]
    table = tf.placeholder(tf.int64, [3])  # a gather copies too (final35 F35-10)
    picked = session.run(tf.gather(table, [2, 0]), {table: [IDS[0], 5, IDS[1]]})
    assert picked.dtype == np.int64 and picked.tolist() == [IDS[1], IDS[0]]


def test_a_training_step_reading_int64_past_2_to_the_53_through_float64_is_refused():
    tf.reset_default_graph()
    ids = tf.placeholder(tf.int64, [None])
    buckets = tf.placeholder(tf.int64, [None])
    w = tf.Variable(1.0)
    loss = tf.reduce_sum(tf.square(w * tf.cast(ids % buckets, tf.float32)))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    with pytest.raises(UnsupportedOperationError, match="past 2\\*\\*53"):
        session.run(train, {ids: IDS, buckets: [10, 10]})
    assert session.run(w) == 1.0
    session.run(train, {ids: [3, 12], buckets: [10, 10]})  # (3**2 + 2**2) * w: gradient 26, w = 1 - 2.6
    assert session.run(w) == pytest.approx(-1.6)


def test_int64_views_and_constants_past_2_to_the_53_are_exact():
    """review3 R2: reshape / squeeze of an int64 input past 2**53 were refused (Reshape had no rule); an int64
    vector constant added to a vector was refused (an explicit matrix prints as float64).  TF 2.21 goldens."""
    tf.reset_default_graph()
    x = tf.placeholder(tf.int64, [2, 2])
    v = tf.placeholder(tf.int64, [None])
    big = 2 ** 60 + 1
    got = tf.Session().run([tf.reshape(x, [4]), tf.reshape(x, [-1, 1]), tf.squeeze(tf.reshape(x, [1, 4])),
                            tf.expand_dims(v, 1), v + tf.constant([1, 2], tf.int64), tf.abs(x), tf.transpose(x)],
                           {x: np.array([[big, 3], [5, -big]], np.int64), v: [big, 7]})
    expected = [[big, 3, 5, -big], [[big], [3], [5], [-big]], [big, 3, 5, -big], [[big], [7]], [big + 1, 9],
                [[big, 3], [5, big]], [[big, 5], [3, -big]]]
    assert [np.asarray(value).tolist() for value in got] == expected


def test_gather_indices_computed_through_float64_are_refused_in_a_training_step():
    """The indices of a gather are computed too: ``ids % n`` by a fed divisor goes through float64, so a training
    step that gathers by it is refused for an id past 2**53 (it trained another row silently: row 3 once, where TF
    2.21 trains row 3 for both ids, ``E[3, 0]`` 0.48), and runs as TF1 within 2**53."""
    tf.reset_default_graph()
    ids = tf.placeholder(tf.int64, [None])
    n = tf.placeholder(tf.int64, [])
    start = np.arange(20, dtype=np.float32).reshape(10, 2) / 10
    E = tf.Variable(start)
    train = tf.train.GradientDescentOptimizer(0.05).minimize(tf.reduce_sum(tf.square(tf.gather(E, ids % n))))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        with pytest.raises(UnsupportedOperationError, match="holds 1152921504606846983, past 2\\*\\*53, and the step"):
            sess.run(train, {ids: np.array([2 ** 60 + 7, 3]), n: 10})
        assert sess.run(E)[3, 0] == np.float32(0.6)  # unchanged
        sess.run(train, {ids: np.array([2 ** 50 + 3, 3]), n: 10})  # 2**50 + 3 = ...27: row 7 and row 3
        assert np.flatnonzero(sess.run(E)[:, 0] != start[:, 0]).tolist() == [3, 7]
