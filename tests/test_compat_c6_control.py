"""``tf.case`` (a dict in the order of its predicates' names, ``exclusive=True`` checked when it runs) and the
one-argument ``tf.where`` of a condition of constants, gathered from (compat6, the CS20SI exercises).  Expected
values: the same program in TF 2.21 ``tf.compat.v1``."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.errors import InvalidArgumentError
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_case_of_a_dict_takes_the_predicates_in_name_order():
    a, b = tf.placeholder(tf.float32, []), tf.placeholder(tf.float32, [])
    big, positive = tf.greater(a, b, name="z_greater"), tf.greater(a, 0.0, name="a_positive")
    from_dict = tf.case({big: lambda: a - b, positive: lambda: a * 10.0}, default=lambda: tf.constant(-1.0))
    from_list = tf.case([(big, lambda: a - b), (positive, lambda: a * 10.0)], default=lambda: tf.constant(-1.0))
    with tf.Session() as sess:
        assert sess.run([from_dict, from_list], {a: 3.0, b: 1.0}) == [30.0, 2.0]  # TF 2.21
        assert sess.run([from_dict, from_list], {a: -3.0, b: 1.0}) == [-1.0, -1.0]


def test_an_exclusive_case_checks_when_it_runs():
    a, b = tf.placeholder(tf.float32, []), tf.placeholder(tf.float32, [])
    out = tf.case({tf.less(a, b): lambda: a + b, tf.greater(a, b): lambda: a - b, tf.equal(a, 5.0): lambda: a * 10},
                  default=lambda: tf.constant(0.0), exclusive=True)
    with tf.Session() as sess:
        assert (sess.run(out, {a: 3.0, b: 1.0}), sess.run(out, {a: 2.0, b: 2.0})) == (2.0, 0.0)  # TF 2.21
        with pytest.raises(InvalidArgumentError, match=r"more than 1 conditions \(Equal:0, Greater:0, Less:0\) "
                                                       r"evaluated as True:\] \[1 1 0\]"):  # TF 2.21's message
            sess.run(out, {a: 5.0, b: 1.0})
    with pytest.raises(UnsupportedOperationError, match="default="):
        tf.case([(tf.less(a, b), lambda: a)])


def test_where_of_a_condition_of_constants_and_its_gather():
    v = tf.constant([29.05, 27.6, 31.19, 29.35, 30.97])
    indices = tf.where(v > 30)
    with tf.Session() as sess:
        got = sess.run(indices)
        assert got.tolist() == [[2], [4]] and got.dtype == np.int64  # TF 2.21
        assert sess.run(tf.gather(v, indices)).tolist() == [[np.float32(31.19)], [np.float32(30.97)]]
        assert sess.run(tf.where(tf.constant([[True, False], [False, True]]))).tolist() == [[0, 0], [1, 1]]
    with pytest.raises(UnsupportedOperationError, match="boolean_mask"):
        tf.where(tf.placeholder(tf.float32, [None]) > 0.0)
