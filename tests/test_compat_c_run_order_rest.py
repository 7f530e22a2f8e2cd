"""v-probe V9 and V13, the rest of them: a summary fetched with a ``no_op`` made under ``control_dependencies([train])``
logs the loss the step saw (it logged the next step's), and an assignment's output as the value of another
assignment (``tf.assign(u, tf.assign(v, 5.0) + 1.0)``: it was a raw TypeError).

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

summary_pb2 = pytest.importorskip("tensorboard.compat.proto.summary_pb2")


def test_a_summary_beside_a_no_op_after_the_step_logs_the_loss_the_step_saw():
    w = tf.Variable(1.0, name="w")
    loss = tf.square(w - 4.0, name="loss")
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    tf.summary.scalar("loss", loss)
    merged = tf.summary.merge_all()
    with tf.control_dependencies([train]):
        step = tf.no_op()
    logged = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for fetches in ([train, merged], [merged, train], [step, merged]):
            result = sess.run(fetches)
            text = result[1] if isinstance(result[1], bytes) else result[0]
            logged.append(summary_pb2.Summary.FromString(text).value[0].simple_value)
        assert sess.run(w) == pytest.approx(2.464)
    assert logged == [9.0, 5.760000228881836, 3.6864001750946045]  # TF 2.21 tf.compat.v1


def test_an_assignment_as_the_value_of_another():
    v, u = tf.Variable(1.0), tf.Variable(0.0)
    first = tf.assign(v, 5.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(tf.assign(u, first)) == 5.0  # TF 2.21 tf.compat.v1
        assert sess.run(tf.assign(u, first + 1.0)) == 6.0
        assert sess.run(u.assign(first - 1.0)) == 4.0
        assert sess.run([v, u]) == [5.0, 4.0]
