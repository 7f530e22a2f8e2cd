"""``tf.gather`` / ``tf.nn.embedding_lookup``: values, TF1's names and shapes, the scatter-add gradient, a
trainable embedding, and indices out of range refused at run time.

Literals marked "TF 2.21 compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode
(``disable_v2_behavior()``) running the same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.gather_ops import embedding_lookup
from symopt.errors import SymoptError, UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

EMBEDDING = np.arange(15, dtype=np.float32).reshape(5, 3) / 10 - 0.7
FEEDS = [([1, 3, 1, 0], [0.5, -1.0, 2.0, 0.0]), ([2, 2], [1.0, 0.5]), ([4], [1.0])]


def embedding_model():
    emb = tf.Variable(EMBEDDING)
    ids = tf.placeholder(tf.int32, [None])
    y = tf.placeholder(tf.float32, [None])
    w = tf.Variable([0.5, -1.0, 0.25])
    rows = embedding_lookup(emb, ids)
    loss = tf.reduce_mean(tf.square(tf.reduce_sum(rows * w, axis=1) - y))
    return emb, ids, y, rows, loss


def test_gather_picks_rows_columns_and_entries_with_tf1s_names_and_shapes():
    emb = tf.Variable(EMBEDDING)
    vec = tf.Variable([1.0, 2.0, 3.0, 4.0])
    ids = tf.placeholder(tf.int32, [None])
    tensors = [tf.gather(emb, ids), tf.gather(emb, [2, 0, 2], axis=1), tf.gather(emb, 3), tf.gather(emb, 1, axis=1),
               tf.gather(vec, [3, 3, 0]), tf.gather(vec, 2)]
    assert [str(t) for t in tensors] == [  # TF 2.21 compat.v1
        'Tensor("GatherV2:0", shape=(?, 3), dtype=float32)', 'Tensor("GatherV2_1:0", shape=(5, 3), dtype=float32)',
        'Tensor("GatherV2_2:0", shape=(3,), dtype=float32)', 'Tensor("GatherV2_3:0", shape=(5,), dtype=float32)',
        'Tensor("GatherV2_4:0", shape=(3,), dtype=float32)', 'Tensor("GatherV2_5:0", shape=(), dtype=float32)']
    assert str(embedding_lookup(emb, ids)) == 'Tensor("embedding_lookup/Identity:0", shape=(?, 3), dtype=float32)'
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        rows, cols, one, column, picked, entry = sess.run(tensors, {ids: [4, 0, 4]})
    np.testing.assert_array_equal(rows, EMBEDDING[[4, 0, 4]])
    np.testing.assert_array_equal(cols, EMBEDDING[:, [2, 0, 2]])
    np.testing.assert_array_equal(one, EMBEDDING[3])
    np.testing.assert_array_equal(column, EMBEDDING[:, 1])
    assert picked.tolist() == [4.0, 4.0, 1.0] and entry == 3.0 and entry.dtype == np.float32  # TF 2.21 compat.v1


def test_the_gradient_scatters_and_adds_up_repeated_indices_as_tf1():
    emb, ids, y, _, loss = embedding_model()
    vec = tf.Variable([1.0, 2.0, 3.0, 4.0])
    total = (tf.reduce_sum(tf.gather(vec, [3, 3, 0]) * tf.constant([1.0, 2.0, 3.0]))
             + tf.reduce_sum(tf.gather(emb, [2, 0, 2], axis=1)) + tf.reduce_sum(tf.gather(emb, 3) * 2.0)
             + tf.gather(vec, 2) * 5.0 + tf.reduce_sum(tf.gather(emb, 1, axis=1)))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        grad = sess.run(tf.gradients(loss, emb)[0], {ids: FEEDS[0][0], y: FEEDS[0][1]})
        grad_vec, grad_emb = sess.run(tf.gradients(total, [vec, emb]))
    # TF 2.21 compat.v1 gives IndexedSlices(values, indices [1, 3, 1, 0]); these are their sums by index
    values = np.array([[-0.1125, 0.225, -0.05625], [0.225, -0.45, 0.1125], [-0.4875, 0.975, -0.24375],
                       [0.03124999, -0.06249999, 0.015625]], np.float32)
    expected = np.zeros((5, 3), np.float32)
    np.add.at(expected, [1, 3, 1, 0], values)
    np.testing.assert_allclose(grad, expected, rtol=1e-6, atol=1e-8)
    assert grad[2].tolist() == [0, 0, 0] and grad[4].tolist() == [0, 0, 0]
    np.testing.assert_allclose(grad_vec, [3.0, 0.0, 5.0, 3.0])  # TF 2.21 compat.v1: indices [2, 3, 3, 0] summed
    np.testing.assert_allclose(grad_emb, [[1, 1, 2]] * 3 + [[3, 3, 4], [1, 1, 2]])  # TF 2.21 compat.v1


@pytest.mark.parametrize("make, expected", [
    (lambda: tf.train.GradientDescentOptimizer(0.5), None),
    (lambda: tf.train.AdamOptimizer(0.1), [[-1.0100409, -0.30095494, -0.81036514], [-0.0219372, -0.69326586, 0.17745015],
                                          [0.19349071, -0.2947433, 0.40168747], [-0.17105043, 0.6867468, 0.02953427],
                                          [0.7233496, 0.3795817, 0.9249853]]),
    (lambda: tf.train.AdagradOptimizer(0.1), [[-0.71604764, -0.5680763, -0.5088133], [-0.25201845, -0.46071535, -0.07296796],
                                             [0.0509804, -0.1570309, 0.2286281], [0.09768271, 0.44017845, 0.3329984],
                                             [0.6607139, 0.44192132, 0.855326]])])
def test_a_trainable_embedding_follows_tf1s_sparse_updates(make, expected):
    emb, ids, y, _, loss = embedding_model()
    train = make().minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        if expected is None:  # gradient descent, lr 0.5, five steps on the first batch
            for _ in range(5):
                _, value = sess.run([train, loss], {ids: FEEDS[0][0], y: FEEDS[0][1]})
            np.testing.assert_allclose(value, 0.28279394, rtol=1e-6)  # TF 2.21 compat.v1
            expected = [[-0.77901274, -0.28245783, -0.52372754], [-0.08411217, -0.988358, -0.04639378],
                        [-0.09999996, 0.0, 0.10000002], [0.03038221, 0.7766817, 0.32927835],
                        [0.50000006, 0.59999996, 0.7]]  # TF 2.21 compat.v1
        else:  # six steps over three batches: rows not gathered in a step still move (Adam) or stay (Adagrad)
            for step in range(6):
                sess.run(train, {ids: FEEDS[step % 3][0], y: FEEDS[step % 3][1]})
        np.testing.assert_allclose(sess.run(emb), expected, rtol=2e-6, atol=1e-7)  # TF 2.21 compat.v1


def test_momentum_on_a_gathered_variable_is_refused_before_any_update():
    emb, ids, y, _, loss = embedding_model()
    train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        with pytest.raises(UnsupportedOperationError, match="updates only the gathered rows.*AdamOptimizer"):
            sess.run(train, {ids: FEEDS[0][0], y: FEEDS[0][1]})
        np.testing.assert_array_equal(sess.run(emb), EMBEDDING)


def test_indices_out_of_range_raise_tf1s_error_at_run_time_never_a_zero_row():
    emb, ids, y, rows, loss = embedding_model()
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    constant_rows = tf.gather(emb, [0, 7])  # built without complaint, as in TF1
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for bad in ([1, 5], [-1, 2]):
            with pytest.raises(tf.errors.InvalidArgumentError,  # TF1's words: indices[1] = 5 is not in [0, 5)
                               match=rf"indices\[{0 if bad[0] < 0 else 1}\] = {bad[0] if bad[0] < 0 else bad[1]} is not "
                               r"in \[0, 5\)"):
                sess.run(rows, {ids: bad})
        with pytest.raises(tf.errors.InvalidArgumentError):
            sess.run(train, {ids: [0, 9], y: [1.0, 1.0]})
        with pytest.raises(tf.errors.InvalidArgumentError):
            sess.run(constant_rows)
        np.testing.assert_array_equal(sess.run(emb), EMBEDDING)  # the failed step changed nothing
    assert issubclass(tf.errors.InvalidArgumentError, SymoptError)


def test_gather_refuses_float_indices_and_unsupported_arguments():
    emb = tf.Variable(EMBEDDING)
    with pytest.raises(TypeError, match="DataType float32 not in list of allowed values: int16, int32, int64"):
        tf.gather(emb, tf.constant([1.0]))  # TF 2.21 compat.v1's message
    with pytest.raises(UnsupportedOperationError, match="batch_dims"):
        tf.gather(emb, [1], batch_dims=1)
    with pytest.raises(ValueError, match="Unrecognized partition strategy"):  # shards: probe9 S14
        embedding_lookup([emb, emb], [1], partition_strategy="range")
    with pytest.raises(ValueError, match="rank 0"):
        tf.gather(tf.constant(1.0), [0])


def test_gather_nd_picks_entries_and_rows_as_tf1():
    q = tf.Variable(np.arange(12, dtype=np.float32).reshape(4, 3) / 4 - 1)
    v = tf.Variable([1.0, -2.0, 3.0])
    actions = tf.placeholder(tf.int32, [4])
    picked = tf.gather_nd(q, tf.stack([tf.range(4), actions], axis=1))  # a DQN's Q(s, a)
    t = [picked, tf.gather_nd(q, [1, 2]), tf.gather_nd(q, [[3], [0], [3]]), tf.gather_nd(q, [2]),
         tf.gather_nd(v, [[2], [0]]), tf.gather_nd(v, [1])]
    assert [str(x) for x in t] == [  # TF 2.21 compat.v1
        'Tensor("GatherNd:0", shape=(4,), dtype=float32)', 'Tensor("GatherNd_1:0", shape=(), dtype=float32)',
        'Tensor("GatherNd_2:0", shape=(3, 3), dtype=float32)', 'Tensor("GatherNd_3:0", shape=(3,), dtype=float32)',
        'Tensor("GatherNd_4:0", shape=(2,), dtype=float32)', 'Tensor("GatherNd_5:0", shape=(), dtype=float32)']
    loss = tf.reduce_sum(t[0] ** 2) + tf.reduce_sum(t[2] * 2.0) + tf.reduce_sum(t[4] * [1.0, 5.0])
    feed = {actions: [2, 0, 0, 1]}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = sess.run(t, feed)
        value, grad_q, grad_v = sess.run([loss, *tf.gradients(loss, [q, v])], feed)
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"indices\[2\] = 3 is not in \[0, 3\)"):
            sess.run(picked, {actions: [2, 0, 3, 1]})  # TF1: indices[2] = [2, 3] does not index into [4,3]
    # TF 2.21 compat.v1
    expected = [[-0.5, -0.25, 0.5, 1.5], 0.25, [[1.25, 1.5, 1.75], [-1.0, -0.75, -0.5], [1.25, 1.5, 1.75]],
                [0.5, 0.75, 1.0], [3.0, 1.0], -2.0]
    for got, want in zip(values, expected):
        np.testing.assert_array_equal(got, want)
    assert value == np.float32(24.3125)
    np.testing.assert_array_equal(grad_q, [[2.0, 2.0, 1.0], [-0.5, 0.0, 0.0], [1.0, 0.0, 0.0], [4.0, 7.0, 4.0]])
    np.testing.assert_array_equal(grad_v, [5.0, 0.0, 1.0])  # TF: IndexedSlices([1, 5] at [2, 0]), summed
    with pytest.raises(UnsupportedOperationError, match="index tuples of length 1 or 2"):
        tf.gather_nd(v, [[0, 1]])  # a pair of indices into a vector
