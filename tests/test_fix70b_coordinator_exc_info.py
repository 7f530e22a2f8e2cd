"""F44b-3: ``coord.request_stop(sys.exc_info())`` outside an except block (``(None, None, None)``) is TF1's
ValueError "ex must be a tuple or sys.exc_info must return the current exception" when called, and records nothing
(fix70 recorded it and ``join`` crashed with "'NoneType' object has no attribute 'with_traceback'").  Oracle: TF1's
``Coordinator.request_stop`` source (TF 2.21 raises a TypeError from its own logging of that message)."""

import sys

import pytest

import symopt.compat.v1 as tf


def test_exc_info_outside_a_handler_is_refused_and_join_stays_clean():
    coord = tf.train.Coordinator()
    with pytest.raises(ValueError, match="ex must be a tuple or sys.exc_info must return the current exception"):
        coord.request_stop(sys.exc_info())
    assert not coord.should_stop()
    coord.request_stop()
    coord.join()  # a clean stop: nothing re-raised
