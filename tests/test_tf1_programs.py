"""TF1 programs of every kind learners meet (tests/tf1_programs/), run unchanged through the runner
(``import tensorflow as tf`` served by symopt) and checked against independent oracles: TF1's documented
outputs where they exist, hand NumPy with TF1's float32 updates (tests/tf1_reference.py) otherwise."""

import pathlib
import sys

import numpy as np
import pytest

from symopt.compat.v1.runner import run_program

PROGRAMS = pathlib.Path(__file__).parent / "tf1_programs"
sys.path.insert(0, str(PROGRAMS))
sys.path.insert(0, str(pathlib.Path(__file__).parent))

import digits_data  # noqa: E402
import tf1_reference as ref  # noqa: E402


def run(name, capsys, *argv):
    """Run a program; return (its stdout lines, its globals)."""
    namespace = run_program(str(PROGRAMS / f"{name}.py"), [str(a) for a in argv])
    return capsys.readouterr().out.splitlines(), namespace


def numbers(line: str) -> list:
    return [float(token) for token in line.replace("[", " ").replace("]", " ").replace(",", " ").split()
            if token.lstrip("-").replace(".", "", 1).replace("e-", "", 1).replace("e+", "", 1).isdigit()]


def test_hello_world(capsys):
    lines, _ = run("hello_world", capsys)
    assert lines == ["b'Hello, TensorFlow!'"]


def test_basic_operations(capsys):
    lines, _ = run("basic_operations", capsys)
    assert lines == ["a=2, b=3", "Addition with constants: 5", "Multiplication with constants: 6",
                     "Addition with variables: 5", "Multiplication with variables: 6", "[[12.]]",
                     "21 45", "2.5 3 -4 -3", "0", "1", "2", "3"]


def test_getting_started_prints_tf1s_documented_numbers(capsys):
    lines, _ = run("getting_started", capsys)
    # TF's getting-started guide printed [0. 0.30000001 0.60000002 0.90000004] and
    # W: [-0.9999969] b: [ 0.99999082] loss: 5.69997e-11 (older NumPy formatting of the same float32 values)
    assert lines[0] == "[0.         0.3        0.6        0.90000004]"
    assert lines[1] == "W: [-0.9999969] b: [0.9999908] loss: 5.6999738e-11"
    w, b = np.float32([0.3]), np.float32([-0.3])
    x, y = np.float32([1, 2, 3, 4]), np.float32([0, -1, -2, -3])
    for _ in range(1000):
        residual = w * x + b - y
        gw, gb = (np.float32(2) * residual * x).sum(keepdims=True), (np.float32(2) * residual).sum(keepdims=True)
        w, b = w - gw * np.float32(0.01), b - gb * np.float32(0.01)
    np.testing.assert_allclose([w[0], b[0]], [-0.9999969, 0.9999908], rtol=2e-6)


def test_linear_regression_feeds_scalars_then_arrays_to_one_placeholder(capsys):
    lines, namespace = run("linear_regression", capsys)
    rng = np.random.RandomState(0)
    w, b = np.float32(rng.randn()), np.float32(rng.randn())
    xs, ys = namespace["train_X"].astype(np.float32), namespace["train_Y"].astype(np.float32)
    n2, lr = np.float32(2 * len(xs)), np.float32(0.01)
    for _ in range(40):
        for x, y in zip(xs, ys):
            residual = x * w + b - y
            w, b = w - np.float32(2) * residual * x / n2 * lr, b - np.float32(2) * residual / n2 * lr
    cost = ((xs * w + b - ys) ** 2).sum() / n2
    final = numbers(lines[-2])  # the program's last print ends with an extra '\n'
    np.testing.assert_allclose(final, [cost, w, b], rtol=1e-5)
    assert lines[-3] == "Optimization Finished!"


def _softmax_regression(steps, learning_rate, batches, loss_kind):
    params = [np.zeros((64, 10), np.float32), np.zeros(10, np.float32)]
    losses = ref.train_dense(params, ["linear"], batches, loss_kind, ref.GradientDescent(learning_rate))
    return params, losses


