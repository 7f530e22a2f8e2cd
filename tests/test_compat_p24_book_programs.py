"""Classic TF1 programs from tutorials and books (probe24): each found where symopt.compat.v1 parted from TF1.

Literals marked "TF 2.21 compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode
(``disable_v2_behavior()``) running the same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

INITIALIZER_CLASSES = ["zeros_initializer", "ones_initializer", "constant_initializer", "glorot_uniform_initializer",
                       "random_normal_initializer", "truncated_normal_initializer", "variance_scaling_initializer"]


@pytest.mark.parametrize("name", INITIALIZER_CLASSES)
def test_an_initializer_class_without_parentheses_is_instantiated_as_tf1_does(name):
    """P24-2: "TensorFlow: 实战Google深度学习框架" writes ``initializer=tf.zeros_initializer``, the class; TF1's
    get_variable instantiates a class (TF 2.21 compat.v1: [0. 0.], [1. 1.], [0. 0.], draws), and so does a scope's
    default.  symopt called the class with the shape: a bare TypeError."""
    initializer = getattr(tf, name)
    v = tf.get_variable("v", shape=[2], initializer=initializer)
    with tf.variable_scope("s", initializer=initializer):
        w = tf.get_variable("w", [2])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values, scoped = sess.run([v, w])
    assert values.shape == scoped.shape == (2,) and values.dtype == np.float32 and np.all(np.isfinite(values))
    constant = {"zeros_initializer": 0.0, "ones_initializer": 1.0, "constant_initializer": 0.0}.get(name)
    if constant is not None:
        assert values.tolist() == scoped.tolist() == [constant, constant]
    else:
        assert np.any(values != 0) and np.any(scoped != 0)


@pytest.mark.parametrize("dtype, value", [("int32", 2**40), ("int32", 2**31), ("int32", -2**31 - 1), ("uint8", -1),
                                          ("uint8", 256), ("int64", 2**63)])
def test_a_python_int_the_placeholders_integer_dtype_does_not_hold_is_tf1s_type_error(dtype, value):
    """P24-1: TF1's Session.run checks a Python int feed against the placeholder's dtype; symopt wrapped it
    (``2**40`` fed to an int32 placeholder ran as 0).  TF 2.21 compat.v1's message."""
    p = tf.placeholder(getattr(tf, dtype))
    with tf.Session() as sess:
        with pytest.raises(TypeError) as raised:
            sess.run(p * 1, {p: value})
    assert str(raised.value) == (f"Type of feed value {value} with type <class 'int'> is not compatible with Tensor "
                                 f"type <class 'numpy.{dtype}'>. Try explicitly setting the type of the feed tensor to "
                                 "a larger type (e.g. int64).")


def test_python_ints_a_dtype_holds_and_lists_feed_as_tf1():
    """TF 2.21 compat.v1: -2**31 is an int32; 2**24 + 1 fed to float32 rounds (TF1 compares in float32); a list wraps
    in TF1 too."""
    i, f = tf.placeholder(tf.int32), tf.placeholder(tf.float32)
    v = tf.placeholder(tf.int32, [2])
    with tf.Session() as sess:
        assert sess.run(i * 1, {i: -2**31}) == -2**31
        assert sess.run(f * 1, {f: 2**24 + 1}) == np.float32(2**24)
        assert sess.run(v * 1, {v: [2**31, 1]}).tolist() == [-2**31, 1]


@pytest.mark.parametrize("optimizer", [lambda: tf.train.MomentumOptimizer(0.1, 0.9),
                                       lambda: tf.train.AdamOptimizer(0.1)])
