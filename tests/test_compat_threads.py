"""TF1's default graph and default session are per thread (probe34 P34-5): request threads of a server that each build
and run their own graph with ``with tf.Graph().as_default():`` and ``with tf.Session():`` do not see each other's,
and each gets the numbers a single thread gets.  The graph outside every ``as_default`` block is the process's, as in
TF1.  The threads meet at a barrier after making their variables, so their graph building interleaves."""

import threading

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

THREADS = 4


def _lecture(start: float, barrier=None) -> float:
    with tf.Graph().as_default() as graph:
        w = tf.Variable(start, name="w")
        if barrier is not None:
            barrier.wait()
        x = tf.placeholder(tf.float32, [3, 1])
        train = tf.train.GradientDescentOptimizer(0.01).minimize(x[0][0] * w ** 2 + x[1][0] * w + x[2][0])
        assert tf.get_default_graph() is graph and train.graph is graph
        with tf.Session() as sess:
            assert tf.get_default_session() is sess
            sess.run(tf.global_variables_initializer())
            for _ in range(50):
                sess.run(train, {x: [[1.0], [-10.0], [25.0]]})
            return float(sess.run(w))


def test_threads_building_their_own_graphs_get_the_single_threaded_numbers():
    alone = [_lecture(float(i)) for i in range(THREADS)]
    results, errors = {}, {}
    barrier = threading.Barrier(THREADS)

    def job(i):
        try:
            results[i] = _lecture(float(i), barrier)
        except Exception as error:  # reported below
            errors[i] = repr(error)
    threads = [threading.Thread(target=job, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == {} and [results[i] for i in range(THREADS)] == alone


def test_one_thread_agrees_with_the_hand_loop():
    w = np.float32(0.0)
    for _ in range(50):
        w = w - np.float32(0.01) * (np.float32(2.0) * w - np.float32(10.0))
    assert _lecture(0.0) == w


def test_a_default_session_and_an_open_graph_belong_to_their_thread():
    graph, seen = tf.Graph(), {}
    entered, release = threading.Event(), threading.Event()

    def holder():
        with graph.as_default(), tf.Session() as sess:
            seen["inside"] = (tf.get_default_graph() is graph, tf.get_default_session() is sess)
            entered.set()
            release.wait()
    thread = threading.Thread(target=holder)
    thread.start()
    entered.wait()
    try:
        assert seen["inside"] == (True, True)
        assert tf.get_default_graph() is not graph and tf.get_default_session() is None
        tf.reset_default_graph()  # no block open in this thread: allowed, as TF1
    finally:
        release.set()
        thread.join()


def test_a_new_thread_has_its_own_default_graph():
    """As TF 2.21: a thread does not see the graph the main thread built outside a block, and its
    ``tf.reset_default_graph()`` leaves the main thread's alone (final36 F36-7)."""
    main = tf.get_default_graph()
    tf.constant(1.0)
    seen = {}

    def job():
        seen["same"] = tf.get_default_graph() is main
        tf.reset_default_graph()
    thread = threading.Thread(target=job)
    thread.start()
    thread.join()
    assert seen == {"same": False} and tf.get_default_graph() is main