def test_logistic_regression_matches_numpy(capsys):
    lines, _ = run("logistic_regression", capsys)
    train_x, train_y, test_x, test_y = digits_data.load()
    batches = [(train_x[i * 100:(i + 1) * 100], train_y[i * 100:(i + 1) * 100]) for _ in range(5) for i in range(15)]
    params, losses = _softmax_regression(75, 0.1, batches, "softmax")
    averages = [sum(np.float64(c) / 15 for c in losses[e * 15:(e + 1) * 15]) for e in range(5)]
    printed = [numbers(line)[-1] for line in lines if line.startswith("Epoch")]
    np.testing.assert_allclose(printed, averages, rtol=1e-5)
    accuracy = np.mean(np.argmax(test_x @ params[0] + params[1], 1) == np.argmax(test_y, 1))
    assert numbers(lines[-1])[0] == pytest.approx(accuracy, abs=1e-6)


def test_mnist_softmax_tutorial_with_app_run_and_argparse(capsys):
    with pytest.raises(SystemExit) as exit_:
        run("mnist_softmax", capsys, "--steps", "30")
    assert exit_.value.code is None
    lines = capsys.readouterr().out.splitlines()
    train_x, train_y, test_x, test_y = digits_data.load()
    batches = [(train_x[(s * 100) % 1500:(s * 100) % 1500 + 100], train_y[(s * 100) % 1500:(s * 100) % 1500 + 100])
               for s in range(30)]
    params, _ = _softmax_regression(30, 0.5, batches, "softmax")
    accuracy = np.mean(np.argmax(test_x @ params[0] + params[1], 1) == np.argmax(test_y, 1))
    test_loss, _ = ref.dense_network(params, ["linear"], test_x, test_y, "softmax")
    assert float(lines[0]) == pytest.approx(accuracy, abs=1e-6)
    assert float(lines[1]) == pytest.approx(test_loss, rel=1e-5)


def test_nearest_neighbor(capsys):
    lines, _ = run("nearest_neighbor", capsys)
    train_x, train_y, test_x, test_y = digits_data.load()
    test_x, test_y = test_x[:50], test_y[:50]
    nearest = [int(np.argmin(np.abs(train_x - x).sum(axis=1))) for x in test_x]
    accuracy = np.mean([np.argmax(train_y[n]) == np.argmax(y) for n, y in zip(nearest, test_y)])
    assert numbers(lines[-1])[0] == pytest.approx(accuracy)
    assert lines[0] == f"Test 0 Prediction: {np.argmax(train_y[nearest[0]])} True Class: {np.argmax(test_y[0])}"


def test_raw_mlp_with_adam_matches_numpy(capsys):
    lines, namespace = run("mlp_raw", capsys)
    np.random.seed(1)
    shapes = [(64, 32), (32, 16), (16, 10)]
    weights = [(np.random.randn(*s) * 0.1).astype(np.float32) for s in shapes]
    biases = [(np.random.randn(s[1]) * 0.1).astype(np.float32) for s in shapes]
    params = [weights[0], biases[0], weights[1], biases[1], weights[2], biases[2]]
    train_x, train_y, _, _ = digits_data.load()
    batches = [(train_x[i * 100:(i + 1) * 100], train_y[i * 100:(i + 1) * 100]) for _ in range(3) for i in range(15)]
    losses = ref.train_dense(params, ["relu", "relu", "linear"], batches, "softmax", ref.Adam(0.001))
    np.testing.assert_allclose(namespace["costs"], losses, rtol=2e-5)


def test_layered_mlp_names_and_trains(capsys):
    lines, namespace = run("mlp_layers", capsys)
    assert lines[5] == ("Variables: ['dense/kernel:0', 'dense/bias:0', 'fully_connected/weights:0', "
                        "'fully_connected/biases:0', 'dense_1/kernel:0', 'dense_1/bias:0']")
    losses = [numbers(line)[-1] for line in lines[:5]]
    assert losses[-1] < losses[0] and all(np.isfinite(losses))
    kernel = namespace["tf"].trainable_variables()[0].start_value
    limit = np.sqrt(6 / (64 + 32))  # xavier_initializer = Glorot uniform
    assert kernel.shape == (64, 32) and np.abs(kernel).max() <= limit and np.abs(kernel).max() > 0.9 * limit