def test_restoring_a_checkpoint_saved_before_the_optimizer_existed_is_tf1s_not_found(tmp_path, optimizer):
    """P24-3: a model saved without an optimizer (an inference script, or before ``minimize``), restored by a
    default ``Saver()`` made after ``minimize``: TF 2.21 compat.v1 raises NotFoundError at ``restore`` (Key
    W/Momentum not found).  symopt restored the weights and then refused the step's missing slots, advising the
    initializer that would wipe them.  The fix TF1 users write then works: restore the weights alone, initialise
    the optimizer's variables."""
    W = tf.Variable(np.array([[1.0, 2.0], [3.0, 4.0]], np.float32), name="W")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        tf.train.Saver().save(sess, str(tmp_path / "m"))
    tf.reset_default_graph()
    W = tf.Variable(tf.zeros([2, 2]), name="W")
    x = tf.placeholder(tf.float32, [None, 2])
    loss = tf.reduce_mean(tf.square(tf.matmul(x, W)))
    chosen = optimizer()
    train = chosen.minimize(loss)
    with tf.Session() as sess:
        with pytest.raises(tf.errors.NotFoundError, match="Key W/(Momentum|Adam) not found in checkpoint .* no "
                                                          "optimizer slots"):
            tf.train.Saver().restore(sess, str(tmp_path / "m"))
        tf.train.Saver([W]).restore(sess, str(tmp_path / "m"))
        sess.run(tf.variables_initializer(chosen.variables()))
        assert sess.run([train, loss], {x: [[1.0, 1.0]]})[1] == 26.0  # TF 2.21 compat.v1: the restored weights' loss


def test_tf_train_optimizers_are_classes_as_in_tf1():
    """P24-4: isinstance checks, a subclass that changes nothing, TF1's attributes read by logging code, the class
    name (TF 2.21 compat.v1: True, AdamOptimizer, [0.8 1.6], 0.1 / 0.3 / 0.9).  They were factory functions."""
    adam = tf.train.AdamOptimizer(0.1)
    assert isinstance(adam, tf.train.AdamOptimizer) and isinstance(adam, tf.train.Optimizer)
    assert type(adam).__name__ == "AdamOptimizer" and adam.get_name() == "Adam" and adam._lr == 0.1
    assert tf.train.GradientDescentOptimizer(0.3)._learning_rate == 0.3
    assert tf.train.MomentumOptimizer(0.3, 0.9)._momentum == 0.9

    class MyGD(tf.train.GradientDescentOptimizer):
        pass

    w = tf.Variable([1.0, 2.0])
    train = MyGD(0.1).minimize(tf.reduce_sum(w * w))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        np.testing.assert_allclose(sess.run(w), [0.8, 1.6], rtol=1e-7)


def test_an_optimizer_subclass_with_its_own_update_is_refused_when_made():
    """P24-4 (d): the "write your own optimizer" tutorial subclasses tf.train.Optimizer with ``_apply_dense``;
    symopt cannot run it (its optimizers are fused steps of its rules), and a subclass of one of its optimizers
    that overrides the update would have run symopt's rule silently.  Refused when made, naming the override and
    what to write instead; the bare base class is TF1's NotImplementedError when it would train."""
    from symopt.errors import UnsupportedOperationError

    class PlainGD(tf.train.Optimizer):
        def __init__(self, lr, use_locking=False, name="PlainGD"):
            super().__init__(use_locking, name)
            self._lr = lr

        def _apply_dense(self, grad, var):
            return tf.assign_sub(var, self._lr * grad)

    class Clipped(tf.train.MomentumOptimizer):
        def _resource_apply_dense(self, grad, var):
            return None

    for made in (lambda: PlainGD(0.1), lambda: Clipped(0.1, 0.9)):
        with pytest.raises(UnsupportedOperationError, match=r"defines its own update \(_(apply|resource_apply)_dense"
                                                            r"\).*tf\.assign_sub"):
            made()
    w = tf.Variable([1.0, 2.0])
    with pytest.raises(NotImplementedError, match="base class"):
        tf.train.Optimizer(False, "base").minimize(tf.reduce_sum(w * w))


def test_dropout_with_keep_prob_fed_outside_zero_one_gives_tf2s_numbers():
    """P24-6: the drop rate fed into a keep_prob placeholder ("keep_prob: 0.0 to disable dropout").  TF 2.21
    compat.v1: means 0.0, 0.6666658 (everything kept, scaled by 1/1.5), 0.0; symopt used TF <= 1.12's
    x / p * floor(p + U): NaN, 1.00082, 1.0062.  Inside (0, 1] both keep each entry with probability p, scaled by
    1/p (and 1.0 is the identity)."""
    keep_prob = tf.placeholder(tf.float32)
    big = tf.nn.dropout(tf.ones([200, 500]), keep_prob)
    mean = tf.reduce_mean(big)
    with tf.Session() as sess:
        assert sess.run(mean, {keep_prob: 0.0}) == 0.0 and sess.run(mean, {keep_prob: -0.1}) == 0.0
        everything = sess.run(big, {keep_prob: 1.5})
        assert np.unique(everything).tolist() == [np.float32(1.0) / np.float32(1.5)]
        assert np.unique(sess.run(big, {keep_prob: 1.0})).tolist() == [1.0]
        half = sess.run(big, {keep_prob: 0.5})
        assert set(np.unique(half).tolist()) == {0.0, 2.0} and 0.48 < np.mean(half != 0) < 0.52
    assert big.op.type == "SelectV2" and big.dtype == tf.float32 and big.shape.as_list() == [200, 500]


