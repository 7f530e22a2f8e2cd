"""P71-4: name scopes, variable scopes (their counts and the root scope's reuse) and control dependencies are
each thread's own, as TF1 keeps them (``Graph._thread_local``, the thread-local ``_VariableScopeStore``): one
thread's open ``with`` blocks never reach what another thread builds in the same graph.

Oracle: TF 2.21 ``tf.compat.v1`` (graph mode) running these programs (probe71's ``t28_scope_threads.py``):
A's op ``scopeA/vsA/a:0``; B's ``c:0``, ``v:0``, ``d:0``; the counter after running B's ``d`` twice ``0.0``;
B's ``tf.variable_scope(None, default_name="block")`` while A has its own open: ``block/w:0``, and B's root
scope does not reuse after A's ``tf.get_variable_scope().reuse_variables()``.
"""

import threading

import symopt.compat.v1 as tf


def run_interleaved(first, second):
    """Run ``first(wait)`` in one thread and ``second()`` in another while ``first`` is inside its blocks:
    ``first`` calls ``wait()`` there."""
    inside, done = threading.Event(), threading.Event()

    def waiting():
        inside.set()
        assert done.wait(10)

    def then():
        assert inside.wait(10)
        try:
            second()
        finally:
            done.set()

    threads = [threading.Thread(target=first, args=(waiting,)), threading.Thread(target=then)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_another_threads_scopes_and_control_inputs_do_not_leak():
    graph = tf.Graph()
    with graph.as_default():
        counter = tf.Variable(0.0, name="counter")
        bump = tf.assign_add(counter, 1.0)
    names = {}

    def builds_in_scopes(wait):
        with graph.as_default(), tf.name_scope("scopeA"), tf.variable_scope("vsA"), tf.control_dependencies([bump]):
            wait()
            names["A"] = tf.identity(tf.constant(1.0), name="a").name

    def builds_at_the_top():
        with graph.as_default():
            c = tf.constant(2.0, name="c")
            v = tf.get_variable("v", shape=[], initializer=tf.zeros_initializer())
            names["d"] = tf.add(c, 1.0, name="d")
            names["B"] = (c.name, v.name, names["d"].name)

    run_interleaved(builds_in_scopes, builds_at_the_top)
    assert names["A"] == "scopeA/vsA/a:0"
    assert names["B"] == ("c:0", "v:0", "d:0")
    with graph.as_default(), tf.Session() as session:
        session.run(tf.global_variables_initializer())
        session.run(names["d"])
        session.run(names["d"])
        assert session.run(counter) == 0.0


def test_scope_counts_and_root_reuse_are_per_thread():
    graph = tf.Graph()
    seen = {}

    def opens_a_block(wait):
        with graph.as_default():
            tf.get_variable_scope().reuse_variables()
            with tf.variable_scope(None, default_name="block"):
                wait()

    def opens_its_own_block():
        with graph.as_default():
            with tf.variable_scope(None, default_name="block"):
                seen["w"] = tf.get_variable("w", [1]).name
            seen["reuse"] = tf.get_variable_scope().reuse

    run_interleaved(opens_a_block, opens_its_own_block)
    assert seen == {"w": "block/w:0", "reuse": False}
