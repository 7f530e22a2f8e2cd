"""Names the o-compat helper asked for in shared compat files: tf.nn.embedding_lookup, GraphKeys.LOCAL_VARIABLES and
Graph.control_dependencies (values from TF 2.21 tf.compat.v1, graph mode)."""

import numpy as np

import symopt.compat.v1 as tf


def test_embedding_lookup_trains_the_rows_it_reads():
    tf.reset_default_graph()
    embeddings = tf.Variable(np.float32([[1, 2], [3, 4], [5, 6]]))
    ids = tf.placeholder(tf.int32, [None])
    loss = tf.reduce_sum(tf.square(tf.nn.embedding_lookup(embeddings, ids)))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    session.run(train, {ids: [0, 2, 0]})
    # TF 2.21 compat.v1: [[0.6000000238418579, 1.2000000476837158], [3.0, 4.0], [4.0, 4.800000190734863]]
    assert session.run(embeddings).tolist() == [[np.float32(0.6), np.float32(1.2)], [3.0, 4.0],
                                                [4.0, np.float32(4.8)]]


def test_graph_control_dependencies_and_the_local_variables_key():
    graph = tf.Graph()
    with graph.as_default():
        v = tf.Variable(1.0)
        increment = tf.assign_add(v, 1.0)
        with graph.control_dependencies([increment]):
            doubled = tf.identity(v) * 2
        session = tf.Session(graph=graph)
        session.run(tf.global_variables_initializer())
        assert (session.run(doubled), session.run(v)) == (4.0, 2.0)  # TF 2.21 compat.v1: 4.0 2.0
    assert tf.GraphKeys.LOCAL_VARIABLES == "local_variables"


def test_add_n_of_hundreds_of_tensors():
    """The L2 idiom over 300 variables (a raw RecursionError at about 250: each partial sum was held whole)."""
    tf.reset_default_graph()
    variables = [tf.Variable(np.float32([1.0, 2.0])) for _ in range(300)]
    penalty = tf.add_n([tf.reduce_sum(tf.square(v)) for v in variables])
    total = tf.add_n(variables)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(penalty)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        assert session.run(penalty) == 1500.0 and session.run(total).tolist() == [300.0, 600.0]
        session.run(train)
        assert session.run(variables[0]).tolist() == [np.float32(0.8), np.float32(1.6)]  # v - 0.1 * 2v


def test_a_group_of_streaming_metric_updates_updates_them():
    """tf.group of two metric update tensors (a silent 0.0 before: the group discarded tensors)."""
    tf.reset_default_graph()
    labels = tf.placeholder(tf.int64, [None])
    logits = tf.placeholder(tf.float32, [None, 3])
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
    accuracy, accuracy_update = tf.metrics.accuracy(labels, tf.argmax(logits, 1))
    mean_loss, mean_loss_update = tf.metrics.mean(loss)
    update = tf.group(accuracy_update, mean_loss_update)
    with tf.Session() as session:
        session.run(tf.local_variables_initializer())
        for batch_labels, batch_logits in [([0, 1, 2], [[1, 0, 0], [0, 1, 0], [1, 0, 0]]),
                                           ([2, 2], [[0, 0, 1], [0, 1, 0]])]:
            assert session.run(update, {labels: batch_labels, logits: batch_logits}) is None
        # TF 2.21 compat.v1: accuracy 0.6, mean loss 0.96811134
        assert session.run(accuracy) == np.float32(0.6) and session.run(mean_loss) == np.float32(0.96811134)


def test_two_streaming_means_each_need_only_their_own_feed():
    """A train metric and a validation metric: running the second's update needed the first's placeholder (the
    count of examples read the batch size from the first batch placeholder of the graph, not the one fed)."""
    tf.reset_default_graph()
    train_values, validation_values = tf.placeholder(tf.float32, [None]), tf.placeholder(tf.float32, [None])
    train_mean, train_update = tf.metrics.mean(train_values)
    validation_mean, validation_update = tf.metrics.mean(validation_values)
    with tf.Session() as session:
        session.run(tf.local_variables_initializer())
        session.run(validation_update, {validation_values: [4.0]})
        assert session.run([train_mean, validation_mean]) == [0.0, 4.0]  # TF 2.21 compat.v1: [0.0, 4.0]
        session.run(train_update, {train_values: [1.0, 2.0]})
        assert session.run([train_mean, validation_mean]) == [1.5, 4.0]
