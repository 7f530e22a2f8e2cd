"""A child forked while another thread holds one of symopt's locks runs symopt instead of waiting for ever (probe34
P34-3), and threads importing symopt at once finish.  Each case runs in a subprocess with a timeout:
a regression is a failed test, never a hung suite.  The child's one step is checked by hand, 3 - 0.1 * 2 * (3 - 5)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork here")

CHILD_RUNS = textwrap.dedent("""
    def child_step():
        w = symopt.Variable("w", 3.0)
        return symopt.minimize((w - 5)**2, w, steps=1, optimizer=symopt.GradientDescent(0.1))[w]

    pid = os.fork()
    if pid == 0:
        signal.alarm(30)  # a hung child ends itself (exit code -14), never outlives the test
        os._exit(0 if abs(child_step() - (3 - 0.1 * 2 * (3 - 5))) < 1e-6 else 3)
    _, status = os.waitpid(pid, 0)
    print("child exit", os.waitstatus_to_exitcode(status))
""")


def run(program: str, tmp_path) -> str:
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=ROOT), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_fork_while_another_thread_holds_the_cache_lock(tmp_path):
    program = textwrap.dedent("""
        import os, signal, threading, symopt
        from symopt.compiler import CACHE
        w0 = symopt.Variable("w0", 0.0)
        symopt.minimize((w0 - 1)**2, w0, steps=1)  # everything imported before the fork
        held, release = threading.Event(), threading.Event()
        def hold():
            with CACHE.lock:
                held.set()
                release.wait()
        thread = threading.Thread(target=hold)
        thread.start()
        held.wait()
    """) + CHILD_RUNS + "release.set()\nthread.join()\n"
    assert "child exit 0" in run(program, tmp_path), "the forked child waited on the lock its parent's thread held"


def test_threads_importing_symopt_at_once_do_not_deadlock(tmp_path):
    """Threads making first uses of symopt's lazy names while another imports its modules by path all finish (final36
    F36-1: a lock held around every lazy import, for forks, deadlocked against Python's own per-module import locks;
    it was removed, so a fork while another thread is half-way through a first import may wait: docs/api.md)."""
    program = textwrap.dedent("""
        import random, threading, symopt
        names = ["minimize", "compile", "derive", "hessian", "Adam", "graph", "explain", "evaluate_in_batches"]
        def compat():
            import symopt.compat.v1 as tf
            tf.placeholder, tf.train.AdamOptimizer, tf.nn.relu
        def direct():
            import symopt.compat.v1.train, symopt.display.derivation, symopt.training_run
        threads = [threading.Thread(target=getattr, args=(symopt, n)) for n in names]
        threads += [threading.Thread(target=compat), threading.Thread(target=direct)]
        random.shuffle(threads)
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        print("child exit 0")
    """)
    assert "child exit 0" in run(program, tmp_path)