def test_autoencoder_with_rmsprop_matches_numpy(capsys):
    lines, _ = run("autoencoder", capsys)
    np.random.seed(2)
    shapes = [(64, 32), (32, 16), (16, 32), (32, 64)]
    weights = [np.random.randn(*s).astype(np.float32) for s in shapes]
    biases = [np.random.randn(s[1]).astype(np.float32) for s in shapes]
    params = [p for pair in zip(weights, biases) for p in pair]
    train_x, _, _, _ = digits_data.load(one_hot=False)
    batches = [(train_x[((i - 1) * 100) % 1500:((i - 1) * 100) % 1500 + 100],) * 2 for i in range(1, 61)]
    losses = ref.train_dense(params, ["sigmoid"] * 4, batches, "mse", ref.RMSProp(0.01))
    printed = [numbers(line)[-1] for line in lines if line.startswith("Step")]
    np.testing.assert_allclose(printed, [losses[0], losses[19], losses[39], losses[59]], rtol=1e-5)


def test_save_restore_without_initializer(capsys, tmp_path):
    lines, _ = run("save_restore", capsys, tmp_path)
    assert "Restored b1 equal: True" in lines
    accuracies = [line for line in lines if line.startswith("Accuracy:")]
    assert len(accuracies) == 2 and accuracies[0] == accuracies[1]


def test_tensorboard_basics_writes_events_tensorboard_reads(capsys, tmp_path):
    accumulator = pytest.importorskip("tensorboard.backend.event_processing.event_accumulator")
    lines, _ = run("tensorboard_basics", capsys, tmp_path)
    assert lines[0] == "Model/Softmax:0 Loss/Mean:0"
    (path,) = tmp_path.glob("events.out.tfevents.*")
    events = accumulator.EventAccumulator(str(path), size_guidance={accumulator.SCALARS: 0,
                                                                    accumulator.HISTOGRAMS: 0})
    events.Reload()
    # TF 2.21 tf.compat.v1: the name scopes Loss and Accuracy already hold the names (counted without regard to
    # case, as the variable Weights does), so the summaries are named, and tagged, loss_1, accuracy_1 and weights_1
    assert sorted(events.Tags()["scalars"]) == ["accuracy_1", "loss_1"]
    scalars = events.Scalars("loss_1")
    assert [e.step for e in scalars] == list(range(45))
    losses = [e.value for e in scalars]
    printed = [numbers(line)[-1] for line in lines if line.startswith("Epoch")]
    averages = [sum(np.float64(c) / 15 for c in losses[e * 15:(e + 1) * 15]) for e in range(3)]
    np.testing.assert_allclose(printed, averages, rtol=1e-6)
    histograms = events.Histograms("weights_1")
    assert len(histograms) == 45
    first = histograms[0].histogram_value
    assert (first.num, first.min, first.max, first.sum) == (640, 0.0, 0.0, 0.0)
    assert {"Model/Softmax", "Loss/Mean", "Weights"} <= {node.name for node in events.Graph().node}


def test_variable_sharing(capsys):
    lines, _ = run("variable_sharing", capsys)
    assert lines == ["model/layer1/weights:0",
                     "['model/layer1/weights:0', 'model/layer1/biases:0', 'model/layer2/weights:0', "
                     "'model/layer2/biases:0']",
                     "ValueError: Variable model/layer1/weights already exists",
                     "True (2, 2)"]


