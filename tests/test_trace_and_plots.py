"""minimize(trace=True), progress bars and plots."""

import matplotlib
import numpy as np
import pytest

import symopt
from symopt import plot

matplotlib.use("Agg")

w = symopt.Variable("w", 0.0)
LECTURE = w ** 2 - 10 * w + 25


def test_adam_trace_records_parameters_gradients_and_slots():
    result = symopt.minimize(LECTURE, w, optimizer=symopt.Adam(0.1), steps=3, trace=True)
    trace = result.trace
    assert trace.columns == ["step", "cost", "w", "dJ/dw", "m_w", "v_w", "beta1_power", "beta2_power", "lr_t"]
    assert len(trace) == 3
    assert trace.column("w")[0] == 0.0 and trace.column("dJ/dw")[0] == -10.0
    lr = float(np.float32(0.1))
    beta1, beta2 = float(np.float32(0.9)), float(np.float32(0.999))  # TF1's beta powers are float32
    assert trace.column("lr_t")[0] == pytest.approx(lr * np.sqrt(1 - beta2) / (1 - beta1), rel=1e-12)
    assert trace.column("w")[1] == pytest.approx(0.1, rel=1e-6)
    # tracing does not change the trajectory
    plain = symopt.minimize(LECTURE, w, optimizer=symopt.Adam(0.1), steps=3)
    assert plain[w] == result[w] and list(plain.history) == list(result.history)


def test_trace_renders_as_text_markdown_and_html():
    trace = symopt.minimize(LECTURE, w, optimizer=symopt.GradientDescent(0.1), steps=2, trace=True).trace
    assert str(trace).splitlines() == [
        "step  cost  w  dJ/dw",
        "   0    25  0    -10",
        "   1    16  1     -8",
    ]
    assert trace.markdown().splitlines()[:2] == ["| step | cost | w | dJ/dw |", "|---|---|---|---|"]
    assert trace._repr_html_().startswith("<table class='symopt-trace'><thead><tr><th>step</th>")


def test_matrix_parameters_are_summarized_in_the_trace():
    W = symopt.Variable("W", 0.0, shape=(3, 3))
    cost = symopt.ops.sum(symopt.ops.square(W)) - 2 * symopt.ops.sum(W) + 9
    trace = symopt.minimize(cost, W, steps=2, trace=True).trace
    assert trace.markdown().splitlines()[2] == "| 0 | 9 | (3, 3) max abs 0 | (3, 3) max abs 2 |"


def test_progress_bar_is_off_when_not_interactive_and_can_be_forced(capsys):
    symopt.minimize(LECTURE, w, steps=100)
    assert capsys.readouterr().err == ""
    result = symopt.minimize(LECTURE, w, steps=100, progress=True)
    assert result.steps == 100
    assert "100/100" in capsys.readouterr().err


def test_plots_return_axes_with_one_line_per_optimizer():
    b = symopt.Variable("b", 0.0)
    optimizers = {"GD": symopt.GradientDescent(0.05), "Momentum": symopt.Momentum(0.05, 0.9),
                  "Adam": symopt.Adam(0.3)}
    ax = plot.optimizer_paths((w - 5) ** 2 + 3 * (b + 1) ** 2, {w: 0.0, b: 0.0}, optimizers, steps=20)
    assert [line.get_label() for line in ax.get_lines()] == list(optimizers)
    ax = plot.optimizer_paths(LECTURE, {w: 0.0}, optimizers, steps=20)
    assert [line.get_label() for line in ax.get_lines()] == ["J"] + list(optimizers)
    ax = plot.loss_curve({"gd": symopt.minimize(LECTURE, w, steps=30)})
    assert ax.get_yscale() == "log"


def test_generated_code_displays_as_html_in_notebooks():
    html = symopt.compile(LECTURE, w)._repr_html_()
    assert "value_and_grad" in html and "<" in html
    assert symopt.compile(LECTURE, w).operation_counts()["Add"] >= 1
