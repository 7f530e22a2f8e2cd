"""Messages that said the wrong thing or nothing to do (probe20 P20-2, P20-5, P20-3, P20-7)."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import FeedError, ShapeError


def test_examples_as_columns_on_the_left_are_told_the_data_comes_last():
    """P20-2: ``Xc @ Wc`` with examples as columns was told 'the data comes first (X @ W, not W @ X)'."""
    Xc, Wc = symopt.Placeholder("Xc", (4, None)), symopt.Variable("Wc", 0.0, shape=(3, 4))
    with pytest.raises(ShapeError, match=r"the batch dimension m is the columns of Xc \(examples as columns\), so "
                                         r"the data comes last \(W @ X, not X @ W\)"):
        Xc @ Wc
    with pytest.raises(ShapeError, match=r"the data comes first \(X @ W, not W @ X\)"):  # the row layout, unchanged
        Wc @ symopt.Placeholder("X", (None, 4))


def test_two_factors_over_the_examples_are_told_the_transpose():
    X = symopt.Placeholder("X", (None, 3))
    H, Z = X @ symopt.Variable("W", 0.0, shape=(3, 3)), X @ symopt.Variable("V", 0.0, shape=(3, 2))
    with pytest.raises(ShapeError, match=r"both factors have the m examples as rows: a sum over the examples is the "
                                         r"left factor transposed \(X\*W\)\.T @ \.\.\."):
        H @ Z


def test_a_scalar_loss_plus_a_one_by_one_penalty_is_told_to_take_the_entry():
    """P20-5: λ wᵀw beside a scalar loss was told to broadcast the loss over a matrix of ones."""
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    w = symopt.Variable("w", 0.0, shape=(3, 1))
    loss = ops.mean(ops.square(X @ w - y))
    with pytest.raises(ShapeError) as raised:
        loss + 0.1 * w.T @ w
    message = str(raised.value)
    assert r"meets the 1 x 1 matrix 0.1*w.T*w, which SymPy does not read as a number. Take its entry, " \
           r"(0.1*w.T*w)[0, 0]" in message
    assert "OneMatrix" not in message and "bias_add" not in message
    fixed = loss + (0.1 * w.T @ w)[0, 0]
    Xd, yd, wd = np.ones((2, 3)), np.zeros((2, 1)), np.array([[1.0], [2.0], [3.0]])
    assert symopt.evaluate(fixed, {X: Xd, y: yd, w: wd}) == pytest.approx(36.0 + 0.1 * 14.0)


X4, Y3 = symopt.Placeholder("X", (None, 4)), symopt.Placeholder("Y", (None, 3))
W43, B13 = symopt.Variable("W", 0.0, shape=(4, 3)), symopt.Variable("b", 0.0, shape=(1, 3))
COST = ops.softmax_cross_entropy(ops.bias_add(X4 @ W43, B13), Y3)
FEATURES, LABELS = np.zeros((50, 4)), np.arange(50) % 3


@pytest.mark.parametrize("data, advice", [
    ({X4: FEATURES.T, Y3: np.eye(3)[LABELS]}, r"given \(4, 50\)\. The examples go along axis 0 of X \(its None axis\); "
                                              r"given them along the other: pass value\.T\."),
    ({X4: FEATURES, Y3: LABELS}, r"given \(50,\)\. Y holds 3 columns, one per class \(one-hot labels\); given class "
                                 r"indices, encode them: numpy\.eye\(3\)\[labels\.ravel\(\)\.astype\(int\)\]\."),
    ({X4: FEATURES, Y3: LABELS[:, None]}, r"given \(50, 1\)\. Y holds 3 columns, one per class"),
], ids=["transposed", "class-indices", "class-column"])
def test_the_common_feeding_mistakes_are_told_the_fix(data, advice):
    """P20-3: 'expected shape (None, 4); given (4, 50).' and nothing to do."""
    with pytest.raises(ShapeError, match=advice):
        symopt.minimize(COST, [W43, B13], data=data, steps=2)


def test_a_number_for_a_matrix_parameter_names_numpy_full():
    with pytest.raises(ShapeError, match=r"value for W: expected shape \(4, 3\); given \(\)\. For every entry the same "
                                         r"number, give numpy\.full\(\(4, 3\), value\)\."):
        symopt.minimize(COST, {W43: 0.5, B13: np.zeros((1, 3))}, data={X4: FEATURES, Y3: np.eye(3)[LABELS]}, steps=1)


def test_one_example_given_as_a_vector_is_told_the_reshape_for_its_layout():
    with pytest.raises(ShapeError, match=r"For one example given as a vector feed value\.reshape\(1, -1\)\."):
        symopt.evaluate(ops.softmax(X4 @ W43), {X4: np.array([1.0, 2, 3, 4]), W43: np.zeros((4, 3))})
    Xc = symopt.Placeholder("Xc", (4, None))
    with pytest.raises(ShapeError, match=r"For one example given as a vector feed value\.reshape\(-1, 1\)\."):
        symopt.evaluate(W43.T @ Xc, {Xc: np.array([1.0, 2, 3, 4]), W43: np.zeros((4, 3))})


def test_an_initial_value_of_the_wrong_shape_is_told_the_fix():
    with pytest.raises(ShapeError, match=r"expected shape \(3, 1\), given \(3,\)\. Feed a column: value\.reshape\(-1, "
                                         r"1\), or declare Variable\('w', \.\.\., shape=\(3,\)\) for a vector\."):
        symopt.Variable("w", np.zeros(3), shape=(3, 1))
    with pytest.raises(ShapeError, match=r"expected shape \(3, 2\), given \(2, 3\)\. Transpose it: value\.T\."):
        symopt.Variable("V", np.zeros((2, 3)), shape=(3, 2))


@pytest.mark.parametrize("options", [{"steps": 1}, {"batch_size": 2}, {"epochs": 1}])
def test_a_list_of_arrays_as_data_is_told_to_name_the_placeholders_whatever_the_run_length(options):
    """P20-7: data=[X, y] with steps= or batch_size= was told it is a stream of mini-batches and to use epochs=."""
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    w = symopt.Variable("w", 0.0, shape=(3, 1))
    with pytest.raises(FeedError, match=r"given list whose first item is ndarray\. Write data=\{X: features, "
                                        r"y: targets\}"):
        symopt.minimize(ops.mean(ops.square(X @ w - y)), w, data=[np.ones((4, 3)), np.ones((4, 1))], **options)
    with pytest.raises(FeedError, match=r"given a NumPy array of shape \(4, 3\)\."):
        symopt.minimize(ops.mean(ops.square(X @ w - y)), w, data=np.ones((4, 3)), **options)


def _one_by_one_cases():
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    w, W = symopt.Variable("w", 0.0, shape=(3, 1)), symopt.Variable("W", 0.0, shape=(3, 3))
    n = sympy.Symbol("n")
    x, A = sympy.MatrixSymbol("x", n, 1), sympy.MatrixSymbol("A", n, n)
    r = X @ w - y
    return [(lambda: (r.T @ r) * W, r"\(\(-y\.T \+ w\.T\*X\.T\)\*\(X\*w - y\)\)\[0, 0\] \* W"),
            (lambda: (w.T @ w) * W, r"\(w\.T\*w\)\[0, 0\] \* W or symopt\.ops\.sum\(w\.T\*w\) \* W"),
            (lambda: W * (w.T @ w), r"W \* \(w\.T\*w\)\[0, 0\] or W \* symopt\.ops\.sum\(w\.T\*w\)"),
            (lambda: (x.T @ x) * A, r"\(x\.T\*x\)\[0, 0\] \* A or symopt\.ops\.sum\(x\.T\*x\) \* A")]


@pytest.mark.parametrize("case", range(4), ids=["(r.T@r)*W", "(w.T@w)*W", "W*(w.T@w)", "(x.T@x)*A of size n"])
def test_a_one_by_one_factor_scaling_a_matrix_is_told_to_take_its_number(case):
    """review10 R10-5: NumPy's ``(r.T @ r) * W`` (a (1, 1) array scales W) was told to check the order of the
    factors, and with a user's size n that "the data comes first"."""
    build, fix = _one_by_one_cases()[case]
    with pytest.raises(ShapeError, match=r"is a 1 x 1 matrix, which SymPy does not read as a number; for the number "
                                         r"it holds write " + fix) as raised:
        build()
    assert "data comes" not in str(raised.value) and "order of the factors" not in str(raised.value)


