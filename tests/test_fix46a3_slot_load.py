"""final46a2 46a2-12: ``slot.load(value, sess)`` of an optimizer slot is a typed refusal naming what works, as
``tf.assign`` to it (it was a bare AttributeError; TF 2.21 loads it)."""
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


def test_load_of_a_slot_is_refused_typed():
    tf.reset_default_graph()
    w = tf.Variable([1., 2.])
    opt = tf.train.AdamOptimizer(0.1)
    opt.minimize(tf.reduce_sum(w ** 2))
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    with pytest.raises(UnsupportedOperationError, match=r"^Variable.load to the optimizer slot Variable/Adam:0 .*"
                                                        r"tf.variables_initializer\(\[slot\]\)"):
        opt.get_slot(w, "m").load([0., 0.], sess)
