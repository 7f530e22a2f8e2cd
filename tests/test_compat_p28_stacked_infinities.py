"""``tf.stack`` of scalars holding an infinity keeps the other entries (found fixing probe28 P28-2).

The scalars were placed by products with 0/1 placement vectors, so an ``inf`` or ``nan`` entry made every entry NaN
(``inf * 0``): ``tf.nn.softmax(tf.stack([tf.log(p), 0.]))`` of a saturated ``p`` (``log(p) = -inf`` since constants
fold as TF1's kernels) was ``[nan, nan]``, as was any stack of a fed infinity.  Now the stack is an explicit vector of
its scalars.  Every expected value below was printed by TensorFlow 2.21's ``tf.compat.v1`` for the same program in a
separate environment; TensorFlow is not needed here.
"""

import math

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_a_stack_of_scalars_keeps_each_entry_and_its_gradient():
    a = tf.placeholder(tf.float32, [])
    w = tf.Variable(2.0)
    s = tf.stack([a * w, tf.log(a), tf.constant(0.)])
    loss = tf.reduce_sum(s * s)
    (g,) = tf.gradients(loss, w)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = [sess.run([s, loss, g], {a: v}) for v in (np.inf, 0., 3.)]
        softmax = sess.run(tf.nn.softmax(s), {a: 0.})
    assert values[0][0].tolist() == [math.inf, math.inf, 0.] and values[0][1:] == [math.inf, math.inf]  # were nan
    assert values[1][0].tolist() == [0., -math.inf, 0.] and values[1][1:] == [math.inf, 0.]
    assert values[2][0].tolist() == [6., np.float32(1.0986123), 0.] and values[2][1:] == [np.float32(37.206947), 36.]
    assert softmax.tolist() == [0.5, 0., 0.5]


def test_the_softmax_of_a_saturated_constant():
    p = tf.constant(1.) - tf.sigmoid(tf.constant(20.))
    with tf.Session() as sess:
        assert sess.run(tf.nn.softmax(tf.stack([tf.log(p), tf.constant(0.)]))).tolist() == [0., 1.]  # TF 2.21


def test_a_stack_of_strings_is_refused():
    with pytest.raises(UnsupportedOperationError, match="tf.stack of string tensors"):
        tf.stack([tf.constant("a"), tf.constant("b")])


def test_the_smallest_entry_zero_keeps_its_sign():
    """final34 F34-2: tf.reduce_min of data whose minimum is +0.0 (ReLU outputs, counts) was -0.0 (min computed as
    -max(-x), whose 1 x 1 sum added +0.0 before the negation): 1 / reduce_min was -inf where TF 2.21 gives inf."""
    import numpy as np
    import symopt.compat.v1 as tf
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 2])
    with tf.Session() as session:
        smallest, inverse, stacked = session.run(
            [tf.reduce_min(x), 1.0 / tf.reduce_min(x), 1.0 / tf.stack([tf.reduce_min(x), tf.reduce_max(x)])],
            {x: np.arange(6, dtype=np.float32).reshape(3, 2)})
    assert smallest == 0.0 and not np.signbit(smallest)
    assert inverse == np.inf  # TF 2.21 compat.v1: inf
    np.testing.assert_array_equal(stacked, np.array([np.inf, 0.2], np.float32))


