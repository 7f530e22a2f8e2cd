"""Refusals whose advice can be followed (probe13 W12, W13): a tensor momentum / beta / decay names the argument
(it read as a range error, "expected a number in [0, 1)"), and tf.hessians of a matrix variable names TF1's
double-backprop Hessian-vector product, which runs (TF 2.21's numbers), instead of symopt.hvp,
which takes no TF1 tensor."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


def test_a_tensor_hyperparameter_names_the_argument():
    tf.reset_default_graph()
    mom = tf.Variable(0.9, trainable=False)
    decay = tf.placeholder(tf.float32, [])
    for build, argument in ((lambda: tf.train.MomentumOptimizer(0.1, mom), "momentum"),
                            (lambda: tf.train.AdamOptimizer(0.1, beta1=mom), "beta1"),
                            (lambda: tf.train.RMSPropOptimizer(0.1, decay=decay), "decay")):
        with pytest.raises(UnsupportedOperationError, match=f": {argument} as a tensor .* pass a Python number"):
            build()


def test_hessians_of_a_matrix_names_the_double_backprop_that_runs():
    tf.reset_default_graph()
    W = tf.Variable(np.float32([[1.0, 2.0], [3.0, 4.0]]))
    f = tf.reduce_sum(tf.square(tf.matmul(W, W)))
    with pytest.raises(UnsupportedOperationError, match=r"double backprop: g = tf.gradients\(f, W\)\[0\]"):
        tf.hessians(f, W)
    g = tf.gradients(f, W)[0]
    products = [tf.gradients(tf.reduce_sum(g * tf.constant(v)), W)[0]
                for v in (np.float32([[1.0, 0.0], [0.0, 1.0]]), np.ones((2, 2), np.float32))]
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    identity, ones = session.run(products)  # TF 2.21 with disable_v2_behavior
    np.testing.assert_allclose(identity, [[88.0, 140.0], [160.0, 268.0]], rtol=1e-6)
    np.testing.assert_allclose(ones, [[208.0, 308.0], [308.0, 448.0]], rtol=1e-6)


def test_concat_of_computed_batch_tensors_names_the_batch_major_form():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 2])
    outputs = [tf.tanh(x * 1.0), tf.tanh(x * 2.0)]  # an RNN's per-step outputs, [?, H]
    with pytest.raises(UnsupportedOperationError, match=r"tf.reshape\(tf.concat\(outputs, 1\), \[-1, H\]\)"):
        tf.concat(outputs, 0)
    with pytest.raises(UnsupportedOperationError, match="join the data in NumPy before feeding it"):
        tf.concat([x, tf.placeholder(tf.float32, [None, 2])], 0)
    batch_major = tf.reshape(tf.concat(outputs, 1), [-1, 2])
    data = np.float32([[0.1, 0.2], [0.3, 0.4]])
    expected = np.tanh(np.stack([data, 2 * data], axis=1).reshape(-1, 2))  # rows: example 0 step 0, step 1, ...
    np.testing.assert_allclose(tf.Session().run(batch_major, {x: data}), expected, rtol=1e-6)


def _vae(x, eps_shape=None):
    W = tf.Variable(np.float32(np.ones((4, 4)) * 0.1))
    h = tf.matmul(x, W)
    z_mean, z_log_sigma_sq = h[:, :2], h[:, 2:]
    eps = tf.random_normal(eps_shape if eps_shape is not None else tf.shape(z_mean), 0, 1, dtype=tf.float32)
    return tf.add(z_mean, tf.multiply(tf.sqrt(tf.exp(z_log_sigma_sq)), eps))


def test_a_fixed_shape_random_tensor_beside_a_batch_names_the_placeholders_own_shape():
    tf.reset_default_graph()  # J. H. Metzen's VAE tutorial: eps = tf.random_normal((batch_size, n_z))
    with pytest.raises(UnsupportedOperationError,
                       match=r"declare Placeholder:0 with the known size, e.g. tf.placeholder\(tf.float32, \[10, 4\]\)"
                             r", or draw the random tensor .* tf.random_normal\(tf.shape\(t\)\)"):
        _vae(tf.placeholder(tf.float32, [None, 4]), (10, 2))
    for placeholder_shape, eps_shape in (([10, 4], (10, 2)), ([None, 4], None)):  # both rewrites build and run
        tf.reset_default_graph()
        x = tf.placeholder(tf.float32, placeholder_shape)
        z = _vae(x, eps_shape)
        session = tf.Session()
        session.run(tf.global_variables_initializer())
        assert session.run(z, {x: np.ones((10, 4), np.float32)}).shape == (10, 2)


def test_an_empty_var_list_is_tf1s_no_variables_to_optimize():
    tf.reset_default_graph()  # probe13 W17: the GAN bug of a name_scope filter; TF 2.21: "No variables to optimize."
    with tf.name_scope("generator"):
        g = tf.get_variable("gw", initializer=1.0)
    assert tf.trainable_variables(scope="generator") == []
    with pytest.raises(ValueError, match="^No variables to optimize. .*tf.variable_scope"):
        tf.train.AdamOptimizer(0.1).minimize(tf.square(g - 1.0), var_list=tf.trainable_variables(scope="generator"))


def test_a_size_known_only_when_the_graph_runs_is_a_typed_refusal():
    tf.reset_default_graph()  # probe13 W18: raw "int() argument must be ... not 'Tensor'"
    labels = tf.placeholder(tf.int32, [None])
    x = tf.placeholder(tf.float32, [2, 3])
    a = tf.placeholder(tf.int32, [])
    for build, what in ((lambda: tf.eye(tf.shape(labels)[0]), "tf.eye: num_rows"),
                        (lambda: tf.eye(3, num_columns=tf.shape(labels)[0]), "tf.eye: num_columns"),
                        (lambda: tf.transpose(x, perm=tf.stack([a, 1 - a])), "tf.transpose: perm")):
        with pytest.raises(UnsupportedOperationError, match=f"{what} is the tensor .* known only when the graph runs"):
            build()
    padded = tf.pad(x, [[0, 0], [0, tf.shape(x)[1]]])  # a static size folds to a number: TF's (2, 6)
    assert padded.shape == (2, 6) and tf.eye(tf.constant(2)).shape == (2, 2)
    assert tf.transpose(x, perm=tf.constant([1, 0])).shape == (3, 2)


def test_embedding_lookup_of_id_windows_names_the_per_column_forms_that_run():
    tf.reset_default_graph()  # probe13 W21: the old advice (reshape the flat lookup to [-1, T * D]) is refused next
    T, V, D = 4, 6, 3
    ids = tf.placeholder(tf.int32, [None, T])
    E = tf.Variable(np.arange(V * D, dtype=np.float32).reshape(V, D) / 10)
    with pytest.raises(UnsupportedOperationError, match=r"tf.add_n\(\[tf.nn.embedding_lookup\(E, ids\[:, t\]\)"):
        tf.nn.embedding_lookup(E, ids)
    avg = tf.add_n([tf.nn.embedding_lookup(E, ids[:, t]) for t in range(T)]) / T
    cat = tf.concat([tf.nn.embedding_lookup(E, ids[:, t]) for t in range(T)], 1)
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    mean, joined = session.run([avg, cat], {ids: [[0, 1, 2, 3], [5, 4, 3, 2]]})
    np.testing.assert_array_equal(mean, np.float32([[0.45, 0.55, 0.65], [1.05, 1.15, 1.25]]))  # TF 2.21's digits
    np.testing.assert_array_equal(joined[1], np.float32([1.5, 1.6, 1.7, 1.2, 1.3, 1.4, 0.9, 1.0, 1.1, 0.6, 0.7, 0.8]))
