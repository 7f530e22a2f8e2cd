"""F44b-12: what another thread builds while this thread is inside a ``tf.cond`` branch function is none of the
branch's ops (fix70 marked every op made meanwhile as the branch's: B's ``assign_add`` ran only where A's predicate
was true).  Oracle: TF 2.21 ``tf.compat.v1`` graph mode, review final44b s/condthr.py: counter 2.0, cond 1.0."""

import threading

import symopt.compat.v1 as tf


def test_an_op_another_thread_builds_during_a_branch_runs_unconditionally():
    graph = tf.Graph()
    with graph.as_default():
        p = tf.placeholder_with_default(False, [])
        counter = tf.Variable(0.0, name="counter")
        x = tf.Variable(1.0, name="x")
    inside, done, built = threading.Event(), threading.Event(), {}

    def builds_a_cond():
        with graph.as_default():
            def true_fn():
                inside.set()
                done.wait(10)
                return tf.identity(x) * 2.0
            built["cond"] = tf.cond(p, true_fn, lambda: tf.identity(x))

    def builds_an_update():
        inside.wait(10)
        with graph.as_default():
            built["update"] = tf.assign_add(counter, 1.0)
        done.set()

    threads = [threading.Thread(target=builds_a_cond), threading.Thread(target=builds_an_update)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with graph.as_default(), tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(built["update"])
        sess.run(built["update"])
        assert sess.run(counter) == 2.0  # TF 2.21: 2.0
        assert sess.run(built["cond"]) == 1.0  # TF 2.21: 1.0
