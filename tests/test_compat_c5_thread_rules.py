"""TF1's kernel gradients (``SqrtGrad``, ``FloorMod``) are used while the TF1 layer differentiates, in that thread
only: another thread differentiating at the same time keeps the core's rules, and a thread leaving the block does
not take the rules from one still inside (the old design swapped entries of the shared ``ADJOINT_RULES`` table)."""

import threading

import sympy

import symopt
from symopt.calculus import adjoints
from symopt.compat.v1.floor_mod import floor_mod, floor_mod_rules
from symopt.compat.v1.output_gradients import output_gradient_rules
from symopt.nodes import elementwise
from symopt.stable import Select


def _capture(work, outcome: dict) -> None:
    """Run ``work()`` (a thread's target), keeping its result or exception in ``outcome``."""
    try:
        outcome["value"] = work()
    except Exception as error:  # noqa: BLE001 - handed to the test
        outcome["error"] = error


def _in_thread(work) -> dict:
    """``work()``'s outcome in a new thread, which is joined."""
    outcome = {}
    thread = threading.Thread(target=_capture, args=(work, outcome))
    thread.start()
    thread.join()
    return outcome


def test_another_thread_keeps_the_cores_square_root_rule():
    X = symopt.Variable("X", 1.0, shape=(2, 2))
    mask = symopt.Placeholder("M", (2, 2))  # an incoming gradient that may be 0 (a sum's, 1, needs no choice)
    cost = symopt.ops.sum(symopt.ops.hadamard(mask, elementwise(sympy.sqrt, X)))
    with output_gradient_rules():
        inside = adjoints(cost, [X])[X]
        outside = _in_thread(lambda: adjoints(cost, [X])[X])
    assert inside.has(Select)  # TF1's SqrtGrad: 0 where the incoming gradient is 0
    assert "error" not in outside and not outside["value"].has(Select)  # the core's 1 / (2 sqrt(x))


def test_a_thread_leaving_the_block_leaves_the_rules_of_another_inside():
    x, y = sympy.symbols("x y", real=True)
    entered, left = threading.Event(), threading.Event()

    def other():
        with floor_mod_rules():
            entered.set()
            left.wait(10)
            return adjoints(floor_mod(x, y), [x, y])
    outcome = {}
    thread = threading.Thread(target=_capture, args=(other, outcome))
    with floor_mod_rules():
        thread.start()
        entered.wait(10)
    left.set()  # this thread has left its block; the other is still inside its own
    thread.join()
    assert "error" not in outcome, outcome.get("error")
    assert outcome["value"] == {x: 1, y: -sympy.floor(x / y)}
