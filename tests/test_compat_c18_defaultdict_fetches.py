"""``sess.run`` of a ``collections.defaultdict`` (the "collect what to fetch" pattern) returns a ``defaultdict`` of the
values with the same factory, as TF1's ``_DictFetchMapper`` (probe22 H8), where symopt raised a raw ``TypeError:
first argument must be callable or None``.  TF 2.21 printed ``defaultdict(<class 'list'>, {'loss': np.float32(20.0),
'extras': [np.float32(2.0)]})`` for this program.
"""

import collections

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_a_defaultdict_of_fetches_keeps_its_type_and_factory():
    x = tf.placeholder(tf.float32, [None])
    w = tf.Variable(2.0)
    fetches = collections.defaultdict(list)
    fetches["loss"] = tf.reduce_sum(tf.square(x * w))
    fetches["extras"].append(w)
    fetches["nested"] = collections.defaultdict(int, {"w": w})
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        values = s.run(fetches, {x: [1.0, 2.0]})
    assert type(values) is collections.defaultdict and values.default_factory is list
    assert values["loss"] == np.float32(20.0) and values["extras"] == [np.float32(2.0)]
    assert type(values["nested"]) is collections.defaultdict and values["nested"].default_factory is int
    assert values["nested"]["w"] == np.float32(2.0) and values["missing"] == []
