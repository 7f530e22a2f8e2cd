"""``tf.train.Coordinator``: TF1's coordination of a program's own threads (TF1 guide, "Threading and Queues").

Worker threads loop ``while not coord.should_stop()``; one that fails records its exception
(``coord.request_stop(e)``, or a ``with coord.stop_on_exception():`` block), which stops the others; the main
thread's ``coord.join(threads)`` waits for them all and re-raises the first recorded exception there
(probe71 P71-3). An exception of ``clean_stop_exception_types`` (``tf.errors.OutOfRangeError`` by default: the
end of the data) stops the threads without being re-raised. symopt starts no queue-runner threads of its own:
``join`` waits for the threads it is given and those registered with :meth:`Coordinator.register_thread` (a
:class:`LooperThread` registers itself).

``tf.train.LooperThread`` is a daemon thread that calls a function over and over, back to back or every
``timer_interval_secs`` seconds, until its coordinator is asked to stop; an exception it raises is reported to the
coordinator (which stops the other threads; ``coord.join`` re-raises it), and the thread ends.
``LooperThread.loop(coord, secs, target)`` (TF1's ``coord.loop(secs, target)``) makes one and starts it.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time

from ...errors import ConfigurationError
from .errors import OutOfRangeError

__all__ = ["Coordinator", "LooperThread"]

#: How often ``join`` looks whether its threads ended or a stop was requested, in seconds.
POLL_SECONDS = 0.005


class Coordinator:
    """``tf.train.Coordinator``: a stop flag shared by a program's threads, and the first exception one of them
    reported, which :meth:`join` re-raises in the joining thread."""

    def __init__(self, clean_stop_exception_types=None):
        self.clean_stop_exception_types = tuple((OutOfRangeError,) if clean_stop_exception_types is None
                                                else clean_stop_exception_types)
        self.lock = threading.Lock()
        self.stop_event = threading.Event()
        self.reported = None  # (type, value, traceback) of the first exception reported
        self.registered_threads: set = set()
        self._joined = False

    @property
    def joined(self) -> bool:
        """Whether :meth:`join` has returned (or raised) since the last :meth:`clear_stop`."""
        return self._joined

    def should_stop(self) -> bool:
        return self.stop_event.is_set()

    def wait_for_stop(self, timeout=None) -> bool:
        """Wait until a stop is requested (at most ``timeout`` seconds); whether it was."""
        return self.stop_event.wait(timeout)

    def request_stop(self, ex=None) -> None:
        """Ask every thread to stop; ``ex`` (an exception, or ``sys.exc_info()``'s tuple) is recorded for
        :meth:`join` to re-raise, unless one was recorded before or it is a clean stop. After :meth:`join` nobody
        would see it, so it is raised here, as TF1 does."""
        report = self._report_of(ex)
        with self.lock:
            if self._joined and report is not None:
                raise report[1].with_traceback(report[2])
            if not self.stop_event.is_set():
                if report is not None and self.reported is None:
                    self.reported = report
                self.stop_event.set()

    def _report_of(self, ex):
        """``(type, value, traceback)`` of ``ex``; None for no exception or a clean stop (end of the data)."""
        if ex is None:
            return None
        if isinstance(ex, tuple) and (len(ex) != 3 or not isinstance(ex[1], BaseException)):
            raise ConfigurationError(  # TF1's ValueError, before anything is recorded (review final44b F44b-3)
                f"ex must be a tuple or sys.exc_info must return the current exception: {ex!r} (request_stop takes "
                "an exception, or sys.exc_info() inside an except block; call request_stop() for a clean stop)")
        report = ex if isinstance(ex, tuple) else (type(ex), ex, ex.__traceback__ or sys.exc_info()[2])
        return None if isinstance(report[1], self.clean_stop_exception_types) else report

    def clear_stop(self) -> None:
        """Forget the stop request and the recorded exception, for a new round of threads."""
        with self.lock:
            self._joined = False
            self.reported = None
            self.stop_event.clear()

    @contextlib.contextmanager
    def stop_on_exception(self):
        """``with coord.stop_on_exception():`` in a worker: an exception raised in the block is recorded
        (:meth:`request_stop`) and does not propagate; the thread goes on after the block."""
        try:
            yield
        except BaseException:  # noqa: BLE001 - TF1 records any exception, KeyboardInterrupt included
            self.request_stop(sys.exc_info())

    def register_thread(self, thread: threading.Thread) -> None:
        """Have every later :meth:`join` wait for ``thread`` too."""
        with self.lock:
            self.registered_threads.add(thread)

    def loop(self, timer_interval_secs, target, args=None, kwargs=None):
        """TF1's ``coord.loop``: a started ``tf.train.LooperThread`` calling ``target(*args, **kwargs)`` every
        ``timer_interval_secs`` seconds (back to back for None) until a stop is requested (TensorFlow 2.21's
        ``tf.compat.v1`` spells it ``tf.train.LooperThread.loop(coord, ...)``)."""
        return LooperThread.loop(self, timer_interval_secs, target, args=args, kwargs=kwargs)

    def raise_requested_exception(self) -> None:
        """Re-raise the recorded exception, if there is one."""
        with self.lock:
            if self.reported is not None:
                raise self.reported[1].with_traceback(self.reported[2])

    def join(self, threads=None, stop_grace_period_secs=120, ignore_live_threads=False) -> None:
        """Wait until every thread of ``threads`` (and the registered ones) has ended or a stop is requested;
        then give them ``stop_grace_period_secs`` seconds to end; re-raise the first exception a thread reported,
        else TF1's ``RuntimeError`` naming the threads still running (unless ``ignore_live_threads``)."""
        with self.lock:
            threads = list(self.registered_threads.union(threads or ()))
        while any(thread.is_alive() for thread in threads) and not self.wait_for_stop(POLL_SECONDS):
            pass
        deadline = time.monotonic() + stop_grace_period_secs
        for thread in threads:
            thread.join(max(deadline - time.monotonic(), 0.0))
        stragglers = [thread.name for thread in threads if thread.is_alive()]
        with self.lock:
            self._joined = True
            self.registered_threads = set()
            if self.reported is not None:
                raise self.reported[1].with_traceback(self.reported[2])
            if stragglers and not ignore_live_threads:
                raise RuntimeError(f"Coordinator stopped with threads still running: {' '.join(stragglers)}. (each "
                                   f"worker should end soon after coord.should_stop() becomes True: test it in its "
                                   f"loop, give join a longer stop_grace_period_secs, or ignore_live_threads=True)")


class LooperThread(threading.Thread):
    """TF1's ``tf.train.LooperThread(coord, timer_interval_secs, target=None, args=None, kwargs=None)``: registered
    with ``coord`` when made, so ``coord.join()`` waits for it; :meth:`run_loop` (``target(*args, **kwargs)``, or a
    subclass's own) runs between :meth:`start_loop` and :meth:`stop_loop`."""

    def __init__(self, coord, timer_interval_secs, target=None, args=None, kwargs=None):
        if not isinstance(coord, Coordinator):
            raise ConfigurationError(f"'coord' argument must be a Coordinator: {coord!r} (make one with "
                                     "tf.train.Coordinator() and pass it first)")
        if target is None and (args or kwargs):
            raise ConfigurationError("'args' and 'kwargs' argument require that you also pass 'target' (or subclass "
                                     "LooperThread and override run_loop)")
        super().__init__(daemon=True)
        self.coord = coord
        self.timer_interval_secs = timer_interval_secs
        self.loop_target = target
        self.loop_args = tuple(args or ())
        self.loop_kwargs = dict(kwargs or {})
        coord.register_thread(self)

    @staticmethod
    def loop(coord, timer_interval_secs, target, args=None, kwargs=None) -> LooperThread:
        """A started :class:`LooperThread` calling ``target(*args, **kwargs)`` every ``timer_interval_secs``
        seconds (back to back for None) until ``coord`` is asked to stop."""
        looper = LooperThread(coord, timer_interval_secs, target=target, args=args, kwargs=kwargs)
        looper.start()
        return looper

    def run(self) -> None:
        """Loop until a stop is requested: back to back, or at the times ``start + k * timer_interval_secs`` (a call
        that overruns its interval is followed by the next at once, as TF1's timer)."""
        with self.coord.stop_on_exception():
            self.start_loop()
            if self.timer_interval_secs is None:
                while not self.coord.should_stop():
                    self.run_loop()
            else:
                next_time = time.time()
                while not self.coord.wait_for_stop(max(next_time - time.time(), 0.0)):
                    next_time += self.timer_interval_secs
                    self.run_loop()
            self.stop_loop()

    def start_loop(self) -> None:
        """Called once when the thread starts."""

    def stop_loop(self) -> None:
        """Called once when the loop ends on a stop request."""

    def run_loop(self) -> None:
        """One turn of the loop: ``target(*args, **kwargs)``."""
        if self.loop_target is not None:
            self.loop_target(*self.loop_args, **self.loop_kwargs)