@pytest.mark.parametrize("written, advice", [
    (lambda: tf.contrib.layers.variance_scaling_initializer(), "tf.variance_scaling_initializer(scale=2.0"),
    (lambda: tf.contrib.layers.dropout, "tf.layers.dropout(x, rate=1 - keep_prob"),
    (lambda: tf.contrib.layers.batch_norm, "tf.nn.moments(x, [0])"),
    (lambda: tf.nn.nce_loss, "sparse_softmax_cross_entropy_with_logits"),
    (lambda: tf.nn.sampled_softmax_loss, "sparse_softmax_cross_entropy_with_logits"),
    (lambda: tf.metrics.auc, "tf.metrics.mean of the per-batch quantity"),
    (lambda: tf.random_shuffle, "np.random.permutation"),
    (lambda: tf.random.categorical, "np.random.choice"),
    (lambda: tf.nn.dynamic_rnn, "one placeholder per time step"),
    (lambda: tf.nn.rnn_cell.BasicRNNCell, "one placeholder per time step"),
    (lambda: tf.report_uninitialized_variables, "tf.global_variables_initializer()"),
])
def test_a_missing_tutorial_name_says_what_to_write_instead(written, advice):
    """P24-5: classic tutorials' names the layer lacks said only "see docs/compat.md" where the layer has the
    pieces of a replacement; the error names it."""
    from symopt.compat.v1.errors import UnsupportedNameError
    with pytest.raises(UnsupportedNameError, match="not supported yet") as raised:
        written()
    assert advice in str(raised.value) and "see docs/compat.md" not in str(raised.value)


def test_the_advised_replacements_run():
    """The forms the messages advise build and run: He initialization's spread, dropout's scaling, a streaming
    mean of a per-batch quantity."""
    w = tf.get_variable("w", [400, 50], initializer=tf.variance_scaling_initializer(
        scale=2.0, mode="fan_in", distribution="truncated_normal"))
    x = tf.placeholder(tf.float32, [None, 4])
    dropped = tf.layers.dropout(x, rate=0.5, training=True)
    mean, update = tf.metrics.mean(tf.square(x - 1.0))
    with tf.Session() as sess:
        sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
        assert abs(np.std(sess.run(w)) - np.sqrt(2 / 400)) < 0.01
        assert set(np.unique(sess.run(dropped, {x: np.ones((50, 4))})).tolist()) <= {0.0, 2.0}
        sess.run(update, {x: np.full((2, 4), 3.0)})
        assert sess.run(mean) == 4.0


def test_training_operations_run_together_train_with_the_rate_computed_before_either_updates():
    """P24-14: a GAN / multi-task step ``sess.run([d_train, g_train])``, both ``minimize(global_step=gs)`` with a
    decayed rate of ``gs``.  TF 2.21 compat.v1 (4 of 4 runs): ``0.1 [0.9, 0.9, 2]`` then ``0.025 [0.875, 0.875,
    4]``: the rate is one node computed once per run, before either update.  symopt trained the second with the
    rate after the first's increment (0.95, then 0.9375) while the fetched rate said 0.1."""
    a, b = tf.Variable(1.0), tf.Variable(1.0)
    gs = tf.Variable(0, trainable=False)
    lr = tf.train.exponential_decay(0.1, gs, 1, 0.5)
    own = tf.train.exponential_decay(0.1, gs, 1, 0.5)  # each optimizer its own schedule of the shared step
    ta = tf.train.GradientDescentOptimizer(lr).minimize(a, global_step=gs)
    tb = tf.train.GradientDescentOptimizer(lr).minimize(b, global_step=gs)
    c = tf.Variable(1.0)
    tc = tf.train.GradientDescentOptimizer(own).minimize(c, global_step=gs)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run([ta, tb, lr])[2] == np.float32(0.1)
        assert sess.run([a, b, gs]) == [np.float32(0.9), np.float32(0.9), 2]
        assert sess.run([tf.group(ta, tb), lr])[1] == np.float32(0.025)
        assert sess.run([a, b, gs]) == [np.float32(0.875), np.float32(0.875), 4]
        sess.run([ta, tc])  # the rate at step 4 for both: 0.1 * 0.5**4
        assert sess.run([a, c, gs]) == [np.float32(0.875) - np.float32(0.00625), np.float32(1.0) - np.float32(0.00625),
                                        6]


