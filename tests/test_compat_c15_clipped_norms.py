"""A global norm or a clip of an embedding's gradient, *fetched* or used in a hand-written update (probe15 Y16): TF1
measures and clips its ``IndexedSlices`` one looked-up row at a time, so for a batch that repeats an id (within one
lookup or across two lookups of the same matrix) its numbers are not those of the summed matrix symopt computes; the
run is refused, typed, before any state changes.  Distinct ids, and a loss that also reads the whole matrix (TF1's
gradient is dense then), give TF1's numbers: the goldens below are TF 2.21's ``tf.compat.v1`` outputs
(/work/wt/probe15/tf/gnorm2.py, gnorm3.py, gclip.py; y16a.py for two lookups and the dense case)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

E0 = np.float32([[3., 4.], [0.3, 0.4], [1., 0.]])
REFUSED = "repeats an index .*feed batches of distinct ids"


def _model():
    E = tf.Variable(E0)
    W = tf.Variable(np.float32([[1.], [1.]]))
    ids = tf.placeholder(tf.int32, [None])
    y = tf.placeholder(tf.float32, [None])
    loss = tf.reduce_sum(tf.square(tf.squeeze(tf.matmul(tf.nn.embedding_lookup(E, ids), W), 1) - y))
    return E, W, ids, y, tf.gradients(loss, [E, W])


def test_a_fetched_global_norm_of_distinct_ids_is_tf1s():
    E, W, ids, y, grads = _model()
    clipped, norm = tf.clip_by_global_norm(grads, 5.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        fd = {ids: [0, 2], y: [1., 0.]}
        values = sess.run([norm, tf.global_norm([grads[0]]), tf.convert_to_tensor(clipped[0])], fd)
    assert [repr(v) for v in values[:2]] == ["np.float32(63.592453)", "np.float32(17.20465)"]  # TF 2.21
    np.testing.assert_allclose(values[2], [[0.9435, 0.9435], [0., 0.], [0.1573, 0.1573]], atol=5e-5)


@pytest.mark.parametrize("fetch", [
    lambda grads: tf.global_norm(grads),  # TF 2.21: 123.596115 (symopt's summed matrix: 125.904724)
    lambda grads: tf.clip_by_global_norm(grads, 5.0)[1],
    lambda grads: tf.global_norm([grads[0]]),  # TF: 24.166092 (symopt's: 34.058773)
    lambda grads: tf.convert_to_tensor(tf.clip_by_global_norm(grads, 5.0)[0][0]),
    lambda grads: tf.convert_to_tensor(tf.clip_by_value(grads[0], -5., 5.)),  # TF row 0: [10 10] (symopt's [5 5])
    lambda grads: tf.convert_to_tensor(tf.clip_by_norm(grads[0], 5.0)),  # TF row 0: 4.9656353 (symopt's 3.5233214)
])
def test_a_fetched_clip_or_norm_of_a_repeated_id_is_refused(fetch):
    E, W, ids, y, grads = _model()
    tensor = fetch(grads)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        with pytest.raises(UnsupportedOperationError, match="embedding_lookup.*" + REFUSED):
            sess.run(tensor, {ids: [0, 2, 0], y: [1., 0., 1.]})


def test_the_dense_norm_of_a_repeated_id_is_computed():
    E, W, ids, y, grads = _model()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        value = sess.run(tf.norm(tf.convert_to_tensor(grads[0])), {ids: [0, 2, 0], y: [1., 0., 1.]})
    assert repr(value) == "np.float32(34.058773)"  # TF 2.21: the norm of the summed (dense) gradient


def test_a_hand_written_clipped_update_refuses_before_any_assignment():
    E, W, ids, y, grads = _model()
    clipped, _ = tf.clip_by_global_norm(grads, 5.0)
    step = [tf.assign_sub(v, 0.1 * tf.convert_to_tensor(g)) for v, g in zip([E, W], clipped)]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        with pytest.raises(UnsupportedOperationError, match=REFUSED):
            sess.run(step, {ids: [0, 2, 0], y: [1., 0., 1.]})
        np.testing.assert_array_equal(sess.run(E), E0)
        np.testing.assert_array_equal(sess.run(W), [[1.], [1.]])
        sess.run(step, {ids: [0, 2], y: [1., 0.]})  # distinct ids: TF1's update
        assert not np.array_equal(sess.run(E), E0)


def _two_lookups(penalty: float):
    E = tf.Variable(E0)
    a = tf.placeholder(tf.int32, [None])
    b = tf.placeholder(tf.int32, [None])
    loss = tf.reduce_sum(tf.nn.embedding_lookup(E, a) * tf.nn.embedding_lookup(E, b))
    if penalty:
        loss = loss + penalty * tf.nn.l2_loss(E)
    return a, b, tf.global_norm([tf.gradients(loss, E)[0]])


def test_an_id_repeated_across_two_lookups_of_one_matrix_is_refused():
    a, b, norm = _two_lookups(0.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert repr(sess.run(norm, {a: [0], b: [1]})) == "np.float32(5.0249376)"  # TF 2.21
        with pytest.raises(UnsupportedOperationError, match=r"embedding_lookup/Identity and embedding_lookup_1/"
                                                            r"Identity: the batch repeats an index \(0 \| 0\)"):
            sess.run(norm, {a: [0], b: [0]})  # TF 2.21: 7.071068 (the summed matrix: 10.0)


def test_a_loss_that_also_reads_the_whole_matrix_has_tf1s_dense_norm():
    a, b, norm = _two_lookups(0.5)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert repr(sess.run(norm, {a: [0], b: [0]})) == "np.float32(12.512494)"  # TF 2.21 (dense gradient)
        assert repr(sess.run(norm, {a: [0, 1], b: [2, 0]})) == "np.float32(8.331416)"


def test_a_clipped_step_of_a_densely_read_embedding_trains_with_a_repeated_id():
    E = tf.Variable(E0)
    ids = tf.placeholder(tf.int32, [None])
    y = tf.placeholder(tf.float32, [None])
    loss = tf.reduce_sum(tf.square(tf.reduce_sum(tf.nn.embedding_lookup(E, ids), 1) - y)) + 0.01 * tf.nn.l2_loss(E)
    opt = tf.train.GradientDescentOptimizer(0.1)
    train = opt.apply_gradients([(tf.clip_by_norm(g, 5.0), v) for g, v in opt.compute_gradients(loss)])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train, {ids: [0, 2, 0], y: [1., 0., 1.]})  # TF1's gradient is dense (the L2 penalty): no refusal
        assert sess.run(E).tolist() == [[2.6477437019348145, 3.647597074508667],  # TF 2.21 (y16b.py)
                                        [0.2999560236930847, 0.3999413549900055],
                                        [0.9705353379249573, -0.02931804396212101]]
