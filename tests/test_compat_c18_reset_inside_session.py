"""``tf.reset_default_graph()`` inside ``with tf.Session() as sess:`` is TF1's ``AssertionError`` at once, before
anything changes (probe22 H14): the session's block holds its graph as the default, as ``with g.as_default():``
does.  symopt accepted it, and the next ``sess.run(tf.global_variables_initializer())`` failed further on.
"""

import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

NESTED = "Do not use tf.reset_default_graph\\(\\) to clear nested graphs"


def test_reset_inside_a_sessions_block_is_refused_and_after_it_allowed():
    w = tf.Variable(1.0)
    graph = tf.get_default_graph()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        with pytest.raises(AssertionError, match=NESTED):
            tf.reset_default_graph()
        assert tf.get_default_graph() is graph and sess.run(w) == 1.0
    tf.reset_default_graph()  # after the block: a new graph, as in TF1
    assert tf.get_default_graph() is not graph


def test_an_interactive_session_does_not_nest():
    sess = tf.InteractiveSession()
    tf.reset_default_graph()  # TF 2.21 allows it too
    sess.close()
