"""probe83 P83-7: a KeyboardInterrupt that lands anywhere while a training step stores its results leaves the
session wholly before or wholly after the step (variables, Adam's slots and beta powers, global_step), as TF1's step
runs whole inside one C++ Session.run.  The interrupt is raised at each Python line and call the store reaches, in
turn (sys.settrace), which is where CPython delivers a SIGINT.  Oracle: TF 2.21 ``tf.compat.v1`` values after 3 and
4 Adam steps of the same program (w, b, global_step, m of w, v of b, beta1_power)."""

import sys

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.train_operation import TrainOperation

TF_STEPS = {3: (0.29978567, 0.29961744, 3, -2.652012, 0.100895405, 0.6560999),
            4: (0.39949098, 0.39908513, 4, -3.326854, 0.1299624, 0.5904899)}


def three_steps():
    tf.reset_default_graph()
    w, b = tf.Variable(0.0), tf.Variable(0.0)
    step = tf.train.get_or_create_global_step()
    optimizer = tf.train.AdamOptimizer(0.1)
    train = optimizer.minimize((w - 5.0) ** 2 + (b - 3.0) ** 2, global_step=step)
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    for _ in range(3):
        session.run(train)
    beta1_power = next(v for v in optimizer.variables() if "beta1_power" in v.name)
    state = [w, b, step, optimizer.get_slot(w, "m"), optimizer.get_slot(b, "v"), beta1_power]
    return session, train, state


def interrupting_at(event_number: int):
    """A tracer that raises KeyboardInterrupt at the ``event_number``-th line or call event inside ``store``."""
    count = [0]

    def inside(frame, event, arg):
        if event in ("line", "call"):
            count[0] += 1
            if count[0] == event_number:
                sys.settrace(None)
                raise KeyboardInterrupt
        return inside

    def outside(frame, event, arg):
        return inside(frame, event, arg) if frame.f_code is TrainOperation.store.__code__ else None

    def nested(frame, event, arg):  # frames called from store are traced too (call events)
        caller = frame
        while caller is not None:
            if caller.f_code is TrainOperation.store.__code__:
                return inside(frame, event, arg)
            caller = caller.f_back
        return None
    return nested, count


def test_an_interrupt_anywhere_in_the_store_leaves_a_whole_step():
    outcomes = set()
    for event_number in range(1, 200):
        session, train, state = three_steps()
        tracer, count = interrupting_at(event_number)
        sys.settrace(tracer)
        try:
            session.run(train)
            interrupted = False
        except KeyboardInterrupt:
            interrupted = True
        finally:
            sys.settrace(None)
        values = tuple(np.asarray(session.run(state)).tolist())
        matches = [n for n, expected in TF_STEPS.items() if np.allclose(values, expected, rtol=2e-7, atol=0)]
        assert matches, (event_number, values)  # never half a step
        outcomes.add(matches[0])
        if not interrupted:
            break
    assert outcomes == {3, 4} and event_number > 2  # interrupts landed before the store took effect, then after
