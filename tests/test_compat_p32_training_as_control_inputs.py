"""probe32 P32-9: two training operations reached as control inputs with no order between them (BEGAN's
``with tf.control_dependencies([d_optim, g_optim]): k_update = tf.assign(k_t, ...)``) ran one after the other, where
the same two fetched in a list or a ``tf.group`` compute their gradients from the start values (compat.md).  Now
every form runs them together.  TF 2.21 orders them at random (``a = 0.6`` or ``0.168`` from one process to the
next, in every form); one made under ``tf.control_dependencies([tb])`` runs after ``tb`` in TF1 and here."""

import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

START_VALUES = [0.6000000238418579, 2.5999999046325684]  # one of TF 2.21's outcomes (a from b = 2)
AFTER_TB = [0.16800010204315186, 2.5999999046325684]  # TF 2.21 (a from b = 2.6)


def _programs():
    a = tf.Variable(1.0, name="a")
    b = tf.Variable(2.0, name="b")
    k = tf.Variable(0.0, name="k")
    la = tf.square(a * b - 1.0)  # trains a, reads b
    ta = tf.train.GradientDescentOptimizer(0.1).minimize(la, var_list=[a])
    tb = tf.train.GradientDescentOptimizer(0.1).minimize(tf.square(b - 5.0), var_list=[b])
    with tf.control_dependencies([tb, ta]):
        k_update = tf.assign(k, k + 1.0)
        after = tf.no_op()
    with tf.control_dependencies([tb]):
        ta_after = tf.train.GradientDescentOptimizer(0.1).minimize(la, var_list=[a])
    return (a, b, k), {"list": [ta, tb], "group": tf.group(tb, ta), "k_update": k_update, "no_op": after,
                       "beside": [ta, tb, k_update], "ordered": ta_after}


@pytest.mark.parametrize("form, expected", [("list", START_VALUES + [0.0]), ("group", START_VALUES + [0.0]),
                                            ("k_update", START_VALUES + [1.0]), ("no_op", START_VALUES + [0.0]),
                                            ("beside", START_VALUES + [1.0]), ("ordered", AFTER_TB + [0.0])])
def test_every_form_of_one_run_trains_from_the_start_values(form, expected):
    variables, fetches = _programs()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(fetches[form])
        assert [float(value) for value in sess.run(list(variables))] == expected