def test_a_join_copies_its_pieces_an_infinity_stays_in_its_entries():
    """tf.concat and tf.stack of tensors (not scalars) were sums of products with 0/1 placement matrices, so an inf
    in one piece made NaN of its neighbours (``inf * 0``): ``tf.concat([log([0, 1]), [2]], 0)`` was
    ``[-inf, nan, nan]``, a batch row holding ``log(0)`` made the whole loss and every gradient NaN, and a stacked
    column with an inf gave a silently wrong gradient ``[[1, 0], [5, 0]]``.  Now a join is ``numpy.concatenate``;
    every expected value was printed by TensorFlow 2.21's ``tf.compat.v1`` for this program."""
    x, y = tf.placeholder(tf.float32, [2]), tf.placeholder(tf.float32, [1])
    w = tf.Variable([1.0, 2.0, 3.0])
    c = tf.concat([tf.log(x), y], 0)
    (g,) = tf.gradients(tf.reduce_sum(c * w), [w])
    X = tf.placeholder(tf.float32, [None, 2])
    V = tf.Variable([[0.5, -1.0], [2.0, 0.25]])
    h = tf.concat([tf.matmul(X, V), tf.log(X)], 1)
    W2 = tf.Variable(np.arange(8, dtype=np.float32).reshape(4, 2) / 10)
    out = tf.reduce_sum(tf.tanh(tf.matmul(h, W2)))
    gV, gW = tf.gradients(out, [V, W2])
    st = tf.stack([tf.matmul(X, V)[:, 0], 1.0 / (X[:, 1] - 0.25)], 1)
    (gst,) = tf.gradients(tf.reduce_sum(tf.minimum(st, 10.)), [V])
    Xv = np.array([[1.0, 2.0], [0.0, 3.0], [0.5, 0.25]], np.float32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        joined, gradient = sess.run([c, g], {x: [0.0, 1.0], y: [2.0]})
        values = sess.run([h, out, gV, gW, st, gst], {X: Xv})
    assert joined.tolist() == gradient.tolist() == [-math.inf, 0.0, 2.0]
    expected = [
        [[4.5, -0.5, 0.0, 0.6931471824645996], [6.0, 0.75, -math.inf, 1.0986123085021973],
         [0.75, -0.4375, -0.6931471824645996, -1.3862943649291992]],
        -2.750553607940674,
        [[0.06833846122026443, 0.4169931709766388], [0.11968120187520981, 0.7369812726974487]],
        [[4.30932092666626, 2.735316276550293], [-0.5874667167663574, -0.38418158888816833], [math.nan, math.nan],
         [0.20303975045681, 0.08100160956382751]],
        [[4.5, 0.5714285969734192], [6.0, 0.3636363744735718], [0.75, math.inf]],
        [[1.5, 0.0], [5.25, 0.0]]]
    for ours, theirs in zip(values, expected):  # to the bit; NaN where TF1 has NaN (tanh(-inf)' * 0 in W2's row)
        np.testing.assert_array_equal(np.asarray(ours), np.asarray(theirs, np.float32))


def test_reverse_negative_step_slices_and_pad_copy_their_entries():
    """tf.reverse, slices with a negative step (``v[::-1]``, ``v[2::-2]``, ``v[3:0:-1]``) and tf.pad were products
    with constant 0/1 matrices, so one ``log(0) = -inf`` made NaN of every entry beside it and of the loss's gradient
    (``tf.reverse(log([0, 1, 2, 3]) * w)`` was ``[nan, nan, nan, -inf]``).  Now they copy (a NumPy slice, ``take`` or
    ``concatenate``); every expected value was printed by TensorFlow 2.21's ``tf.compat.v1`` for this program (the
    NaN of R2 and of W's gradient are TF1's: ``log(0) * 0`` in a product)."""
    x = tf.placeholder(tf.float32, [4])
    w = tf.Variable([1.0, 2.0, 3.0, 4.0])
    W = tf.Variable(np.arange(12, dtype=np.float32).reshape(3, 4) / 7)
    lx = tf.log(x)
    lw = lx * w
    r = tf.reverse(lw, [0])
    s1 = lw[::-1]
    s2 = lw[2::-2]
    s3 = lw[3:0:-1]
    P = tf.pad(tf.reshape(lw, [2, 2]), [[1, 0], [0, 2]], constant_values=5.)
    R2 = tf.reverse(tf.reshape(lx, [2, 2]) * W[:2, :2], [1])
    loss = tf.add_n([tf.reduce_sum(tf.minimum(r, 3.)), tf.reduce_sum(tf.minimum(s2, 1.)),
                     tf.reduce_sum(tf.minimum(s3 * 2., 7.)), tf.reduce_sum(tf.minimum(P, 4.)),
                     tf.reduce_sum(tf.minimum(R2, 0.5))])  # add_n: TF1's order of the sum
    g = tf.gradients(loss, [w, W])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        first = sess.run([r, s1, s2, s3, P, R2, loss] + g, {x: [0.0, 1.0, 2.0, 3.0]})
        second = sess.run([r, s2, P, loss] + g, {x: [1.5, 1.0, 2.0, 3.0]})
    inf, nan = math.inf, math.nan
    expected = [
        [4.394449234008789, 2.079441547393799, 0.0, -inf],
        [4.394449234008789, 2.079441547393799, 0.0, -inf],
        [2.079441547393799, -inf],
        [4.394449234008789, 2.079441547393799, 0.0],
        [[5.0, 5.0, 5.0, 5.0], [-inf, 0.0, 5.0, 5.0], [2.079441547393799, 4.394449234008789, 5.0, 5.0]],
        [[0.0, nan], [0.7847231030464172, 0.39608412981033325]],
        nan,
        [-inf, 0.0, 2.7725887298583984, 0.0],
        [[nan, 0.0, 0.0, 0.0], [0.6931471824645996, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]],
        [4.394449234008789, 2.079441547393799, 0.0, 0.40546509623527527],
        [2.079441547393799, 0.40546509623527527],
        [[5.0, 5.0, 5.0, 5.0], [0.40546509623527527, 0.0, 5.0, 5.0], [2.079441547393799, 4.394449234008789, 5.0, 5.0]],
        57.43024444580078,
        [1.2163952589035034, 0.0, 2.7725887298583984, 0.0],
        [[0.40546509623527527, 0.0, 0.0, 0.0], [0.6931471824645996, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]],
    ]
    for ours, theirs in zip(first + second, expected, strict=True):
        np.testing.assert_array_equal(np.asarray(ours), np.asarray(theirs, np.float32))


def test_a_tile_copies_its_tensor():
    """tf.tile was a product with 0/1 selection matrices: one ``log(0) = -inf`` made NaN of every other entry of its
    rows and columns, and of the loss.  Now the copies are joined; expected values printed by TensorFlow 2.21's
    ``tf.compat.v1`` for this program.  A multiple of 0 (TF1's empty tensor) is refused, naming it."""
    x = tf.placeholder(tf.float32, [2, 3])
    W = tf.Variable(np.arange(6, dtype=np.float32).reshape(2, 3) / 5)
    lx = tf.log(x) * W
    t = tf.tile(lx, [2, 3])
    v = tf.tile(tf.reshape(lx, [-1])[::2], [3])
    weights = tf.constant(np.arange(36, dtype=np.float32).reshape(4, 9))
    loss = tf.add_n([tf.reduce_sum(tf.minimum(t * weights, 2.)), tf.reduce_sum(tf.minimum(v, 0.5))])
    (g,) = tf.gradients(loss, [W])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        first = sess.run([t, v, loss, g], {x: [[1.0, 0.0, 2.0], [3.0, 0.5, 4.0]]})
        second = sess.run([loss, g], {x: [[1.5, 1.0, 2.0], [3.0, 0.5, 4.0]]})
    inf = math.inf
    expected = [
        [[0.0, -inf, 0.27725887298583984, 0.0, -inf, 0.27725887298583984, 0.0, -inf, 0.27725887298583984], [0.6591674089431763, -0.5545177459716797, 1.3862943649291992, 0.6591674089431763, -0.5545177459716797, 1.3862943649291992, 0.6591674089431763, -0.5545177459716797, 1.3862943649291992], [0.0, -inf, 0.27725887298583984, 0.0, -inf, 0.27725887298583984, 0.0, -inf, 0.27725887298583984], [0.6591674089431763, -0.5545177459716797, 1.3862943649291992, 0.6591674089431763, -0.5545177459716797, 1.3862943649291992, 0.6591674089431763, -0.5545177459716797, 1.3862943649291992]],
        [0.0, 0.27725887298583984, -0.5545177459716797, 0.0, 0.27725887298583984, -0.5545177459716797, 0.0, 0.27725887298583984, -0.5545177459716797],
        -inf,
        [[0.0, -inf, 6.931471824645996], [0.0, -93.57486724853516, 0.0]],
        -40.08730697631836,
        [[30.409881591796875, 0.0, 6.931471824645996], [0.0, -93.57486724853516, 0.0]],
    ]
    for ours, theirs in zip(first + second, expected, strict=True):
        np.testing.assert_array_equal(np.asarray(ours), np.asarray(theirs, np.float32))
    with pytest.raises(UnsupportedOperationError, match="repeat dimension 0 0 times: empty tensors"):
        tf.tile(lx, [0, 1])


def test_a_gather_copies_the_rows_it_picks():
    """tf.gather, tf.nn.embedding_lookup and tf.gather_nd were products with one-hot rows, so an inf in a row (or
    column) not picked made NaN of every picked one: the policy-gradient loss of an action chosen among actions
    masked with log(0) = -inf, ``tf.gather_nd(log_softmax(z), tf.stack([tf.range(n), a], 1))``, was NaN, as was an
    embedding lookup of rows beside a -inf row.  Now they copy (``numpy.take``, ``take_along_axis``).  Expected
    values printed by TensorFlow 2.21's ``tf.compat.v1`` for this program: the values to the bit, the gradients
    within float32 rounding (TF1's kernels compute log_softmax's and log's gradients in another order)."""
    mask = tf.placeholder(tf.float32, [None, 3])
    W = tf.Variable([[1.0, -1.0, 0.5], [0.25, 2.0, -0.5]])
    x = tf.placeholder(tf.float32, [None, 2])
    z = tf.matmul(x, W) + tf.log(mask)  # invalid actions masked with log(0) = -inf
    logp = tf.nn.log_softmax(z)
    a = tf.placeholder(tf.int32, [None])
    chosen = tf.gather_nd(logp, tf.stack([tf.range(tf.shape(logp)[0]), a], axis=1))
    pg = -tf.reduce_mean(chosen)
    (gW,) = tf.gradients(pg, [W])
    table = tf.Variable(np.arange(8, dtype=np.float32).reshape(4, 2))
    lt = tf.log(table)  # row 0 holds log(0) = -inf
    ids = tf.placeholder(tf.int32, [None])
    emb = tf.nn.embedding_lookup(lt, ids)
    nd2 = tf.gather_nd(lt, [[2, 1], [3, 0]])
    cols = tf.gather(lt, [1], axis=1)
    el = tf.reduce_sum(emb) + tf.reduce_sum(nd2)
    (gT,) = tf.gradients(el, [table])
    feed = {x: [[1., 2.], [0.5, -1.], [2., 0.]], mask: [[1., 0., 1.], [1., 1., 1.], [0., 1., 1.]], a: [0, 1, 2],
            ids: [2, 3, 2]}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = sess.run([chosen, pg, gW, emb, nd2, cols, el, gT], feed)
    nan = math.nan
    expected = [
        [-0.12692804634571075, -3.7479257583618164, -0.04858732968568802],
        1.3078137636184692,
        [[0.021706249564886093, -0.1311216503381729, 0.10941542685031891],
         [-0.2023497223854065, 0.32547780871391296, -0.12312808632850647]],
        [[1.3862943649291992, 1.6094379425048828], [1.7917594909667969, 1.9459102153778076],
         [1.3862943649291992, 1.6094379425048828]],
        [1.6094379425048828, 1.7917594909667969],
        [[0.0], [1.0986123085021973], [1.6094379425048828], [1.9459102153778076]],
        13.130331993103027,
        [[nan, 0.0], [0.0, 0.0], [0.4999999701976776, 0.5999999642372131], [0.3333333432674408, 0.1428571343421936]],
    ]
    for index, (ours, theirs) in enumerate(zip(values, expected, strict=True)):
        theirs = np.asarray(theirs, np.float32)
        if index in (2, 7):  # gradients
            np.testing.assert_allclose(np.asarray(ours), theirs, rtol=2e-6, atol=0)
        else:
            np.testing.assert_array_equal(np.asarray(ours), theirs)


def test_a_jax_training_step_through_slices_that_skip_rows():
    """probe31 P31-1: the gradient of a negative-step slice that skips rows (``v[::-2]``) is a take by a list of
    indices, which ``jax.numpy.take`` refuses (a bare TypeError in the JAX session's step); printed as an array it
    runs, with the NumPy session's numbers."""
    pytest.importorskip("jax")
    v = tf.Variable([1.0, 2.0, 3.0])
    W = tf.Variable(np.arange(20, dtype=np.float32).reshape(5, 4) / 10)
    loss = tf.add_n([tf.reduce_sum(v[::-2] * [1.0, 2.0]), tf.reduce_sum(tf.square(W[::-2, ::-1])),
                     tf.reduce_sum(W[-1:0:-2]), tf.reduce_sum(tf.reverse(W, [1])[:, ::2])])
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    runs = []
    for config in (None, tf.ConfigProto(backend="jax")):
        with tf.Session(config=config) as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(3):
                sess.run(train)
            runs.append(sess.run([loss, v, W]))
    np.testing.assert_array_equal(runs[1][1], runs[0][1])
    np.testing.assert_allclose(runs[1][2], runs[0][2], rtol=1e-6)
    np.testing.assert_allclose(runs[1][0], runs[0][0], rtol=1e-6)
    assert runs[0][0] == np.float32(10.866329)  # TF 2.21 tf.compat.v1, as v:
    assert runs[0][1].tolist() == [0.40000003576278687, 2.0, 2.700000286102295]


def test_a_range_of_a_known_dimension_is_its_numbers():
    """probe31 P31-2: ``tf.range(tf.shape(q)[0])`` of a ``q`` whose rows are known (a replay batch of fixed size)
    was refused with a message naming that very spelling; its limit is a constant, so it is the constant range, as
    TF1 (values printed by TensorFlow 2.21's ``tf.compat.v1``)."""
    q = tf.placeholder(tf.float32, [4, 3])
    a = tf.placeholder(tf.int32, [4])
    q_a = tf.gather_nd(q, tf.stack([tf.range(tf.shape(q)[0]), a], axis=1))
    ranges = [tf.range(tf.shape(q)[1], dtype=tf.float32), tf.range(tf.size(a)), tf.range(tf.constant(1), tf.shape(q)[0] + 3, 2)]
    with tf.Session() as sess:
        values = sess.run([q_a] + ranges, {q: np.arange(12.).reshape(4, 3), a: [0, 2, 1, 2]})
    assert values[0].tolist() == [0.0, 5.0, 7.0, 11.0]
    assert [v.dtype.name for v in values[1:]] == ["float32", "int32", "int32"]
    assert [v.tolist() for v in values[1:]] == [[0.0, 1.0, 2.0], [0, 1, 2, 3], [1, 3, 5]]
    n = tf.shape(q)[0]  # final35 F35-1: the widest dtype of all three arguments, as TF1 (a float start: float32)
    with tf.Session() as sess:
        floats = sess.run([tf.range(0.5, n), tf.range(0, n, 1.5), tf.range(np.float64(0), n)])
    assert [(v.tolist(), v.dtype.name) for v in floats] == [([0.5, 1.5, 2.5, 3.5], "float32"),
                                                            ([0.0, 1.5, 3.0], "float32"),
                                                            ([0.0, 1.0, 2.0, 3.0], "float64")]


def test_a_slice_from_a_fed_begin_picks_that_entry():
    """probe31 P31-3: Arthur Juliani's multi-armed bandit picks the chosen arm's weight with
    ``tf.slice(weights, action_holder, [1])``, a fed ``begin``: a bare ValueError about "an initial value".  Now
    the entry at that index (TF 2.21's numbers, step by step); an index out of range is TF1's
    InvalidArgumentError; another run-time window is a typed refusal."""
    weights = tf.Variable(tf.ones([4]))
    action_holder = tf.placeholder(shape=[1], dtype=tf.int32)
    reward_holder = tf.placeholder(shape=[1], dtype=tf.float32)
    responsible_weight = tf.slice(weights, action_holder, [1])
    loss = -(tf.log(responsible_weight) * reward_holder)
    update = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        seen = [sess.run([update, responsible_weight], {action_holder: [a], reward_holder: [r]})[1].tolist()
                for a, r in [(2, 1.0), (0, -1.0), (2, 1.0), (3, 0.5)]]
        assert seen == [[1.0], [1.0], [np.float32(1.1)], [1.0]]
        assert sess.run(weights).tolist() == [0.8999999761581421, 1.0, 1.1909091472625732, 1.0499999523162842]
        with pytest.raises(tf.errors.InvalidArgumentError):
            sess.run(responsible_weight, {action_holder: [7]})
        with pytest.raises(tf.errors.InvalidArgumentError, match="-1"):  # P31-8: not the last entry, as TF1
            sess.run(update, {action_holder: [-1], reward_holder: [1.0]})
        assert sess.run(weights).tolist() == [0.8999999761581421, 1.0, 1.1909091472625732, 1.0499999523162842]
    with pytest.raises(UnsupportedOperationError, match="one entry of a vector"):
        tf.slice(weights, action_holder, [2])


def test_a_one_hot_of_infinities_chooses_its_values():
    """probe31 P31-10: ``tf.one_hot(bad, n, on_value=-np.inf, off_value=0.0)`` (a mask of invalid actions added to
    the logits) was ``on * onehot + off * (1 - onehot)``, NaN off the hot entry (``0 * -inf``): the loss, its
    gradient and one step's weights were NaN.  Now the values are chosen, as TF1's kernel; every expected value was
    printed by TensorFlow 2.21's ``tf.compat.v1`` for this program."""
    bad, a = tf.placeholder(tf.int32, [None]), tf.placeholder(tf.int32, [None])
    x = tf.placeholder(tf.float32, [None, 2])
    W = tf.Variable([[0.5, -0.2, 0.1], [0.3, 0.2, -0.4]])
    mask = tf.one_hot(bad, 3, on_value=-np.inf, off_value=0.0)
    z = tf.matmul(x, W) + mask
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=a, logits=z))
    (g,) = tf.gradients(loss, W)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    others = [tf.one_hot(bad, 3, 5, 2), tf.one_hot(bad, 3, on_value=True, off_value=False),
              tf.one_hot(bad, 3, 2.5, np.nan), tf.one_hot(bad[0], 3, 7.0, -1.0),
              tf.one_hot(bad, 3, axis=0, on_value=np.inf), tf.one_hot(bad, 3, dtype=tf.float64)]
    fd = {bad: [0, 2], a: [1, 0], x: [[1.0, 2.0], [-1.0, 0.5]]}
    inf, nan = math.inf, math.nan
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        masked, value, gradient = sess.run([mask, loss, g], fd)
        sess.run(train, fd)
        weights, chosen = sess.run(W), sess.run(others, fd)
    np.testing.assert_array_equal(masked, [[-inf, 0.0, 0.0], [0.0, 0.0, -inf]])
    assert value == np.float32(0.7056046724319458)
    np.testing.assert_array_equal(gradient, np.float32([[0.3285052180290222, -0.4730304777622223, 0.14452524483203888],
                                                         [-0.1642526090145111, -0.12479791045188904, 0.28905048966407776]]))
    np.testing.assert_array_equal(weights, np.float32([[0.4671494662761688, -0.15269695222377777, 0.08554747700691223],
                                                        [0.31642526388168335, 0.21247979998588562, -0.42890506982803345]]))
    expected = [([[5, 2, 2], [2, 2, 5]], "int32"), ([[True, False, False], [False, False, True]], "bool"),
                ([[2.5, nan, nan], [nan, nan, 2.5]], "float32"), ([7.0, -1.0, -1.0], "float32"),
                ([[inf, 0.0], [0.0, 0.0], [0.0, inf]], "float32"), ([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]], "float64")]
    for ours, (theirs, dtype) in zip(chosen, expected, strict=True):
        assert ours.dtype == dtype
        np.testing.assert_array_equal(ours, np.asarray(theirs, dtype))


