"""probe11 U9, U10: ``tf.variable_scope(None, default_name="block")`` is ``block``, ``block_1``, ... and unnamed layers
(``tf.layers.dense``, ``tf.contrib.layers.fully_connected``) are numbered within their enclosing variable scope,
counted afresh once it is left, as TF1: a DQN's online and target networks both hold ``dense`` and ``dense_1``, a GAN's
discriminator built twice with ``reuse=True`` shares its variables.  Goldens: TF 2.21 ``tf.compat.v1``'s
``variable_scope(None, default_name=...)`` (what TF1's layers call)."""

import pytest

import symopt.compat.v1 as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def test_networks_built_under_two_scopes_have_the_same_layer_names():
    X = tf.placeholder(tf.float32, [None, 4])
    names = {}
    for network in ("q_networks/online", "q_networks/target"):
        with tf.variable_scope(network) as scope:
            tf.layers.dense(tf.layers.dense(X, 5, activation=tf.nn.relu), 3)
        names[network] = [v.name[len(scope.name):] for v in
                          tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope=scope.name)]
    assert names["q_networks/online"] == names["q_networks/target"] == [
        "/dense/kernel:0", "/dense/bias:0", "/dense_1/kernel:0", "/dense_1/bias:0"]
    with tf.variable_scope("other"):
        assert tf.layers.dense(X, 2).name == "other/dense/BiasAdd:0"


def test_a_discriminator_built_twice_shares_its_unnamed_layers():
    X = tf.placeholder(tf.float32, [None, 4])

    def discriminator(x, reuse=False):
        with tf.variable_scope("discriminator", reuse=reuse):
            return tf.layers.dense(tf.layers.dense(x, 8, activation=tf.nn.leaky_relu), 1)
    discriminator(X)
    discriminator(X, reuse=True)
    assert [v.name for v in tf.trainable_variables()] == [
        "discriminator/dense/kernel:0", "discriminator/dense/bias:0", "discriminator/dense_1/kernel:0",
        "discriminator/dense_1/bias:0"]


def test_default_names_are_made_unique_in_their_scope():
    def block():
        with tf.variable_scope(None, default_name="block"):
            return tf.get_variable("w", [1])

    def layer(a, name=None):
        with tf.variable_scope(name, "Layer", [a]):
            return tf.get_variable("w", [])

    def fully_connected():
        with tf.variable_scope(None, default_name="fully_connected"):
            return tf.get_variable("weights", [1])
    assert [block().name, block().name, layer(1.0).name, layer(1.0).name] == [
        "block/w:0", "block_1/w:0", "Layer/w:0", "Layer_1/w:0"]
    with tf.variable_scope("inner"):
        assert fully_connected().name == "inner/fully_connected/weights:0"
    assert [fully_connected().name, fully_connected().name] == [
        "fully_connected/weights:0", "fully_connected_1/weights:0"]
    with pytest.raises(ValueError, match="reuse=True cannot be used without a name_or_scope"):
        tf.variable_scope(None, default_name="block", reuse=True)
