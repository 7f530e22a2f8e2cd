"""A run that feeds a variable and computes a tensor from an assignment to it (``tf.assign_add(c, 1.0) * 2.0``)
is TF1's InvalidArgumentError before anything runs, as the assignment fetched alone is (review F43b-15: symopt
ignored the feed, returned 4.0 and stored c = 2.0)."""

import pytest

import symopt.compat.v1 as tf

#: TF 2.21 tf.compat.v1 (graph mode, reference variables), every case below:
#: "Input 0 of node AssignAdd was passed float from _arg_c_0_0:0 incompatible with expected float_ref."
MESSAGE = "Input 0 of node AssignAdd was passed float from c:0 incompatible with expected float_ref"


@pytest.mark.parametrize("case", ["f(z)", "f(z) * 1", "group", "control input"])
def test_a_fed_variable_an_assignment_reaches_refuses_the_run(case):
    with tf.Graph().as_default():
        c = tf.Variable(1.0, name="c")
        z = tf.assign_add(c, 1.0)
        computed = z * 2.0
        if case == "f(z)":
            fetch = computed
        elif case == "f(z) * 1":
            fetch = computed * 1.0
        elif case == "group":
            fetch = tf.group(computed)
        else:
            with tf.control_dependencies([z]):
                fetch = tf.identity(tf.constant(3.0))
        with tf.Session() as session:
            session.run(c.initializer)
            with pytest.raises(tf.errors.InvalidArgumentError, match=MESSAGE):
                session.run(fetch, {c: 5.0})
            assert session.run(c) == 1.0  # nothing ran
            assert session.run(computed) == 4.0  # unfed: the assignment runs (TF 2.21: 4.0)
