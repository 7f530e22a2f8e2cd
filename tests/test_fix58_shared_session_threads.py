"""One ``tf.Session`` shared by request threads, each feeding its own batch (probe58 P58-4): a random tensor of
the fed shape is drawn at that run's batch size, never another thread's.  Oracle: TF 2.21's ``tf.compat.v1``
(probe58/p4_oracle_tf.py: the same graph run from 4 threads on one session gives every thread its own fed rows,
1, 10, 17 and 24).  The interleaving is forced with events (a fed value's ``__array__`` starts the other
thread's run); no sleep decides an outcome."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading

import numpy as np
import pytest

import symopt.compat.v1 as tf

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def noisy_graph():
    graph = tf.Graph()
    with graph.as_default():
        x = tf.placeholder(tf.float32, [None, 2])
        out = x + tf.random_normal(tf.shape(x))
    return x, out, tf.Session(graph=graph)


def test_a_run_started_inside_another_threads_run_keeps_its_own_batch_size():
    x, out, session = noisy_graph()
    rows = np.zeros((24, 2), np.float32)
    session.run(out, {x: rows})  # both shapes compiled before the race
    session.run(out, {x: rows[:1]})
    shapes, other_done = {}, threading.Event()

    def other_request():
        shapes["other"] = session.run(out, {x: rows}).shape
        other_done.set()

    class FedWhileAnotherRunStarts:
        """A fed value whose conversion, inside this run, starts the other thread's run and gives it a while
        (the old code let it finish there and overwrite this run's batch size and run number)."""

        def __array__(self, dtype=None, copy=None):
            threading.Thread(target=other_request).start()
            other_done.wait(0.3)  # the fixed session makes the other run wait for this one: this wait runs out
            return np.zeros((1, 2), np.float32)

    shapes["mine"] = session.run(out, {x: FedWhileAnotherRunStarts()}).shape
    assert other_done.wait(30)
    assert shapes == {"mine": (1, 2), "other": (24, 2)}


def test_four_threads_on_one_session_each_get_their_fed_rows():
    x, out, session = noisy_graph()
    start, wrong = threading.Barrier(4), []

    def request(rows: int):
        fed = np.ones((rows, 2), np.float32)
        start.wait()
        for _ in range(40):
            shape = session.run(out, {x: fed}).shape
            if shape != (rows, 2):
                wrong.append((rows, shape))

    threads = [threading.Thread(target=request, args=(rows,)) for rows in (1, 10, 17, 24)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork here")
def test_a_child_forked_during_another_threads_run_can_run_the_session(tmp_path):
    # the session's run lock is held by a thread that does not exist in the child: the child gets a new one
    program = textwrap.dedent("""
        import os, signal, threading
        import numpy as np
        import symopt.compat.v1 as tf
        x = tf.placeholder(tf.float32, [None, 2])
        out = x * 2.0
        session = tf.Session()
        inside, release = threading.Event(), threading.Event()

        class Held:
            def __array__(self, dtype=None, copy=None):
                inside.set()
                release.wait()
                return np.ones((1, 2), np.float32)

        holder = threading.Thread(target=session.run, args=(out, {x: Held()}))
        holder.start()
        inside.wait()
        pid = os.fork()
        if pid == 0:
            signal.alarm(30)  # a hung child ends itself (exit code -14)
            value = session.run(out, {x: np.full((3, 2), 1.5, np.float32)})
            os._exit(0 if value.shape == (3, 2) and (value == 3.0).all() else 3)
        release.set()
        holder.join()
        _, status = os.waitpid(pid, 0)
        print("child exit", os.waitstatus_to_exitcode(status))
    """)
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=ROOT), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["child", "exit", "0"]
