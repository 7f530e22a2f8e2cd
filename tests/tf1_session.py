"""Shared by the TF1-layer tests: a fresh default graph for every test, and ``run(fetches, feed)`` in a new session
with the variables initialized."""

import pytest

import symopt.compat.v1 as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    """Import into a test module to give each of its tests an empty default graph."""
    tf.reset_default_graph()
    yield


def run(fetches, feed=None):
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        return session.run(fetches, feed_dict=feed)