def test_the_uninitialized_advice_does_not_claim_a_variable_was_made_late():
    """P24-13: initializing a subset by hand (``s.run(w2.initializer)``) then reading ``w1``: symopt said "it was
    made after the initializer ran" of a variable made first, with no global initializer ever run."""
    w1 = tf.Variable(1.0, name="w1")
    w2 = tf.Variable(w1 * 2, name="w2")
    with tf.Session() as sess:
        sess.run(w2.initializer)
        with pytest.raises(tf.errors.FailedPreconditionError) as raised:
            sess.run(w1)
    text = str(raised.value)
    assert text.startswith("Attempting to use uninitialized value w1") and "left out of the initializers run" in text
    assert "w1.initializer" in text


def test_a_variable_of_a_discarded_graph_read_by_a_run_is_named_as_such():
    """P24-12 (2): a tensor kept from before ``tf.reset_default_graph()`` (a notebook cell run again) and an op of it
    made after the reset: TF 2.21 compat.v1 refuses ("is not an element of this graph"); symopt said the variable
    was uninitialized and advised its initializer, which belongs to the discarded graph."""
    old = tf.Variable([[1.0, 2.0]], name="W")
    tf.reset_default_graph()
    tf.Variable(0.5, name="W")
    doubled = tf.transpose(old) * 2.0
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        with pytest.raises(ValueError, match="W is not an element of this graph.*tf.reset_default_graph"):
            sess.run(doubled)


def test_top_k_over_a_training_set_of_unknown_size_says_which_placeholder_to_size():
    """P24-11: the TF ML Cookbook's k-NN takes top_k of distances from a test batch to a training set fed as
    ``[None, 5]``: the unknown last dimension is the training placeholder's batch, which the message now says."""
    from symopt.errors import UnsupportedOperationError
    train, test = tf.placeholder(tf.float32, [None, 5]), tf.placeholder(tf.float32, [5, 5])
    distance = tf.matmul(test, train, transpose_b=True)
    with pytest.raises(UnsupportedOperationError, match=r"another placeholder's batch .*len\(x_train\)"):
        tf.nn.top_k(-distance, 3)


def test_a_variable_outside_the_global_collection_of_the_sessions_graph_is_uninitialized_not_foreign():
    """review33 R33-1: the other-graph check read GLOBAL_VARIABLES, which a variable made with ``collections=[]``
    (or a collection of its own) is not in: it was called "not an element of this graph" where TF1 says
    uninitialized (the FailedPreconditionError an initialize-if-needed pattern catches)."""
    mine = tf.Variable(1.0, collections=["mine"], trainable=False)
    bare = tf.Variable(2.0, collections=[], trainable=False)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for variable in (mine, bare):
            with pytest.raises(tf.errors.FailedPreconditionError, match="uninitialized value"):
                sess.run(variable * 2.0)
        sess.run(tf.variables_initializer([mine, bare]))
        assert sess.run([mine * 2.0, bare * 2.0]) == [2.0, 4.0]


def _saved_and_restored(tmp_path, saved_optimizer, restored_optimizer, step_before_save: bool):
    def build(optimizer):
        tf.reset_default_graph()
        W = tf.Variable([1.0, 2.0], name="W")
        return W, optimizer().minimize(tf.reduce_sum(W * W) / 2)
    W, train = build(saved_optimizer)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        if step_before_save:
            sess.run(train)
        tf.train.Saver().save(sess, str(tmp_path / "m"))
    W, train = build(restored_optimizer)
    with tf.Session() as sess:
        tf.train.Saver().restore(sess, str(tmp_path / "m"))
        restored = sess.run(W)
        sess.run(train)
        return restored, sess.run(W)


