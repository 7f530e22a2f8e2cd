"""P84-3: an op built from intermediate ops (``tf.clip_by_norm``'s sum of squares and norm) inside
``tf.control_dependencies`` reads every input after the block's control inputs, as TF1 does (HOML ch11's max-norm
clipping).  Expected values are TF 2.21's ``tf.compat.v1`` with ``disable_v2_behavior()`` on the same programs
(probe84's cd_min.py, cd_assign.py and /tmp variants of them)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf

TF_AFTER_INCREMENT = {  # w = [[3, 4]] incremented to [[4, 4]] first; TF 2.21's values of each op then
    "clip_by_norm": ([[0.70710677, 0.70710677]], lambda w: tf.clip_by_norm(w, 1.0)),
    "clip_by_norm axes": ([[0.70710677, 0.70710677]], lambda w: tf.clip_by_norm(w, 1.0, axes=[1])),
    "div_no_nan": ([[0.5, 0.5]], lambda w: tf.div_no_nan(w, tf.reduce_sum(w))),
    "maximum": ([[4.0, 4.0]], lambda w: tf.maximum(w, 3.5)),
    "clip_by_value": ([[3.9, 3.9]], lambda w: tf.clip_by_value(w, 0.0, 3.9)),
    "l2_normalize": ([[0.70710677, 0.70710677]], lambda w: tf.nn.l2_normalize(w, axis=1)),
    "assign_sub": ([[2.0, 2.0]], lambda w: tf.assign_sub(w, w * 0.5)),
}


@pytest.mark.parametrize("name", list(TF_AFTER_INCREMENT))
def test_an_op_made_after_an_assignment_reads_the_variable_after_it(name):
    expected, build = TF_AFTER_INCREMENT[name]
    graph = tf.Graph()
    with graph.as_default():
        w = tf.Variable([[3.0, 4.0]], name="w")
        increment = tf.assign(w, w + tf.constant([[1.0, 0.0]]))
        with tf.control_dependencies([increment]):
            out = build(w)
        with tf.Session() as session:
            session.run(w.initializer)
            np.testing.assert_allclose(session.run(out), expected, rtol=1e-6)


TF_MAX_NORM_RUNS = {  # sess.run(clip) three times; TF 2.21's w after each run
    "plain": [[[0.70710677, 0.70710677]], [[0.9238795, 0.38268343]], [[0.9807853, 0.19509032]]],
    "momentum": [[[0.70710677, 0.70710677]], [[0.96513146, 0.26176566]], [[0.997473, 0.07104621]]],
}


@pytest.mark.parametrize("variant", list(TF_MAX_NORM_RUNS))
def test_max_norm_clipping_after_a_training_step_keeps_rows_at_the_threshold(variant):
    graph = tf.Graph()
    with graph.as_default():
        w = tf.Variable([[3.0, 4.0]], name="w")
        loss = tf.reduce_sum(w * tf.constant([[-1.0, 0.0]]))  # the step adds the rate to w[0, 0]
        optimizer = tf.train.GradientDescentOptimizer(1.0) if variant == "plain" else tf.train.MomentumOptimizer(1.0, 0.9)
        train = optimizer.minimize(loss)
        with tf.control_dependencies([train]):
            clip = tf.assign(w, tf.clip_by_norm(w, 1.0, axes=1))
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            for expected in TF_MAX_NORM_RUNS[variant]:
                np.testing.assert_allclose(session.run(clip), expected, rtol=1e-6)
            assert np.linalg.norm(session.run(w)) <= 1.0 + 1e-6