def test_the_fix_for_a_one_by_one_factor_gives_numpys_value():
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    w, W = symopt.Variable("w", 0.0, shape=(3, 1)), symopt.Variable("W", 0.0, shape=(3, 3))
    r = X @ w - y
    rng = np.random.default_rng(0)
    Xd, yd, wd, Wd = rng.normal(size=(5, 3)), rng.normal(size=(5, 1)), rng.normal(size=(3, 1)), rng.normal(size=(3, 3))
    rd = Xd @ wd - yd
    for fixed in ((r.T @ r)[0, 0] * W, ops.sum(r.T @ r) * W):
        value = symopt.evaluate(ops.sum(fixed), {X: Xd, y: yd, w: wd, W: Wd})
        assert value == pytest.approx(np.sum((rd.T @ rd) * Wd), rel=1e-12)


def test_a_size_of_the_users_own_is_not_called_the_batch():
    """R10-5: ``_batch`` took every Symbol for the batch size; ``n`` of ``MatrixSymbol('x', n, 1)`` is the user's."""
    n = sympy.Symbol("n")
    A, x = sympy.MatrixSymbol("A", n, n), sympy.MatrixSymbol("x", n, 1)
    with pytest.raises(ShapeError) as raised:
        A @ x.T
    assert "examples" not in str(raised.value) and "batch" not in str(raised.value)
    assert "(a, b) @ (b, c) needs the same b" in str(raised.value)


