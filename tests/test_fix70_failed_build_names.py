"""F43b-4: a refused build uses its op's name up, as TF1 enters the op's name scope before it checks: after
``tf.get_variable("k", [2], initializer=tf.constant_initializer([1., 2., 3.]))`` fails in scope ``t``, the next
``tf.get_variable("k", [2])`` is ``t/k_1:0``; the same for ``tf.split``, ``tf.assign_add``,
``tf.squared_difference``; and a captured scope re-entered after ``s.reuse_variables()`` reuses (noticed
beside P70-2).

Oracle: TF 2.21 ``tf.compat.v1`` (graph mode, ref variables) running the same calls (final43b's ``vs.py`` case 7
and ``names.py``): ``t/k_1:0``, ``split_1:0``, ``AssignAdd_1:0``, ``SquaredDifference_1:0``.
"""

import pytest

import symopt.compat.v1 as tf

from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_a_refused_initializer_uses_the_variable_name_up():
    with tf.variable_scope("t"):
        with pytest.raises(ValueError):
            tf.get_variable("k", [2], initializer=tf.constant_initializer([1.0, 2.0, 3.0]))
        assert tf.get_variable("k", [2]).name == "t/k_1:0"


@pytest.mark.parametrize("refused, made, name", [
    (lambda a, u: tf.split(a, 4, 1), lambda a, u: tf.split(a, 3, 1)[0], "split_1:0"),
    (lambda a, u: tf.assign_add(u, tf.zeros([3])), lambda a, u: tf.assign_add(u, [1.0, 1.0]), "AssignAdd_1:0"),
    (lambda a, u: tf.squared_difference(a, tf.zeros([4, 5])), lambda a, u: tf.squared_difference(a, a),
     "SquaredDifference_1:0"),
])
def test_refused_ops_use_their_names_up(refused, made, name):
    a, u = tf.zeros([2, 3]), tf.Variable([1.0, 2.0])
    with pytest.raises(ValueError):
        refused(a, u)
    assert made(a, u).name == name


def test_a_captured_scope_re_entered_keeps_the_reuse_set_on_it_afterwards():
    # TF 2.21 tf.compat.v1: after s.reuse_variables(), `with tf.variable_scope(s)` shares foo/q (reuse True)
    with tf.variable_scope("foo") as scope:
        q = tf.get_variable("q", shape=[2])
    scope.reuse_variables()
    with tf.variable_scope(scope):
        assert tf.get_variable("q") is q and tf.get_variable_scope().reuse is True
