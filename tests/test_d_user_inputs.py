"""Round 8, d-core: what users hand to the core library (u-probe U11), each refused or taken as they mean it."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.cli import main
from symopt.errors import ConfigurationError, ShapeError, UnsupportedOperationError
from symopt.operators import NUMPY_TO_OPS


def test_a_learning_rate_that_float32_rounds_to_zero_is_refused_before_the_run():
    w = symopt.Variable("w", 0.0)
    assert np.float32(1e-50) == 0  # TF1 rounds a Python-float lr to float32: the run would use lr = 0
    with pytest.raises(ConfigurationError, match=r"lr=1e-50 becomes 0 in float32 .* at least 1\.4e-45"):
        symopt.GradientDescent(1e-50)
    with pytest.raises(ConfigurationError, match=r"epsilon=1e-60 becomes 0 in float32"):
        symopt.Adam(0.1, epsilon=1e-60)
    assert w.init == 0.0
    # exact in a float64 run: numpy.float64 is not rounded (TF1 casts it), nor are PyTorch's hyperparameters
    result = symopt.minimize((w - 3) ** 2, w, optimizer=symopt.GradientDescent(np.float64(1e-50)), steps=1,
                             progress=False)
    assert result.params[w] == 6e-50  # hand: 0 - (2·(0 - 3))·1e-50
    assert symopt.PyTorchAdam(1e-50).hyperparameters["lr"] == 1e-50


def test_the_command_line_refuses_a_learning_rate_that_becomes_zero(capsys):
    assert main(["minimize", "(w-3)^2", "--wrt", "w", "--lr", "1e-50"]) == 2
    err = capsys.readouterr().err  # in the command line's words (probe6 P6): no numpy.float64(...)
    assert "--lr 1e-50: becomes 0 in float32" in err and "numpy" not in err


def test_a_sympy_number_is_a_learning_rate():
    w = symopt.Variable("w", 0.0)
    assert symopt.GradientDescent(sympy.Rational(1, 10)).hyperparameters["lr"] == 0.1
    assert symopt.Momentum(sympy.Float(0.1), sympy.Rational(9, 10)).hyperparameters["momentum"] == 0.9
    result = symopt.minimize((w - 3) ** 2, w, optimizer=symopt.GradientDescent(sympy.Rational(1, 10)), steps=3,
                             progress=False)
    value, lr = 0.0, float(np.float32(0.1))  # hand NumPy: TF1's float32 rounding of the Python float 0.1
    for _ in range(3):
        value -= 2 * (value - 3) * lr
    assert result.params[w] == value
    with pytest.raises(ConfigurationError, match="lr: expected a positive finite number; given -1/10"):
        symopt.GradientDescent(sympy.Rational(-1, 10))


@pytest.mark.parametrize("make, hint", [
    (lambda: symopt.Adam(0.1, epsilon=-1.0),
     "epsilon: expected a positive finite number; given -1.0. Typical values: 1e-8"),  # 0 too (the TF1 layer runs it)
    (lambda: symopt.RMSProp(0.1, epsilon=-1.0), "Typical values: 1e-8 (Adam), 1e-10 (RMSProp)"),
    (lambda: symopt.Adagrad(0.1, initial_accumulator_value=0.0), "Typical values: 0.1 (TF1's default)"),
    (lambda: symopt.GradientDescent(0.0), "lr: expected a positive finite number; given 0.0. Typical values: 0.001 to 0.1"),
])
def test_each_hyperparameter_hint_is_its_own(make, hint):
    with pytest.raises(ConfigurationError) as raised:
        make()
    assert hint in str(raised.value)
    if not hint.startswith("lr"):
        assert "0.001 to 0.1" not in str(raised.value)


def test_a_cost_infinite_at_the_start_is_said_so_on_the_command_line(capsys):
    assert main(["minimize", "exp(w)", "--wrt", "w=1000", "--steps", "3"]) == 1
    err = capsys.readouterr().err
    assert err == ("symopt: the cost is inf at the starting point w = 1000.0: no step was taken, so the learning rate "
                   "is not the cause; start where the cost is finite (--wrt NAME=VALUE)\n")


def test_a_variable_copies_its_initial_array():
    values = np.zeros((2, 2))
    W = symopt.Variable("W", values)
    values[0, 0] = 100.0
    assert W.init.tolist() == [[0.0, 0.0], [0.0, 0.0]]


def test_a_vector_fed_to_a_column_variable_names_a_variable_declaration():
    W = symopt.Variable("W", 0.0, shape=(3, 1))
    with pytest.raises(ShapeError, match=r"declare Variable\('W', \.\.\., shape=\(3,\)\) for a vector"):
        symopt.minimize(ops.sum(ops.square(W)), {W: np.zeros(3)}, steps=1, progress=False)


def test_a_numpy_scalar_on_the_left_of_a_matrix_operator_builds_the_expression():
    W = symopt.Variable("W", np.array([[1.0], [2.0], [3.0]]))
    assert np.float64(2.0) * W == 2.0 * W
    assert np.int64(3) * W == 3 * W
    assert np.float32(0.5) * W == W * np.float32(0.5)
    assert symopt.evaluate(ops.sum(np.float64(2.0) * W), {}) == 12.0  # hand: 2·(1 + 2 + 3)
    X = symopt.Placeholder("X", (None, 3))  # any matrix expression, not only a symbol
    assert np.float64(0.5) * (X @ W) == 0.5 * (X @ W) and np.float64(2.0) * W.T == 2.0 * W.T
    assert symopt.evaluate(ops.sum(np.float64(0.5) * ops.sigmoid(X @ W)), {X: np.zeros((4, 3))}) == 1.0  # 4·σ(0)/2
    with pytest.raises(UnsupportedOperationError, match=r"symopt\.ops\.sum\(X\*W\)"):  # the expression given
        np.sum(X @ W)
    with pytest.raises(ShapeError, match="no implicit broadcasting"):  # as 2.0 + W says
        np.float64(2.0) + W
    with pytest.raises(UnsupportedOperationError, match=r"make it a symopt.Placeholder\('X', \(3, 1\)\)"):
        np.ones((3, 1)) * W
    with pytest.raises(UnsupportedOperationError) as raised:
        np.bool_(True) * W
    assert "2.0 * z" in str(raised.value) and "multiply(" not in str(raised.value)


def test_every_function_a_numpy_refusal_names_exists_in_ops():
    assert set(NUMPY_TO_OPS.values()) <= set(ops.__all__)
    W = symopt.Variable("W", 0.0, shape=(3, 1))
    with pytest.raises(UnsupportedOperationError, match=r"the operator @: X @ W for numpy\.dot"):  # P69-3: not ops.matmul(z)
        np.dot(W.T, W)


@pytest.mark.parametrize("name, latex", [("a%b", r"a\%b"), ("x&y", r"x\&y"), ("x#", r"x\#"), ("z{", r"z\{"),
                                         ("z}", r"z\}"), ("x\\y", r"x\backslash y"), ("z_1", "z_{1}"),
                                         ("hidden_out", "hidden_{out}"), ("a%b_1", r"a\%b_{1}")])
def test_user_names_are_escaped_in_latex(name, latex):
    w, a = sympy.symbols("w a")
    named = symopt.derive((w + a) ** 2, w, names={w + a: name}).latex().splitlines()
    assert named[2] == rf"{latex} &= a + w \\"
    symbol = sympy.Symbol(name)
    assert symopt.derive((w + symbol) ** 2, w).latex().splitlines()[2] in (rf"u &= {latex} + w \\",
                                                                          rf"u &= w + {latex} \\")


def test_the_command_line_explains_a_zero_gradient(capsys):
    """a-probe A7: the command line had derive, graph and minimize but no explain."""
    assert main(["explain", "relu(w*x - 3)^2 + log(v)", "--wrt", "w,v", "--at", "w=1,x=2,v=0.5"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "explain (v = 0.5, w = 1, x = 2)", "  w: zero: dJ/dw = 0",
        "    dead ReLU: q = wx - 3 = -1 ≤ 0, so relu is off: r = relu(q) = 0 and its derivative step(q) = 0",
        "    at dq = step(q)·dr",
        "  v: fine: dJ/dv = 2"]  # hand: relu(1·2 - 3) = 0; d log(v)/dv = 1/0.5
    assert main(["explain", "log(x)", "--wrt", "x", "--at", "y=1"]) == 2
    assert "--at y: not symbols of the expression" in capsys.readouterr().err


def test_a_literal_beyond_float64_is_refused_by_its_range_not_its_digits(capsys):
    """u-probe U11: 1e-400 was refused as "numbers of at most 330 digits"; it is 0 in float64."""
    for literal, becomes in (("1e-400", "0"), ("2e308", "infinite")):
        assert main(["minimize", f"w**2*{literal} + w**2", "--wrt", "w=1", "--steps", "2"]) == 2
        assert capsys.readouterr().err == (
            f"symopt: expected a number within float64's range (about 5e-324 to 1.8e308), got number '{literal}' at "
            f"column 6; it would be {becomes} in the computation: rescale the problem\n")
    assert main(["minimize", "w**2*1e-300 + w**2", "--wrt", "w=1", "--steps", "1"]) == 0
    w = 1 - 2 * float(np.float32(0.01))  # hand: one GD step (TF1's float32 lr); 1 + 1e-300 is 1 in float64
    assert capsys.readouterr().out.splitlines()[-1] == f"final cost = {w * w}"


def test_an_unwritable_checkpoint_folder_is_named_as_such():
    """u-probe U11: checkpoint='/proc/ck.npz' said "No such file or directory: '/proc'" (it exists, not writable)."""
    from symopt.checkpoint import check_writable
    from symopt.errors import CheckpointError
    with pytest.raises(CheckpointError, match=r"creating a file in '/proc' failed \(the system says: "):
        check_writable("/proc/ck.npz")