def test_an_infinite_gradient_of_a_gathered_row_stays_in_its_row():
    """probe31 P31-11: the gradient of a gather was the product O^T G with the one-hot rows, so an inf in one
    looked-up row's gradient (exp(100) overflowing float32) made NaN of that column in every other row, rows never
    looked up included, and one step corrupted them; TF1's scatter-add keeps it in its own row.  Expected values
    printed by TensorFlow 2.21's ``tf.compat.v1`` (exp(2)'s last bit aside: float32 exp differs by an ulp)."""
    E = tf.Variable([[0.1, 0.2], [100., 0.3], [0.5, -0.5], [0., 1.]])
    ids = tf.placeholder(tf.int32, [None])
    loss = tf.reduce_sum(tf.exp(tf.nn.embedding_lookup(E, ids)))
    g = tf.convert_to_tensor(tf.gradients(loss, E)[0])
    q = tf.Variable([[100., 1., 2.], [0.5, 0.25, 3.]])
    a = tf.placeholder(tf.int32, [2])
    chosen = tf.gather_nd(q, tf.stack([tf.range(2), a], axis=1))
    (gq,) = tf.gradients(tf.reduce_sum(tf.exp(chosen)), q)
    gc = tf.convert_to_tensor(tf.gradients(tf.reduce_sum(tf.exp(tf.gather(q, [0, 2], axis=1))), q)[0])
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    inf = math.inf
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        fd = {ids: [0, 1, 2, 0], a: [0, 2]}
        values = sess.run([g, gq, gc], fd)
        sess.run(train, fd)
        values.append(sess.run(E))
    expected = [[[2.2103419303894043, 2.442805528640747], [inf, 1.3498587608337402],
                 [1.6487212181091309, 0.6065306663513184], [0.0, 0.0]],
                [[inf, 0.0, 0.0], [0.0, 0.0, 20.08553695678711]],
                [[inf, 0.0, 7.389056205749512], [1.6487212181091309, 0.0, 20.08553695678711]],
                [[-0.12103419750928879, -0.044280558824539185], [-inf, 0.1650141328573227],
                 [0.33512789011001587, -0.5606530904769897], [0.0, 1.0]]]
    for ours, theirs in zip(values, expected, strict=True):
        np.testing.assert_allclose(ours, np.asarray(theirs, np.float32), rtol=2e-7, atol=0)  # inf and 0 exactly


def test_other_run_time_slice_bounds_are_named_refusals():
    """probe31 P31-8: tf.strided_slice with a fed begin and tf.slice with a fed size were a bare ValueError about
    "an initial value"; they are typed refusals naming the forms that run."""
    w = tf.Variable([1., 2., 3., 4.])
    begin, size = tf.placeholder(tf.int32, [1]), tf.placeholder(tf.int32, [1])
    with pytest.raises(UnsupportedOperationError, match="'StridedSlice' begin .* known only when the graph runs"):
        tf.strided_slice(w, begin, begin + 1)
    with pytest.raises(UnsupportedOperationError, match=r"'Slice' size .* tf.slice\(x, begin, \[1\]\)"):
        tf.slice(w, [1], size)