def test_a_checkpoint_with_another_optimizers_slots_restores_into_one_that_needs_none(tmp_path):
    """review33 R33-4: Adam's checkpoint restored by a default Saver into a GradientDescent graph: TF 2.21 compat.v1
    ignores the extra entries ([0.9 1.9], then [0.81 1.71]); symopt raised a bare IndexError."""
    restored, trained = _saved_and_restored(tmp_path, lambda: tf.train.AdamOptimizer(0.1),
                                            lambda: tf.train.GradientDescentOptimizer(0.1), step_before_save=True)
    np.testing.assert_allclose(restored, [0.9, 1.9], rtol=1e-6)
    np.testing.assert_allclose(trained, [0.81, 1.71], rtol=1e-6)


def test_a_checkpoint_saved_before_adams_first_step_restores_its_initialized_slots(tmp_path):
    """review33 R33-5: saved after the initializer, before any step: TF 2.21 compat.v1 restores the initialized
    slots and trains ([0.9 1.9]); symopt called W/Adam uninitialized at the first step."""
    restored, trained = _saved_and_restored(tmp_path, lambda: tf.train.AdamOptimizer(0.1),
                                            lambda: tf.train.AdamOptimizer(0.1), step_before_save=False)
    assert restored.tolist() == [1.0, 2.0]
    np.testing.assert_allclose(trained, [0.9, 1.9], rtol=1e-6)


def test_a_tf1_hyperparameter_attribute_written_after_construction_is_refused():
    """review33 R33-6: TF1 reads ``self._learning_rate`` when minimize builds the update, so a write after the
    constructor (a warm-up subclass) changes the rate there (TF 2.21 compat.v1: y = 0.0 with 0.5); symopt builds
    its rule in the constructor, so such a write was ignored silently: refused, saying what to do."""
    from symopt.errors import UnsupportedOperationError
    gd = tf.train.GradientDescentOptimizer(0.1)
    with pytest.raises(UnsupportedOperationError, match=r"_learning_rate = 0.5: .*pass the value to the constructor"):
        gd._learning_rate = 0.5

    class Warm(tf.train.AdamOptimizer):
        def __init__(self, lr):
            super().__init__(lr)
            self._lr = lr * 0.1

    with pytest.raises(UnsupportedOperationError, match="Warm._lr"):
        Warm(0.1)
    y = tf.Variable(1.0)
    train = gd.minimize(tf.square(y))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        assert sess.run(y) == np.float32(0.8) and gd._learning_rate == 0.1


