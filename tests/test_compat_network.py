"""A complete TF1-style program: a 2-hidden-layer ReLU/softmax network trained with Adam on mini-batches."""

import numpy as np
import pytest

import symopt.compat.v1 as tf

CENTERS = np.array([[0.0, 3.0], [3.0, -2.0], [-3.0, -2.0]])


def blobs(n: int, seed: int):
    """Three Gaussian blobs in the plane, labels one-hot."""
    rng = np.random.default_rng(seed)
    classes = rng.integers(0, 3, n)
    x = CENTERS[classes] + rng.normal(size=(n, 2))
    return x.astype(np.float32), np.eye(3, dtype=np.float32)[classes]


def network(hidden: int = 32):
    """The course's exercise: placeholders, get_variable, relu, softmax cross-entropy, Adam, accuracy."""
    tf.reset_default_graph()
    tf.set_random_seed(1)
    X = tf.placeholder(tf.float32, [None, 2], name="X")
    Y = tf.placeholder(tf.float32, [None, 3], name="Y")
    W1 = tf.get_variable("W1", [2, hidden], initializer=tf.glorot_uniform_initializer())
    b1 = tf.get_variable("b1", [hidden], initializer=tf.zeros_initializer())
    W2 = tf.get_variable("W2", [hidden, hidden], initializer=tf.glorot_normal_initializer())
    b2 = tf.get_variable("b2", [hidden], initializer=tf.zeros_initializer())
    W3 = tf.get_variable("W3", [hidden, 3])
    b3 = tf.get_variable("b3", [3], initializer=tf.zeros_initializer())
    A1 = tf.nn.relu(tf.matmul(X, W1) + b1)
    A2 = tf.nn.relu(tf.matmul(A1, W2) + b2)
    logits = tf.matmul(A2, W3) + b3
    cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=Y, logits=logits))
    train = tf.train.AdamOptimizer(learning_rate=0.01).minimize(cost)
    correct = tf.equal(tf.argmax(logits, 1), tf.argmax(Y, 1))
    accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))
    return X, Y, cost, train, accuracy


def test_mini_batch_training_reaches_high_accuracy():
    X, Y, cost, train, accuracy = network()
    x_train, y_train = blobs(1024, seed=0)
    x_test, y_test = blobs(500, seed=1)
    rng = np.random.default_rng(0)
    costs = []
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        before = accuracy.eval({X: x_test, Y: y_test})
        for epoch in range(5):
            order = rng.permutation(len(x_train))
            for start in range(0, len(x_train), 64):
                batch = order[start:start + 64]
                _, batch_cost = session.run([train, cost], feed_dict={X: x_train[batch], Y: y_train[batch]})
                costs.append(batch_cost)
        train_accuracy = accuracy.eval({X: x_train, Y: y_train})
        test_accuracy = accuracy.eval({X: x_test, Y: y_test})
    assert isinstance(test_accuracy, np.float32) and isinstance(costs[0], np.float32)
    assert test_accuracy > 0.9 and train_accuracy > 0.9
    assert np.mean(costs[-10:]) < 0.5 * np.mean(costs[:10])
    assert before < test_accuracy


def test_the_same_seed_trains_to_the_same_weights():
    def train_once():
        X, Y, cost, train, _ = network(hidden=8)
        x, y = blobs(128, seed=2)
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            for start in range(0, 128, 32):
                session.run(train, feed_dict={X: x[start:start + 32], Y: y[start:start + 32]})
            return session.run(cost, {X: x, Y: y})

    assert train_once() == train_once()


def test_feeding_errors_are_tf1s():
    X, Y, cost, train, accuracy = network(hidden=4)
    x, y = blobs(10, seed=3)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match=r"You must feed a value for placeholder tensor 'Y' with dtype float and shape \[\?,3\]"):
            session.run(train, feed_dict={X: x})
        with pytest.raises(tf.errors.InvalidArgumentError, match="You must feed a value for placeholder tensor 'X'"):
            accuracy.eval({Y: y})
        with pytest.raises(ValueError, match=r"Cannot feed value of shape \(10, 3\) for Tensor X:0, which has shape "
                                             r"\(\?, 2\)"):
            session.run(train, feed_dict={X: y, Y: y})
        with pytest.raises(ValueError, match=r"Cannot feed value of shape \(10,\) for Tensor Y:0"):
            session.run(cost, feed_dict={X: x, Y: y[:, 0]})
        with pytest.raises(tf.errors.InvalidArgumentError, match="Incompatible batch sizes"):
            session.run(train, feed_dict={X: x, Y: y[:5]})
