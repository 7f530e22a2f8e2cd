"""P71-3: ``tf.train.Coordinator`` coordinates the program's own threads as TF1's does: ``join`` waits for them,
re-raises the first exception a worker reported, and names the threads still running after the grace period.

Oracle: TF 2.21 ``tf.compat.v1`` (graph mode) running probe71's ``t27_coord_join.py`` / ``t26_coord.py``: after
``coord.join(threads)`` all 4 x 100 steps had run and no thread was alive; a worker's ``RuntimeError`` in
``stop_on_exception`` and a ``request_stop(ValueError("bad batch"))`` were re-raised by ``join`` in the main thread;
``join([t], stop_grace_period_secs=0.5)`` of a running thread raised ``RuntimeError: Coordinator stopped with threads
still running: stubborn``; ``tf.errors.OutOfRangeError`` is TF1's default clean stop (not re-raised).
"""

import threading

import numpy as np
import pytest

import symopt.compat.v1 as tf

from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_join_waits_for_every_worker_step():
    steps = tf.Variable(0.0)
    count = tf.assign_add(steps, 1.0)
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    coord = tf.train.Coordinator()

    def loop():
        for _ in range(5):
            if coord.should_stop():
                break
            session.run(count)

    threads = [threading.Thread(target=loop) for _ in range(4)]
    for thread in threads:
        thread.start()
    coord.join(threads)
    assert not any(thread.is_alive() for thread in threads)
    assert session.run(steps) == 20.0 and coord.joined


def test_an_exception_in_stop_on_exception_stops_the_others_and_is_reraised_by_join():
    coord = tf.train.Coordinator()
    finished = []

    def bad():
        with coord.stop_on_exception():
            raise RuntimeError("data file missing")
        finished.append("bad")  # the block swallows it: the thread goes on

    def good():
        while not coord.wait_for_stop(0.001):
            pass
        finished.append("good")

    threads = [threading.Thread(target=bad), threading.Thread(target=good)]
    for thread in threads:
        thread.start()
    with pytest.raises(RuntimeError, match="data file missing"):
        coord.join(threads)
    assert sorted(finished) == ["bad", "good"] and coord.should_stop()


def test_request_stop_with_an_exception_records_it_for_join():
    coord = tf.train.Coordinator()
    died = []

    def worker():
        try:
            raise ValueError("bad batch")
        except ValueError as error:
            coord.request_stop(error)
        died.append(False)

    thread = threading.Thread(target=worker)
    thread.start()
    with pytest.raises(ValueError, match="bad batch"):
        coord.join([thread])
    assert died == [False]
    with pytest.raises(ValueError, match="bad batch"):  # after join nobody would see it: raised where reported
        coord.request_stop(ValueError("bad batch"))
    coord.clear_stop()
    assert not coord.should_stop() and not coord.joined
    coord.raise_requested_exception()  # nothing recorded any more


def test_threads_still_running_after_the_grace_period_are_named():
    release = threading.Event()
    thread = threading.Thread(target=release.wait, name="stubborn")
    thread.start()
    coord = tf.train.Coordinator()
    coord.request_stop()
    try:
        with pytest.raises(RuntimeError, match="Coordinator stopped with threads still running: stubborn"):
            coord.join([thread], stop_grace_period_secs=0.05)
    finally:
        release.set()
        thread.join()


def test_out_of_range_is_a_clean_stop():
    coord = tf.train.Coordinator()
    with coord.stop_on_exception():
        raise tf.errors.OutOfRangeError(None, None, "End of sequence")
    assert coord.should_stop()
    coord.join([])
    registered = threading.Thread(target=np.zeros, args=(1,))
    coord.clear_stop()
    coord.register_thread(registered)
    registered.start()
    coord.request_stop()
    coord.join()
    assert not registered.is_alive()