def test_course_exercise_prints_the_courses_expected_output_and_trains_as_numpy_adam(capsys):
    lines, namespace = run("course_exercise", capsys)
    text = "\n".join(lines)
    # the course notebook's expected output (TF1, float64 constants from np.random.randn)
    assert "result = [[-2.15657382]\n [ 2.95891446]\n [-1.08926781]\n [-0.84538042]]" in text
    assert "sigmoid(0) = 0.5" in text
    # TF1 printed 0.99999386 (correctly rounded); runtime.sigmoid's fast float32 1/(1+exp(-x)) rounds 1+e^-12
    # first and may land one float32 ulp away (docs/compat.md)
    sigmoid_12 = next(line for line in lines if line.startswith("sigmoid(12) = "))
    np.testing.assert_array_max_ulp(np.float32(sigmoid_12.split("= ")[1]), np.float32(0.99999386), maxulp=1)
    cost_line = next(line for line in lines if line.startswith("cost = ["))
    # within one float32 ulp: TF1's float32 sigmoid is Eigen's, ours NumPy's (docs/compat.md)
    np.testing.assert_array_max_ulp(np.float32(numbers(cost_line)),
                                    np.float32([1.00538719, 1.03664088, 0.41385433, 0.39956614]), maxulp=1)
    assert "ones = [1. 1. 1.]" in text
    for expected in ['W1 = <tf.Variable \'W1:0\' shape=(25, 12288) dtype=float32_ref>',
                     'b1 = <tf.Variable \'b1:0\' shape=(25, 1) dtype=float32_ref>',
                     'Z3 = Tensor("Add_2:0", shape=(6, ?), dtype=float32)',
                     'cost = Tensor("Mean:0", shape=(), dtype=float32)',
                     # TF 1.4+ counts names without case (Graph.unique_name): cost()'s placeholder "y" came first
                     'Y = Tensor("Y_1:0", shape=(6, ?), dtype=float32)']:
        assert expected in lines
    one_hot = text.split("one_hot = \n")[1].split("\nones")[0]
    assert one_hot == ("[[0. 0. 0. 1. 0. 0.]\n [1. 0. 0. 0. 0. 1.]\n [0. 1. 0. 0. 1. 0.]\n"
                       " [0. 0. 1. 0. 0. 0.]]")
    # the model's training: Adam on the course's mini-batches from the program's own initial values
    variables = {v.op_name: v.start_value for v in namespace["tf"].global_variables()}
    params = [variables[name].T.copy() if name.startswith("W") else variables[name].ravel().copy()
              for name in ("W1", "b1", "W2", "b2", "W3", "b3")]
    adam = ref.Adam(0.0001)
    x_train, y_train = namespace["X_train"], namespace["Y_train"]
    epoch_costs = []
    for epoch in range(3):
        batches = namespace["random_mini_batches"](x_train, y_train, 32, 4 + epoch)
        losses = ref.train_dense(params, ["relu", "relu", "linear"], [(x.T, y.T) for x, y in batches], "softmax", adam)
        epoch_costs.append(sum(np.float64(c) / 3 for c in losses))
    printed = [numbers(line)[-1] for line in lines if line.startswith("Cost after epoch")]
    np.testing.assert_allclose(printed, epoch_costs, rtol=1e-5)


def test_binary_classifier_with_shapeless_placeholders_and_varying_batches(capsys):
    lines, namespace = run("binary_classifier", capsys)
    assert lines[0] == 'Tensor("Sigmoid:0", dtype=float32)'
    x_data, y_data = namespace["x_data"], namespace["y_data"]
    w, b, costs = np.zeros((2, 1), np.float32), np.zeros(1, np.float32), []
    for _ in range(20):
        for start in range(0, 100, 32):
            x, y = x_data[start:start + 32], y_data[start:start + 32]
            p = np.float32(1) / (np.float32(1) + np.exp(-(x @ w + b)))
            costs.append(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
            delta = (p - y) / np.float32(len(x))
            w, b = w - (x.T @ delta) * np.float32(0.5), b - delta.sum(axis=0) * np.float32(0.5)
    np.testing.assert_allclose(namespace["costs"], costs, rtol=2e-5)
    accuracy = np.mean((np.float32(1) / (np.float32(1) + np.exp(-(x_data @ w + b))) > 0.5) == y_data)
    assert numbers(lines[-1])[0] == pytest.approx(accuracy)
