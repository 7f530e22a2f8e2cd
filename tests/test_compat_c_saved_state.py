"""The stateful-RNN idiom (Udacity's 6_lstm, PTB-style truncated backpropagation): the state carried between runs in
variables assigned under ``tf.control_dependencies`` beside the loss (b-probe B17), and a session made with
``tf.Session(graph=graph)`` making that graph the default one (B16, every Udacity assignment).

Both assignments store values computed from the old state, and the loss, its fetched gradient and the training
step's gradient all read the state the loss was computed from.  (TF1's gradient ops read the variable's buffer,
which an assignment may or may not have replaced by then: TF 2.21 gives either value from one program to the next;
symopt gives the gradient of the loss it computed.)

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
from sympy import MatAdd

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_two_state_assignments_both_read_the_old_state():
    saved_output, saved_state = tf.Variable([[0.5]], trainable=False), tf.Variable([[1.0]], trainable=False)
    W = tf.Variable([[2.0]])
    output = tf.matmul(saved_output, W) + saved_state
    state = saved_state * 0.5 + output
    with tf.control_dependencies([saved_output.assign(output), saved_state.assign(state)]):
        loss = tf.reduce_sum(tf.square(state))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert [sess.run(loss), sess.run(loss)] == [6.25, 60.0625]  # TF 2.21 tf.compat.v1
        assert [v.tolist() for v in sess.run([saved_output, saved_state])] == [[[6.5]], [[7.75]]]  # TF 2.21


def test_the_gradient_and_the_step_read_the_state_the_loss_read():
    saved = tf.Variable(np.float32([[1.0, 2.0]]), trainable=False)
    W = tf.Variable(np.float32([[0.5], [-1.0]]))
    out = tf.matmul(saved, W)
    new = tf.tanh(out) * tf.ones([1, 2]) + 3.0
    with tf.control_dependencies([saved.assign(new)]):
        loss = tf.reduce_sum(tf.square(out))
    gradient = tf.gradients(loss, W)[0]
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        value, at = sess.run([gradient, loss])
        assert value.ravel().tolist() == [-3.0, -6.0] and at == 2.25  # TF 2.21 tf.compat.v1 (b-probe's b55_alias)
        np.testing.assert_allclose(sess.run([gradient, loss])[0].ravel(), [-4.388404, -4.388404], rtol=1e-6)
        sess.run(tf.global_variables_initializer())
        sess.run(train)  # 2 * out * saved with the old saved [1, 2]: W - 0.1 * [-3, -6]
        np.testing.assert_allclose(sess.run(W).ravel(), [0.8, -0.4], rtol=1e-6)


def test_a_session_of_a_graph_makes_it_the_default_one(monkeypatch):
    calls = []
    original = MatAdd.doit
    monkeypatch.setattr(MatAdd, "doit", lambda self, **hints: calls.append(1) or original(self, **hints))
    graph = tf.Graph()
    with graph.as_default():
        x, y = tf.placeholder(tf.float32, shape=(4, 3)), tf.placeholder(tf.float32, shape=(4, 2))
        weights = tf.Variable(tf.constant(np.full((3, 2), 0.1, np.float32)))
        logits = tf.matmul(x, weights)
        loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=logits))
        optimizer = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    with tf.Session(graph=graph) as session:
        tf.global_variables_initializer().run()  # made in graph, as TF1's
        assert tf.get_default_graph() is graph and tf.global_variables() == [weights]
        tf.train.Saver()  # finds the graph's variables (it raised TF1's "No variables to save")
        feed = {x: np.eye(4, 3, dtype=np.float32), y: np.float32([[1, 0], [0, 1], [1, 0], [0, 0]])}
        assert session.run([optimizer, loss], feed)[1] > 0
    assert tf.get_default_graph() is not graph and calls == []  # the cross-entropy builds without SymPy's doit
    other = tf.Graph()
    with other.as_default():
        b = tf.Variable(3.0) * 2.0
    sess = tf.InteractiveSession(graph=other)
    tf.global_variables_initializer().run()
    assert b.eval() == 6.0 and tf.get_default_graph() is other  # TF 2.21 tf.compat.v1
    sess.close()
    assert tf.get_default_graph() is not other
