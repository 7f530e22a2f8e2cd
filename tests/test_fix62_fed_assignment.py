"""P62-5: feeding an assignment's result (``{tf.assign_add(v, 1.): 5.}``) was a self-contradicting ``TypeError``
("... cannot be interpreted as a Tensor"); it is now a typed ``UnsupportedOperationError`` naming the assignment and
the feed that works, raised before anything runs; the feed it suggests gives TF1's values.  Expected values:
TF 2.21 ``tf.compat.v1`` with ref variables (probe62 p28_fed_assign.py): ``z`` 15.0 with ``cnt`` 0.0, then 3.0 / 1.0."""

import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


def test_fed_assignment_is_refused_and_its_identity_feeds_as_tf1():
    tf.reset_default_graph()
    count = tf.Variable(0.0, name="cnt")
    increment = tf.assign_add(count, 1.0)
    y = increment * 2.0
    read = tf.identity(increment)
    z = read * 3.0
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        with pytest.raises(UnsupportedOperationError, match=r"AssignAdd:0.*assignment to cnt.*tf.identity"):
            session.run(y, {increment: 5.0})
        assert session.run(count) == 0.0
        assert session.run(z, {read: 5.0}) == 15.0  # TF 2.21: 15.0, cnt 0.0
        assert session.run(count) == 0.0
        assert session.run(z) == 3.0  # TF 2.21: 3.0, cnt 1.0
        assert session.run(count) == 1.0