def test_sympy_mul_of_two_products_names_the_products_the_user_wrote():
    """R10-5: ``sympy.Mul(X @ W, X @ W)`` (SymPy flattens it to X, W, X, W) was told "the data comes first (X @ W,
    not W @ X)", which the user wrote; it is the (m, 3) @ (m, 3) of ``(X @ W) * (X @ W)``, told the square."""
    X, W = symopt.Placeholder("X", (None, 3)), symopt.Variable("W", 0.0, shape=(3, 3))
    for build in (lambda: sympy.Mul(X @ W, X @ W), lambda: (X @ W) * (X @ W)):
        with pytest.raises(ShapeError, match=r"matrix product X\*W \(shape \(m, 3\)\) @ X\*W \(shape \(m, 3\)\): "
                                             r"inner dimensions 3 and m differ; .*symopt\.ops\.square\(X\*W\)") as raised:
            build()
        assert "data comes first" not in str(raised.value)


@pytest.mark.parametrize("labels", [symopt.Placeholder("y", (None, 1)), symopt.Placeholder("y", (None,))],
                         ids=["(None, 1)", "(None,)"])
def test_class_index_labels_at_build_time_are_told_the_one_hot_encoding(labels):
    """P20-3: ``softmax_cross_entropy(X @ W, y)`` with one label per example was told "elementwise product of
    matrices of shapes (m, 1), (m, 3)", operands in the other order, and nothing about one-hot labels."""
    with pytest.raises(ShapeError, match=r"softmax_cross_entropy: the labels y \(shape \(m, 1\)\) and the logits X\*W "
                                         r"\(shape \(m, 3\)\) differ in shape: given one label per example \(class "
                                         r"indices\), .*Declare the labels symopt\.Placeholder\('Y', \(None, 3\)\) and "
                                         r"feed numpy\.eye\(3\)\[labels\.ravel\(\)\.astype\(int\)\]\."):
        ops.softmax_cross_entropy(X4 @ W43, labels)


def test_class_index_labels_with_examples_as_columns_are_told_the_transposed_encoding():
    W, X = symopt.Variable("W", 0.0, shape=(3, 4)), symopt.Placeholder("X", (4, None))
    with pytest.raises(ShapeError, match=r"Placeholder\('Y', \(3, None\)\) and feed "
                                         r"numpy\.eye\(3\)\[labels\.ravel\(\)\.astype\(int\)\]\.T\."):
        ops.softmax_cross_entropy(W @ X, symopt.Placeholder("y", (1, None)), axis=0)
    with pytest.raises(ShapeError, match=r"the labels need the logits' shape, one entry per class and example"):
        ops.softmax_cross_entropy(W @ X, symopt.Placeholder("Y", (2, None)), axis=0)


def test_the_encoding_the_message_names_gives_the_cross_entropy_of_the_class_indices():
    rng = np.random.default_rng(1)
    Xd, Wd, labels = rng.normal(size=(6, 4)), rng.normal(size=(4, 3)), np.array([0, 2, 1, 1, 0, 2])
    value = symopt.evaluate(ops.softmax_cross_entropy(X4 @ W43, Y3), {X4: Xd, W43: Wd, Y3: np.eye(3)[labels]})
    z = Xd @ Wd
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    assert value == pytest.approx(-np.mean(log_p[np.arange(6), labels]), rel=1e-13)


def test_a_one_by_one_penalty_message_shows_no_sympy_internals():
    """P20-5: the scalar side was printed as SymPy's text, ``sum(HadamardPower(X*w - y, 2))/m`` or
    ``Lambda(_d, _d**2)``, where the user wrote ops.square and a lambda."""
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    w = symopt.Variable("w", 0.0, shape=(3, 1))
    for build in (lambda: ops.mean(ops.square(X @ w - y)) + 0.1 * w.T @ w,
                  lambda: 0.1 * (w.T @ w) + ops.mean(ops.square(X @ w - y)),
                  lambda: ops.sum((X @ w - y).applyfunc(lambda v: v ** 2)) + w.T @ w):
        with pytest.raises(ShapeError, match=r"the scalar meets the 1 x 1 matrix (0\.1\*)?w\.T\*w, which SymPy does "
                                             r"not read as a number\. Take its entry") as raised:
            build()
        assert not any(word in str(raised.value) for word in ("HadamardPower", "Lambda", "_d"))