def test_second_derivatives_of_pow_at_a_zero_base_use_tf1s_guarded_log_at_every_order():
    """review33 R33-10: tf.hessians of pow(w, p) over one variable's entries at w = 0 was [[0, 0], [nan, 0]] (not
    even symmetric), and tf.gradients of tf.gradients(pow(w, p), w) in p NaN: the base's partial p * w**(p-1) was a
    plain power, differentiated in p with an unguarded log.  TF 2.21 compat.v1: zeros, 0.0, and at w = 1.5 the
    Hessian [[4.592793267718458, 3.6993347259012985], [3.6993347259012985, 0.45303851222417435]]."""
    th = tf.Variable([0.0, 2.5], dtype=tf.float64)
    at_zero = tf.hessians(tf.pow(th[0], th[1]), th)[0]
    w, p = tf.Variable(0.0, dtype=tf.float64), tf.Variable(2.5, dtype=tf.float64)
    mixed = tf.gradients(tf.gradients(tf.pow(w, p), w)[0], p)[0]
    away = tf.Variable([1.5, 2.5], dtype=tf.float64)
    elsewhere = tf.hessians(tf.pow(away[0], away[1]), away)[0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(at_zero).tolist() == [[0.0, 0.0], [0.0, 0.0]] and sess.run(mixed) == 0.0
        np.testing.assert_allclose(sess.run(elsewhere), [[4.592793267718458, 3.6993347259012985],
                                                         [3.6993347259012985, 0.45303851222417435]], rtol=1e-15)


def test_a_checkpoint_with_more_slots_than_the_step_needs_restores_the_needed_ones_by_name(tmp_path):
    """review33 R33-14: saved after 3 Adam steps over [W, b], restored into Adam over [W] alone: TF 2.21 compat.v1
    restores W/Adam by name (m = [3.3707380, 8.2477322]; W = [0.60855, 1.6024790] after one more step); the R33-4 fix
    started the slots afresh instead, silently."""
    def model(only_w):
        tf.reset_default_graph()
        W, b = tf.Variable([1.0, 2.0], name="W"), tf.Variable(0.5, name="b")
        adam = tf.train.AdamOptimizer(0.1)
        train = adam.minimize(tf.reduce_sum(tf.square(W * 3.0 + b - 1.0)), var_list=[W] if only_w else None)
        return W, adam, train
    W, adam, train = model(False)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(train)
        path = tf.train.Saver().save(sess, str(tmp_path / "m"))
    W, adam, train = model(True)
    with tf.Session() as sess:
        tf.train.Saver().restore(sess, path)
        np.testing.assert_allclose(sess.run(adam.get_slot(W, "m")), [3.3707380, 8.2477322], rtol=1e-6)
        sess.run(train)
        np.testing.assert_allclose(sess.run(W), [0.60855, 1.6024790], rtol=1e-6)


def test_a_subclasss_own_private_attributes_stay_writable():
    """review33 R33-15: the read-only rule froze every underscore attribute, a subclass's own counter too."""
    class Counting(tf.train.GradientDescentOptimizer):
        def __init__(self, lr):
            self._calls = 0
            super().__init__(lr)

        def compute_gradients(self, loss, var_list=None, **options):
            self._calls += 1
            return super().compute_gradients(loss, var_list, **options)

    counting = Counting(0.1)
    counting.minimize(tf.square(tf.Variable(1.0)))
    assert counting._calls == 1


def test_an_op_whose_value_is_its_input_made_under_control_dependencies_runs_them():
    """review33 R33-13 (silent): ``tf.reduce_mean`` of a scalar (and ``reduce_sum``, ``tf.transpose`` of a rank-0 or
    rank-1 tensor) returned its input, made outside the block, so running it never ran the control inputs.  TF 2.21
    compat.v1: s = 5.0 after running Mean, Sum, the dropout (x itself: no op) and transpose, then 10.0 5.0."""
    s = tf.Variable(2.0)
    t = s * 2.0
    inc = tf.assign_add(s, 1.0)
    with tf.control_dependencies([inc]):
        outs = [tf.reduce_mean(t), tf.reduce_sum(s), tf.nn.dropout(t, 1.0), tf.transpose(t)]
        identity = tf.layers.dropout(t, training=False)  # TF1's identity op: also runs inc
    assert outs[2] is t
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for out in outs:
            sess.run(out)
        assert sess.run(s) == 5.0
        assert [sess.run(tf.reduce_mean(t)), sess.run(s)] == [10.0, 5.0]
        sess.run(identity)
        assert sess.run(s) == 6.0


def test_a_python_int_other_than_0_or_1_fed_to_a_bool_placeholder_is_tf1s_type_error():
    """review33 R33-11: TF 2.21 compat.v1 refuses 2 fed to a tf.bool placeholder (True != 2); symopt ran it as True."""
    b = tf.placeholder(tf.bool)
    with tf.Session() as sess:
        assert not sess.run(tf.logical_not(b), {b: 1}) and sess.run(tf.logical_not(b), {b: 0})
        with pytest.raises(TypeError, match="Type of feed value 2 with type <class 'int'> is not compatible"):
            sess.run(tf.logical_not(b), {b: 2})


@pytest.mark.parametrize("make", [lambda M: tf.reduce_sum(tf.transpose(M)),
                                  lambda M: tf.reduce_sum(tf.transpose(M, [0, 1])),
                                  lambda M: tf.reduce_sum(tf.matrix_transpose(M)),
                                  lambda M: tf.reduce_sum(tf.concat([M, M], 0)),
                                  lambda M: tf.reduce_sum(tf.tile(M, [2, 1]))])
def test_a_step_through_transpose_concat_or_tile_made_under_control_dependencies_runs_them(make):
    """final33 F33-5 (silent): the gradients of transpose, concat and tile read a constant TF1 makes with the op
    (perm, axis, multiples), inside the block, so a training step runs the block's control inputs: TF 2.21
    compat.v1 c = 1.0 after one step; symopt skipped them (c = 0.0).  A reshape or a mean reads none (c = 0.0)."""
    for build, expected in ((make, 1.0), (lambda M: tf.reduce_sum(tf.reshape(M, [4])), 0.0)):
        tf.reset_default_graph()
        M, c = tf.Variable(np.ones((2, 2), np.float32)), tf.Variable(0.0)
        inc = tf.assign_add(c, 1.0)
        with tf.control_dependencies([inc]):
            loss = build(M)
        train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(train)
            assert sess.run(c) == expected
