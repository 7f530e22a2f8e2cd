"""``tf.train.ExponentialMovingAverage`` as TF1: shadow variables and their names, ``num_updates`` from the global
step, the ``control_dependencies([train]): tf.group(ema.apply(...))`` idiom, an average of the loss fetched beside
the step (the loss the step saw), float64 variables, and restoring the averages with ``variables_to_restore``.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

# TF 2.21 tf.compat.v1: [loss], [w, avg(w), avg(b), avg(d), avg(loss), global_step] after each of 4 runs
TF1_RUNS = [
    (44.916668, [3.6666667, -0.79999995], [3.1818182, -1.0181818], 0.74545455, 1.3272727299820293, 0.44916624),
    (4.580741, [3.3644445, -0.90666664], [3.318788, -0.9345454], 0.9663636, 1.6218181896480646, 0.49048194),
    (2.6801515, [3.3869631, -0.8711111], [3.365986, -0.89062935], 1.1502657, 1.8670209958486625, 0.51237863),
    (1.747672, [3.3742418, -0.85167414], [3.3712933, -0.8655867], 1.301552, 2.068736075121516, 0.5247316),
]


def test_averages_of_variables_and_of_the_loss_follow_tf1():
    with tf.name_scope("model"):
        w = tf.Variable([1.0, -2.0], name="w")
    b = tf.Variable(0.5, name="b")
    d = tf.Variable(np.float64(1.0), name="d")
    x = tf.placeholder(tf.float32, [None])
    loss = tf.reduce_mean(tf.square(w[0] * x + w[1] - 3.0 * x)) + tf.square(b - 2.0) + \
        tf.cast(tf.square(d - 3.0), tf.float32)
    step = tf.train.get_or_create_global_step()
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=step)
    ema = tf.train.ExponentialMovingAverage(0.9, num_updates=step)
    with tf.control_dependencies([train]):
        training_op = tf.group(ema.apply([w, b, d]))
    loss_ema = tf.train.ExponentialMovingAverage(decay=0.99)
    average_loss = loss_ema.apply([loss])
    # TF 2.21 tf.compat.v1's names
    assert repr(ema.average(w)) == "<tf.Variable 'model/w/ExponentialMovingAverage:0' shape=(2,) dtype=float32_ref>"
    assert ema.average(b).name == "b/ExponentialMovingAverage:0" and ema.average(d).dtype == tf.float64
    assert ema.average_name(w) == "model/w/ExponentialMovingAverage"
    assert loss_ema.average_name(loss) == f"{loss.op.name}/ExponentialMovingAverage"
    assert (training_op.name, average_loss.name, average_loss.type) == ("group_deps", "ExponentialMovingAverage_1",
                                                                        "NoOp")
    assert [v.name for v in tf.global_variables()] == [
        "model/w:0", "b:0", "d:0", "global_step:0", "model/w/ExponentialMovingAverage:0",
        "b/ExponentialMovingAverage:0", "d/ExponentialMovingAverage:0", f"{loss.op.name}/ExponentialMovingAverage:0"]
    assert [v.name for v in tf.trainable_variables()] == ["model/w:0", "b:0", "d:0"]
    assert [v.name for v in tf.get_collection(tf.GraphKeys.MOVING_AVERAGE_VARIABLES)] == ["model/w:0", "b:0", "d:0"]
    assert tf.moving_average_variables() == [w, b, d]
    feed = {x: [1.0, 2.0, 3.0]}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run([ema.average(b), ema.average(d), loss_ema.average(loss)]) == [0.5, 1.0, 0.0]
        for expected in TF1_RUNS:
            _, loss_value, _ = sess.run([training_op, loss, average_loss], feed)
            values = sess.run([w, ema.average(w), ema.average(b), ema.average(d), loss_ema.average(loss)])
            assert loss_value == np.float32(expected[0])
            np.testing.assert_array_equal(values[0], np.float32(expected[1]))
            np.testing.assert_array_equal(values[1], np.float32(expected[2]))
            assert values[2] == np.float32(expected[3]) and values[3] == expected[4]  # float64 to the bit
            assert values[4] == np.float32(expected[5])  # the loss before each step, averaged


def test_the_documented_recipe_and_restoring_the_averages(tmp_path):
    w = tf.Variable([0.0, 0.0], name="w")
    opt_op = tf.train.AdamOptimizer(0.5).minimize(tf.reduce_sum(tf.square(w - [1.0, -3.0])))
    ema = tf.train.ExponentialMovingAverage(decay=0.5)
    with tf.control_dependencies([opt_op]):
        training_op = ema.apply([w])
    assert training_op.name == "ExponentialMovingAverage"  # TF 2.21 tf.compat.v1
    assert [v.name for v in tf.global_variables()][-1] == "w/ExponentialMovingAverage:0"
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(training_op)
        average = sess.run(ema.average(w))
        np.testing.assert_array_equal(average, np.float32([0.97197247, -1.0525395]))  # TF 2.21 tf.compat.v1
        saver.save(sess, str(tmp_path / "m"))
    tf.reset_default_graph()
    w = tf.Variable([0.0, 0.0], name="w")
    ema = tf.train.ExponentialMovingAverage(decay=0.5)
    assert ema.variables_to_restore() == {"w/ExponentialMovingAverage": w}  # TF 2.21 tf.compat.v1
    with tf.Session() as sess:
        tf.train.Saver(ema.variables_to_restore()).restore(sess, str(tmp_path / "m"))
        np.testing.assert_array_equal(sess.run(w), average)


def test_refusals_come_before_any_shadow_is_made():
    w = tf.Variable([1.0, 2.0])
    counter = tf.Variable(0)
    with pytest.raises(TypeError, match="The variables must be half, float, or double"):
        tf.train.ExponentialMovingAverage(0.9).apply([w, counter])
    with pytest.raises(UnsupportedOperationError, match="zero_debias=False"):
        tf.train.ExponentialMovingAverage(0.9, zero_debias=True).apply([w, w * 2.0])
    assert len(tf.global_variables()) == 2
