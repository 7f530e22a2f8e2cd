"""A ``tf.cond`` branch that returns a value computed from an assignment made OUTSIDE the cond (``inc =
tf.assign_add(c, 1.0)``; ``tf.cond(p, lambda: inc * 1.0, lambda: tf.constant(-1.0))``, the "why does my counter
increase on the false branch too?" question) runs as TF1's: the assignment runs at every run of the cond, whichever
branch it takes (probe22 H4).  symopt refused it with advice the program already followed.  An update made INSIDE a
branch stays refused, saying so.

TF 2.21's ``tf.compat.v1`` printed ``(-1.0, 1.0)`` then ``(2.0, 2.0)`` (/tmp/c18_h4.py of compat18's session);
TensorFlow is not needed here.
"""

import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_an_update_made_outside_runs_whichever_branch_is_taken():
    c, p = tf.Variable(0.0), tf.placeholder(tf.bool, [])
    inc = tf.assign_add(c, 1.0)
    r = tf.cond(p, lambda: inc * 1.0, lambda: tf.constant(-1.0))
    both = tf.cond(p, lambda: inc, lambda: inc * 10.0)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        assert (s.run(r, {p: False}), s.run(c)) == (-1.0, 1.0)
        assert (s.run(r, {p: True}), s.run(c)) == (2.0, 2.0)
        assert (s.run(both, {p: True}), s.run(both, {p: False})) == (3.0, 40.0)


def test_an_update_made_inside_a_branch_or_read_beside_stays_refused():
    c, p = tf.Variable(0.0), tf.placeholder(tf.bool, [])
    with pytest.raises(UnsupportedOperationError, match="an update made inside the branch"):
        tf.cond(p, lambda: tf.assign_add(c, 1.0), lambda: c * 1.0)
    inc = tf.assign_add(c, 1.0)
    with pytest.raises(UnsupportedOperationError, match="reads a variable once per run"):
        tf.cond(p, lambda: inc, lambda: c * 10.0)  # TF1: 4.0 after the update, 20.0 before it
