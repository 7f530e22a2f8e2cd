"""Graph objects are not pickled or copied (probe46 P46-4): TF1 raises ``TypeError`` at ``pickle.dumps`` and at
``copy.deepcopy`` of a tensor, operation, graph or session; symopt's pickle raised a bare ``AttributeError`` about a
closure, and ``copy.deepcopy`` succeeded and the copy failed later at ``Session.run`` with advice that did not fit.
Now each raises :class:`~symopt.errors.UnsupportedOperationError` (a ``TypeError``) at the copy, naming Saver."""

import copy
import pickle

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def _program():
    w = tf.Variable(0.0)
    x = tf.placeholder(tf.float32, [3, 1])
    cost = x[0][0] * w ** 2 + x[1][0] * w + x[2][0]
    optimizer = tf.train.AdamOptimizer(0.1)
    train = optimizer.minimize(cost)
    return w, x, cost, optimizer, train


@pytest.mark.parametrize("copier", [pickle.dumps, copy.deepcopy, copy.copy], ids=["pickle", "deepcopy", "copy"])
def test_graph_objects_refuse_to_be_copied_saying_what_to_keep_instead(copier):
    w, x, cost, optimizer, train = _program()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for item, kind in [(w, "Variable"), (x, "Tensor"), (cost, "Tensor"), (train, "Operation"),
                           (optimizer, "AdamOptimizer"), (tf.get_default_graph(), "Graph"), (sess, "Session"),
                           (tf.assign(w, 1.0), "Tensor"), (cost.op, "Operation"),
                           (tf.assign_add(w, 1.0) * 2.0, "Tensor")]:  # TF1's kinds (final39c F39c-7)
            if copier is copy.copy and kind in ("Variable", "Tensor"):  # TF1's shallow copy of a tensor names the
                assert copier(item) is item  # same graph node (final40c F40c-14: it was refused)
                continue
            with pytest.raises(UnsupportedOperationError, match=rf"^cannot pickle or copy a symopt.compat.v1 {kind} "
                               r"\(TF1 raises TypeError here too\).*tf.train.Saver\(\).save\(sess, path\).*"
                               r"variable.eval\(\)") as refused:
                copier(item)
            assert isinstance(refused.value, TypeError)  # TF1's exception type, too
        # nothing changed: the session still trains its own variable (one Adam step from 0: -lr * sign(g) = 0.1)
        sess.run(train, {x: np.array([[1.0], [-10.0], [25.0]])})
        np.testing.assert_allclose(sess.run(w), 0.1, rtol=1e-6)


def test_fetched_arrays_pickle():
    w, *_ = _program()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert pickle.loads(pickle.dumps(sess.run(w))) == 0.0
