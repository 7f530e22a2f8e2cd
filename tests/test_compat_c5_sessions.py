"""Default sessions as TF1 has them (g-probe G1).

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import warnings

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_no_default_session_is_none_and_the_idiom_works():
    assert tf.get_default_session() is None  # TF 2.21 tf.compat.v1: None
    sess = tf.get_default_session() or tf.Session()
    v = tf.Variable(3.0)
    sess.run(tf.global_variables_initializer())
    assert sess.run(v * 2.0) == 6.0
    with sess.as_default():
        assert tf.get_default_session() is sess
        assert v.eval() == 3.0
    assert tf.get_default_session() is None
    sess.close()


def test_eval_run_and_load_without_a_session_are_tf1s_value_errors():
    v = tf.Variable(1.0)
    # TF 2.21 tf.compat.v1's messages, word for word
    with pytest.raises(ValueError, match=r"^Cannot evaluate tensor using `eval\(\)`: No default session"):
        v.eval()
    with pytest.raises(ValueError, match=r"^Cannot evaluate tensor using `eval\(\)`: No default session"):
        (v + 1.0).eval()
    with pytest.raises(ValueError, match=r"^Cannot evaluate tensor using `eval\(\)`: No default session"):
        v.assign(2.0).eval()
    with pytest.raises(ValueError, match=r"^Cannot execute operation using `run\(\)`: No default session"):
        tf.global_variables_initializer().run()
    with pytest.raises(ValueError, match="^Either session argument should be provided or default session"):
        v.load(2.0)


def test_ieee_results_come_silently_whatever_numpys_error_settings():
    x = tf.placeholder(tf.float32, [None])
    w = tf.Variable(0.0)
    loss = tf.reduce_sum(tf.sqrt(x * w))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    feed = {x: [1.0, 2.0]}
    with tf.Session() as sess, warnings.catch_warnings():
        warnings.simplefilter("error")  # python -W error
        sess.run(tf.global_variables_initializer())
        with np.errstate(all="raise"):  # np.seterr(all="raise") in the host program
            # TF 2.21 tf.compat.v1: [-inf -inf], [inf nan], inf, then w = -inf after one step; no warning
            np.testing.assert_array_equal(sess.run(tf.log(x * w), feed), [-np.inf, -np.inf])
            np.testing.assert_array_equal(sess.run(x / (x * w), {x: [1.0, 0.0]}), [np.inf, np.nan])
            assert sess.run(tf.gradients(loss, w)[0], feed) == np.inf
            assert tf.log(x * w).eval(feed, session=sess).tolist() == [-np.inf, -np.inf]
            assert sess.run([train, loss], feed) == [None, 0.0]
            assert sess.run(w) == -np.inf


def test_a_session_of_another_graph_not_entered_with_with_runs_a_summary_of_an_assignment():
    # "TensorFlow for Machine Intelligence" ch. 3 (g-probe G4): sess = tf.Session(graph=graph), no `with`
    graph = tf.Graph()
    with graph.as_default():
        total_output = tf.Variable(0.0, trainable=False, name="total_output")
        a = tf.placeholder(tf.float32, shape=[None], name="a")
        output = tf.reduce_sum(a)
        update_total = total_output.assign_add(output)
        tf.summary.scalar("total_summary", update_total)
        merged = tf.summary.merge_all()
        init = tf.global_variables_initializer()
    sess = tf.Session(graph=graph)
    sess.run(init)
    # TF 2.21 tf.compat.v1: [3.0, b'\n\x14\n\rtotal_summary\x15\x00\x00@@']
    assert sess.run([output, merged], {a: [1.0, 2.0]}) == [3.0, b"\n\x14\n\rtotal_summary\x15\x00\x00@@"]
    assert sess.run(total_output) == 3.0
    sess.close()
