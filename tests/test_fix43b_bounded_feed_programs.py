"""A shapeless placeholder fed many shapes keeps a bounded number of rebuilt graphs and generated programs, the
most recently used (probe65 P65-2: one more of each per distinct fed shape, never released; TF 2.21 stays flat).

Oracle: the sum of ``n`` ones times 1.0 is ``n`` (hand arithmetic), before and after an entry is dropped.
"""

import numpy as np

import symopt.compat.v1 as tf
from symopt.compat.v1 import default_graph, session as session_module

BOUND = 4


def _count(cache) -> int:
    return len(getattr(cache, "entries", cache))  # a plain dict before the bound


def test_programs_for_fed_shapes_are_bounded_and_rebuilt_when_dropped(monkeypatch):
    monkeypatch.setattr(default_graph, "SPECIALIZED_ENTRIES", BOUND, raising=False)
    monkeypatch.setattr(session_module, "SPECIALIZED_ENTRIES", BOUND, raising=False)
    graph = tf.Graph()
    with graph.as_default():
        x = tf.placeholder(tf.float32)
        w = tf.Variable(np.ones((1, 1), np.float32))
        y = tf.reduce_sum(x * w)
        with tf.Session() as session:
            session.run(w.initializer)
            for rows in [*range(1, 11), 1, 2]:  # 1 and 2 were dropped: built again
                assert session.run(y, {x: np.ones((rows, 1), np.float32)}) == rows
                assert _count(graph.specialized) <= BOUND
                assert _count(session._evaluators) <= BOUND
