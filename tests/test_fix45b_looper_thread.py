"""``tf.train.LooperThread`` and ``coord.loop`` (fix45b finding 3).

Expected behaviour: TensorFlow 2.21's ``tf.compat.v1.train.LooperThread`` run on the same program: a timer looper
calling ``target("a", scale=2)`` that requests a stop at its 5th call has made exactly 5 calls when ``coord.join()``
returns, is a daemon and has ended; back to back (``None``) the same; a target raising ``ValueError("bad tick")`` makes
``coord.join()`` raise it; a subclass runs ``start_loop``, ``run_loop``, ``stop_loop`` in that order; a non-Coordinator
or ``args`` without ``target`` is TF's ``ValueError``.  (``coord.loop`` is TF 1.x's spelling; TF 2.21 lacks it.)
"""

import pytest

import symopt.compat.v1 as tf


def _ticker(coord, calls):
    def tick(tag, scale=1):
        calls.append((tag, scale))
        if len(calls) == 5:
            coord.request_stop()
    return tick


@pytest.mark.parametrize("interval", [0.001, None])
@pytest.mark.parametrize("start", ["LooperThread.loop", "coord.loop"])
def test_loops_until_a_stop_is_requested(interval, start):
    coord, calls = tf.train.Coordinator(), []
    tick = _ticker(coord, calls)
    if start == "coord.loop":
        looper = coord.loop(interval, tick, args=("a",), kwargs={"scale": 2})
    else:
        looper = tf.train.LooperThread.loop(coord, interval, tick, args=("a",), kwargs={"scale": 2})
    coord.join()
    assert calls == [("a", 2)] * 5
    assert looper.daemon and not looper.is_alive()


def test_an_exception_reaches_join():
    coord = tf.train.Coordinator()

    def boom():
        raise ValueError("bad tick")

    tf.train.LooperThread.loop(coord, 0.001, boom)
    with pytest.raises(ValueError, match="bad tick"):
        coord.join()


def test_a_subclass_runs_its_hooks_in_order():
    coord, calls = tf.train.Coordinator(), []

    class Looper(tf.train.LooperThread):
        def start_loop(self):
            calls.append("start")

        def run_loop(self):
            calls.append("run")
            coord.request_stop()

        def stop_loop(self):
            calls.append("stop")

    Looper(coord, None).start()
    coord.join()
    assert calls == ["start", "run", "stop"]


def test_bad_arguments_are_tf1s_value_errors():
    with pytest.raises(ValueError, match="'coord' argument must be a Coordinator"):
        tf.train.LooperThread("not a coordinator", 1.0)
    with pytest.raises(ValueError, match="'args' and 'kwargs' argument require that you also pass 'target'"):
        tf.train.LooperThread(tf.train.Coordinator(), 1.0, args=(1,))
