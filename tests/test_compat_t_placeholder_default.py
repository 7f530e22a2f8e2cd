"""``tf.placeholder_with_default`` with a constant default is a placeholder of its own: feeding it changes only what
reads it (never an equal constant elsewhere in the graph), gradients treat it as an input, and a fed ``tf.bool`` one
works in a run that fetches a gradient or a training step (probe findings S2 and the ``w * 1.0`` collision).

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_feeding_a_default_changes_only_what_reads_it():
    w = tf.Variable(3.0)
    x = tf.placeholder_with_default(1.0, [])
    loss = w * 1.0 + x * w * w
    g = tf.gradients(loss, w)[0]
    gx = tf.gradients(loss, x)[0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        fed = sess.run([loss, g], {x: 2.0})
        unfed = sess.run([loss, g])
        wrt_x = [sess.run(gx), sess.run(gx, {x: 5.0})]
    assert fed == [21.0, 13.0]  # TF 2.21 tf.compat.v1 (the collision gave g = 8.0)
    assert unfed == [12.0, 7.0]  # TF 2.21 tf.compat.v1
    assert wrt_x == [9.0, 9.0]  # TF 2.21 tf.compat.v1
    assert (x.name, str(x.shape), x.dtype) == ("PlaceholderWithDefault:0", "()", tf.float32)


def test_a_fed_bool_default_in_a_gradient_and_a_training_run():
    w = tf.Variable([1.0, -0.5])
    training = tf.placeholder_with_default(False, shape=[], name="training")
    loss = tf.reduce_sum(w * w)
    scaled = tf.cond(training, lambda: loss * 10.0, lambda: loss)
    g = tf.gradients(loss, w)[0]
    gs = tf.gradients(scaled, w)[0]
    train = tf.train.GradientDescentOptimizer(0.1).minimize(scaled)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(sess.run(g, {training: True}), [2.0, -1.0])  # TF 2.21 tf.compat.v1
        np.testing.assert_array_equal(sess.run(gs, {training: True}), [20.0, -10.0])  # TF 2.21 tf.compat.v1
        np.testing.assert_array_equal(sess.run(gs), [2.0, -1.0])  # TF 2.21 tf.compat.v1
        assert sess.run([train, scaled], {training: True})[1] == np.float32(12.5)  # TF 2.21 tf.compat.v1
        np.testing.assert_array_equal(sess.run(w), np.float32([-1.0, 0.5]))  # TF 2.21 tf.compat.v1
        sess.run(train)
        np.testing.assert_array_equal(sess.run(w), np.float32([-0.8, 0.4]))  # TF 2.21 tf.compat.v1
    assert training.name == "training:0" and training.dtype == tf.bool


def test_a_vector_default_fed_and_unfed_in_a_training_loop():
    w = tf.Variable(3.0)
    v = tf.placeholder_with_default(np.array([1.0, 2.0], np.float32), [2])
    loss = tf.reduce_sum(v * w * w)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = [sess.run(loss), sess.run(loss, {v: [3.0, 4.0]})]
        steps = [sess.run([train, loss], {v: [0.5, 0.5]})[1], sess.run([train, loss])[1]]
        final = sess.run(w)
    assert values == [27.0, 63.0]  # TF 2.21 tf.compat.v1
    assert steps == [np.float32(9.0), np.float32(17.28)]  # TF 2.21 tf.compat.v1
    assert final == np.float32(0.96000004)  # TF 2.21 tf.compat.v1


def test_a_default_that_reads_a_variable_passes_its_gradient_through_as_tf1():
    w = tf.Variable(3.0)
    a = w * 2.0
    d = tf.placeholder_with_default(w * 2.0, [])
    g = tf.gradients(a * a + w, w)[0]  # SymPy folds a * a into 4 w**2: the fed a is nowhere in it
    g2 = tf.gradients(d * d + w, w)[0]
    b = tf.sin(w)
    g3 = tf.gradients(b * b + w, w)[0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        fed = [sess.run(g, {a: 1.5}), sess.run(g2, {d: 1.5}), sess.run(g3, {b: 0.5})]
        unfed = [sess.run(g), sess.run(g2), sess.run(g3)]
    # TF 2.21 tf.compat.v1: the gradient at the fed value (2 * 1.5) passed through d = 2w (symopt gave 25.0)
    assert fed == [np.float32(7.0), np.float32(7.0), np.float32(0.010007501)]
    assert unfed == [np.float32(25.0), np.float32(25.0), np.float32(0.7205845)]  # TF 2.21 tf.compat.v1


def test_a_fed_sigmoid_output_and_a_matrix_default_in_gradients_and_training():
    W = tf.Variable([[1.0, -2.0], [0.5, 1.5]])
    x = tf.placeholder(tf.float32, [2, 2])
    h = tf.matmul(x, W)
    a = tf.nn.sigmoid(h)
    d = tf.placeholder_with_default(h * 2.0, [2, 2])
    loss = tf.reduce_sum(a * a) + tf.reduce_sum(d * h)
    g = tf.gradients(loss, [W, h])
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    X = [[1.0, 2.0], [-1.0, 0.5]]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        fed_h = sess.run(g, {x: X, h: [[0.5, 1.0], [2.0, -1.0]]})
        fed_d = sess.run(g, {x: X, d: [[0.5, 1.0], [2.0, -1.0]]})
        sess.run(train, {x: X, a: [[0.5, 0.25], [0.75, 1.0]]})  # TF1's sigmoid gradient reads the fed output
        after_a = sess.run(W)
        sess.run(train, {x: X, d: [[0.5, 0.25], [0.75, 1.0]]})
        after_d = sess.run(W)
    # TF 2.21 tf.compat.v1 (float32; symopt's order of additions differs by up to 2 ulp)
    want = {"fed_h": [[[-5.89239501953125, 8.181715965270996], [8.67759895324707, 6.627816677093506]],
                      [[2.292560577392578, 4.287469863891602], [8.184955596923828, -3.8942458629608154]]],
            "fed_d": [[[4.045145034790039, -1.3186957836151123], [9.689817428588867, 8.878022193908691]],
                      [[4.684956073760986, 3.2874696254730225], [0.6398108005523682, 4.606165409088135]]],
            "after_a": [[-0.09687507152557373, -1.3093750476837158], [-1.014062523841858, 0.1312500238418579]],
            "after_d": [[0.2881879508495331, -0.734278678894043], [-0.2741782069206238, 0.27965497970581055]]}
    for got, name in [(fed_h, "fed_h"), (fed_d, "fed_d"), (after_a, "after_a"), (after_d, "after_d")]:
        np.testing.assert_allclose(np.array(got), np.float32(want[name]), rtol=3e-7, atol=0)
