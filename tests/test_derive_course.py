"""derive on vectorized networks, in the course's notation (issue 10): exact text, LaTeX, Markdown and code
for logistic regression, the 2-layer tanh/sigmoid network, an L-layer ReLU/softmax network and rows as
examples; numbers at a point checked against the compiled gradient; the course lines against symopt.grad."""

import numpy as np
import pytest
import sympy
from sympy import OneMatrix

import symopt
from symopt import ops
from symopt.display import derive
from symopt.display.numbers import bind_arrays, compiled_gradient, line_values
from symopt.display.notation import text
from symopt.errors import UnsupportedOperationError
from symopt.nodes import elementwise
from symopt.symbols import BATCH


def two_layer():
    """The course's 2-layer network, examples as columns, with its explicit cross-entropy."""
    X, Y = symopt.Placeholder("X", (2, None)), symopt.Placeholder("Y", (1, None))
    W1, b1 = symopt.Variable("W1", 0.0, shape=(4, 2)), symopt.Variable("b1", 0.0, shape=(4, 1))
    W2, b2 = symopt.Variable("W2", 0.0, shape=(1, 4)), symopt.Variable("b2", 0.0, shape=(1, 1))
    Z1 = ops.bias_add(ops.matmul(W1, X), b1)
    A1 = ops.tanh(Z1)
    Z2 = ops.bias_add(ops.matmul(W2, A1), b2)
    A2 = ops.sigmoid(Z2)
    ones = OneMatrix(*A2.shape)
    J = -ops.sum(ops.hadamard(Y, ops.log(A2)) + ops.hadamard(ones - Y, ops.log(ones - A2))) / X.shape[1]
    return dict(X=X, Y=Y, Z1=Z1, A1=A1, Z2=Z2, A2=A2, J=J, wrt=[W1, b1, W2, b2])


def logistic(explicit=True):
    """Logistic regression Z = wᵀX + b, written with logs or with ops.sigmoid_cross_entropy."""
    X, Y = symopt.Placeholder("X", (3, None)), symopt.Placeholder("Y", (1, None))
    w, b = symopt.Variable("w", 0.0, shape=(3, 1)), symopt.Variable("b", 0.0, shape=(1, 1))
    Z = ops.bias_add(ops.matmul(ops.transpose(w), X), b)
    A = ops.sigmoid(Z)
    ones = OneMatrix(*A.shape)
    if explicit:
        J = -ops.sum(ops.hadamard(Y, ops.log(A)) + ops.hadamard(ones - Y, ops.log(ones - A))) / X.shape[1]
    else:
        J = ops.sigmoid_cross_entropy(Z, Y)
    return dict(X=X, Y=Y, Z=Z, A=A, J=J, wrt=[w, b])


def deep_relu_softmax(sizes=(3, 5, 4, 2)):
    """An L-layer ReLU network with a softmax output, examples as columns."""
    X, Y = symopt.Placeholder("X", (sizes[0], None)), symopt.Placeholder("Y", (sizes[-1], None))
    A, wrt = X, []
    for layer in range(1, len(sizes)):
        W = symopt.Variable(f"W{layer}", 0.0, shape=(sizes[layer], sizes[layer - 1]))
        b = symopt.Variable(f"b{layer}", 0.0, shape=(sizes[layer], 1))
        wrt += [W, b]
        Z = ops.bias_add(ops.matmul(W, A), b)
        A = ops.relu(Z)
    return dict(X=X, Y=Y, J=ops.softmax_cross_entropy(Z, Y, axis=0), wrt=wrt)


def rows_two_layer():
    """The 2-layer network with examples as rows: Z = X W + b."""
    X, Y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("Y", (None, 1))
    W1, b1 = symopt.Variable("W1", 0.0, shape=(2, 4)), symopt.Variable("b1", 0.0, shape=(1, 4))
    W2, b2 = symopt.Variable("W2", 0.0, shape=(4, 1)), symopt.Variable("b2", 0.0, shape=(1, 1))
    Z1 = ops.bias_add(ops.matmul(X, W1), b1)
    Z2 = ops.bias_add(ops.matmul(ops.tanh(Z1), W2), b2)
    return dict(X=X, Y=Y, J=ops.sigmoid_cross_entropy(Z2, Y), wrt=[W1, b1, W2, b2])


TWO_LAYER_AT_POINT = {
    "X": np.array([[1.0, -2.0, 0.5], [0.0, 1.0, 2.0]]), "Y": np.array([[1.0, 0.0, 1.0]]),
    "W1": np.array([[0.5, -0.5], [0.25, 0.0], [-1.0, 0.5], [0.0, 0.25]]), "W2": np.array([[1.0, -1.0, 0.5, 0.0]]),
}

TWO_LAYER_TEXT = r"""forward
  Z₁ = W₁ X + b₁
  A₁ = tanh(Z₁)
  Z₂ = W₂ A₁ + b₂
  A₂ = σ(Z₂)
  L = -(Y·log(A₂) + (1 - Y)·log(1 - A₂))
  J = (1/m) Σ L
backward (dZ = m·∂J/∂Z, the gradient of each example's loss L; Σ sums over the examples, axis 1, dimensions kept)
  dZ₂ (1×m) = A₂ - Y
  dW₂ (1×4) = (1/m) dZ₂ (1×m) · A₁ᵀ (m×4)
  db₂ (1×1) = (1/m) Σ dZ₂ (1×m)
  dZ₁ (4×m) = W₂ᵀ (4×1) · dZ₂ (1×m) ∗ (1 - A₁²) (4×m)
  dW₁ (4×2) = (1/m) dZ₁ (4×m) · Xᵀ (m×2)
  db₁ (4×1) = (1/m) Σ dZ₁ (4×m)"""

TWO_LAYER_LATEX = r"""\begin{aligned}
&\text{forward} \\
Z_{1} &= W_{1} X + b_{1} \\
A_{1} &= \tanh{\left(Z_{1} \right)} \\
Z_{2} &= W_{2} A_{1} + b_{2} \\
A_{2} &= \sigma\left(Z_{2}\right) \\
L &= - \left(Y \log{\left(A_{2} \right)} + \left(1 - Y\right) \log{\left(1 - A_{2} \right)}\right) \\
J &= \frac{1}{m} \sum L \\
&\text{backward} \quad dZ = m \, \partial J / \partial Z,\; \textstyle\sum = \text{sum over the examples (axis 1)} \\
\underset{1 \times m}{dZ_{2}} &= A_{2} - Y \\
\underset{1 \times 4}{dW_{2}} &= \frac{1}{m} \underset{1 \times m}{dZ_{2}} \cdot \underset{m \times 4}{A_{1}^{T}} \\
\underset{1 \times 1}{db_{2}} &= \frac{1}{m} \sum \underset{1 \times m}{dZ_{2}} \\
\underset{4 \times m}{dZ_{1}} &= \underset{4 \times 1}{W_{2}^{T}} \cdot \underset{1 \times m}{dZ_{2}} \ast \underset{4 \times m}{\left(1 - A_{1}^{2}\right)} \\
\underset{4 \times 2}{dW_{1}} &= \frac{1}{m} \underset{4 \times m}{dZ_{1}} \cdot \underset{m \times 2}{X^{T}} \\
\underset{4 \times 1}{db_{1}} &= \frac{1}{m} \sum \underset{4 \times m}{dZ_{1}}
\end{aligned}"""

TWO_LAYER_PLAIN = r"""forward
  Z₁ = W₁ X + b₁
  A₁ = tanh(Z₁)
  Z₂ = W₂ A₁ + b₂
  A₂ = σ(Z₂)
  L = -(Y·log(A₂) + (1 - Y)·log(1 - A₂))
  J = (1/m) Σ L
backward (dZ = m·∂J/∂Z, the gradient of each example's loss L; Σ sums over the examples, axis 1, dimensions kept)
  dZ₂ = A₂ - Y
  dW₂ = (1/m) dZ₂ A₁ᵀ
  db₂ = (1/m) Σ dZ₂
  dZ₁ = W₂ᵀ dZ₂ ∗ (1 - A₁²)
  dW₁ = (1/m) dZ₁ Xᵀ
  db₁ = (1/m) Σ dZ₁"""

TWO_LAYER_MARKDOWN = r"""**Forward**

$$
\begin{aligned}
Z_{1} &= W_{1} X + b_{1} \\
A_{1} &= \tanh{\left(Z_{1} \right)} \\
Z_{2} &= W_{2} A_{1} + b_{2} \\
A_{2} &= \sigma\left(Z_{2}\right) \\
L &= - \left(Y \log{\left(A_{2} \right)} + \left(1 - Y\right) \log{\left(1 - A_{2} \right)}\right) \\
J &= \frac{1}{m} \sum L
\end{aligned}
$$

**Backward (chain rule)** ($dZ = m \, \partial J / \partial Z,\; \textstyle\sum = \text{sum over the examples (axis 1)}$)

$$
\begin{aligned}
dZ_{2} &= A_{2} - Y \\
dW_{2} &= \frac{1}{m} dZ_{2} \cdot A_{1}^{T} \\
db_{2} &= \frac{1}{m} \sum dZ_{2} \\
dZ_{1} &= W_{2}^{T} \cdot dZ_{2} \ast \left(1 - A_{1}^{2}\right) \\
dW_{1} &= \frac{1}{m} dZ_{1} \cdot X^{T} \\
db_{1} &= \frac{1}{m} \sum dZ_{1}
\end{aligned}
$$
"""

TWO_LAYER_CODE = r"""dZ2 = A2 - Y  # (1×m)
dW2 = 1/m * dZ2 @ A1.T  # (1×4)
db2 = 1/m * np.sum(dZ2, axis=1, keepdims=True)  # (1×1)
dZ1 = W2.T @ dZ2 * (1 - A1**2)  # (4×m)
dW1 = 1/m * dZ1 @ X.T  # (4×2)
db1 = 1/m * np.sum(dZ1, axis=1, keepdims=True)  # (4×1)"""

TWO_LAYER_AT = r"""forward (m = 3)
  Z₁ = W₁ X + b₁ = [[0.5, -1.5, -0.75], [0.25, -0.5, 0.125], [-1, 2.5, 0.5], [0, 0.25, 0.5]]
  A₁ = tanh(Z₁) = [[0.4621, -0.9051, -0.6351], [0.2449, -0.4621, 0.1244], [-0.7616, 0.9866, 0.4621], [0, 0.2449, 0.4621]]
  Z₂ = W₂ A₁ + b₂ = [[-0.1636, 0.05028, -0.5284]]
  A₂ = σ(Z₂) = [[0.4592, 0.5126, 0.3709]]
  L = -(Y·log(A₂) + (1 - Y)·log(1 - A₂)) = [[0.7783, 0.7186, 0.9919]]
  J = (1/m) Σ L = 0.8296
backward (dZ = m·∂J/∂Z, the gradient of each example's loss L; Σ sums over the examples, axis 1, dimensions kept)
  dZ₂ = A₂ - Y = [[-0.5408, 0.5126, -0.6291]]
  dW₂ = (1/m) dZ₂ A₁ᵀ = [[-0.1048, -0.1492, 0.209, -0.05506]]
  db₂ = (1/m) Σ dZ₂ = [[-0.2191]]
  dZ₁ = W₂ᵀ dZ₂ ∗ (1 - A₁²) = [[-0.4253, 0.09262, -0.3753], [0.5084, -0.4031, 0.6194], [-0.1136, 0.006815, -0.2474], [0, 0, 0]]
  dW₁ = (1/m) dZ₁ Xᵀ = [[-0.2661, -0.2193], [0.5414, 0.2786], [-0.08363, -0.1627], [0, 0]]
  db₁ = (1/m) Σ dZ₁ = [[-0.236], [0.2416], [-0.118], [0]]"""

LOGISTIC_TEXT = r"""forward
  Z = wᵀ X + b
  A = σ(Z)
  L = -(Y·log(A) + (1 - Y)·log(1 - A))
  J = (1/m) Σ L
backward (dZ = m·∂J/∂Z, the gradient of each example's loss L; Σ sums over the examples, axis 1, dimensions kept)
  dZ (1×m) = A - Y
  dw (3×1) = (1/m) X (3×m) · dZᵀ (m×1)
  db (1×1) = (1/m) Σ dZ (1×m)"""

LOGISTIC_LATEX = r"""\begin{aligned}
&\text{forward} \\
Z &= w^{T} X + b \\
A &= \sigma\left(Z\right) \\
L &= - \left(Y \log{\left(A \right)} + \left(1 - Y\right) \log{\left(1 - A \right)}\right) \\
J &= \frac{1}{m} \sum L \\
&\text{backward} \quad dZ = m \, \partial J / \partial Z,\; \textstyle\sum = \text{sum over the examples (axis 1)} \\
\underset{1 \times m}{dZ} &= A - Y \\
\underset{3 \times 1}{dw} &= \frac{1}{m} \underset{3 \times m}{X} \cdot \underset{m \times 1}{dZ^{T}} \\
\underset{1 \times 1}{db} &= \frac{1}{m} \sum \underset{1 \times m}{dZ}
\end{aligned}"""

LOGISTIC_CODE = r"""dZ = A - Y  # (1×m)
dw = 1/m * X @ dZ.T  # (3×1)
db = 1/m * np.sum(dZ, axis=1, keepdims=True)  # (1×1)"""

DEEP_TEXT = r"""forward
  Z₁ = W₁ X + b₁
  A₁ = relu(Z₁)
  Z₂ = W₂ A₁ + b₂
  A₂ = relu(Z₂)
  Z₃ = W₃ A₂ + b₃
  A₃ = softmax(Z₃)
  L = -Y·log(A₃)
  J = (1/m) Σᵢⱼ L
backward (dZ = m·∂J/∂Z, the gradient of each example's loss (the sum of its column of L); Σ sums over the examples, axis 1, dimensions kept; L has one entry per output and example (2 per example), so the cost line's Σᵢⱼ sums every entry of L (np.sum without axis); Y is one-hot (each example's labels sum to 1), so softmax and log cancel to A₃ - Y)
  dZ₃ = A₃ - Y
  dW₃ = (1/m) dZ₃ A₂ᵀ
  db₃ = (1/m) Σ dZ₃
  dZ₂ = W₃ᵀ dZ₃ ∗ (Z₂ > 0)
  dW₂ = (1/m) dZ₂ A₁ᵀ
  db₂ = (1/m) Σ dZ₂
  dZ₁ = W₂ᵀ dZ₂ ∗ (Z₁ > 0)
  dW₁ = (1/m) dZ₁ Xᵀ
  db₁ = (1/m) Σ dZ₁"""

DEEP_LATEX = r"""\begin{aligned}
&\text{forward} \\
Z_{1} &= W_{1} X + b_{1} \\
A_{1} &= \operatorname{relu}{\left(Z_{1} \right)} \\
Z_{2} &= W_{2} A_{1} + b_{2} \\
A_{2} &= \operatorname{relu}{\left(Z_{2} \right)} \\
Z_{3} &= W_{3} A_{2} + b_{3} \\
A_{3} &= \operatorname{softmax}{\left(Z_{3} \right)} \\
L &= - Y \log{\left(A_{3} \right)} \\
J &= \frac{1}{m} \sum_{i,j} L \\
&\text{backward} \quad dZ = m \, \partial J / \partial Z, \\
&\quad \text{the gradient of each example's loss (the sum of its column of $L$)}, \\
&\quad \textstyle\sum\text{ sums over the examples, axis 1},\; \text{dimensions kept} \\
&\quad \text{$L$ has one entry per output and example (2 per example), so the cost} \\
&\qquad \text{line's $\sum_{i,j}$ sums every entry of $L$ (np.sum without axis)} \\
&\quad \text{$Y$ is one-hot (each example's labels sum to 1), so softmax and log cancel} \\
&\qquad \text{to $A_{3} - Y$} \\
dZ_{3} &= A_{3} - Y \\
dW_{3} &= \frac{1}{m} dZ_{3} \cdot A_{2}^{T} \\
db_{3} &= \frac{1}{m} \sum dZ_{3} \\
dZ_{2} &= W_{3}^{T} \cdot dZ_{3} \ast \left(Z_{2} > 0\right) \\
dW_{2} &= \frac{1}{m} dZ_{2} \cdot A_{1}^{T} \\
db_{2} &= \frac{1}{m} \sum dZ_{2} \\
dZ_{1} &= W_{2}^{T} \cdot dZ_{2} \ast \left(Z_{1} > 0\right) \\
dW_{1} &= \frac{1}{m} dZ_{1} \cdot X^{T} \\
db_{1} &= \frac{1}{m} \sum dZ_{1}
\end{aligned}"""

DEEP_CODE = r"""dZ3 = A3 - Y
dW3 = 1/m * dZ3 @ A2.T
db3 = 1/m * np.sum(dZ3, axis=1, keepdims=True)
dZ2 = W3.T @ dZ3 * (Z2 > 0)
dW2 = 1/m * dZ2 @ A1.T
db2 = 1/m * np.sum(dZ2, axis=1, keepdims=True)
dZ1 = W2.T @ dZ2 * (Z1 > 0)
dW1 = 1/m * dZ1 @ X.T
db1 = 1/m * np.sum(dZ1, axis=1, keepdims=True)"""

ROWS_TEXT = r"""forward
  Z₁ = X W₁ + b₁
  A₁ = tanh(Z₁)
  Z₂ = A₁ W₂ + b₂
  A₂ = σ(Z₂)
  L = softplus(Z₂) - Y·Z₂
  J = (1/m) Σ L
backward (dZ = m·∂J/∂Z, the gradient of each example's loss L; Σ sums over the examples, axis 0, dimensions kept)
  dZ₂ (m×1) = A₂ - Y
  dW₂ (4×1) = (1/m) A₁ᵀ (4×m) · dZ₂ (m×1)
  db₂ (1×1) = (1/m) Σ dZ₂ (m×1)
  dZ₁ (m×4) = dZ₂ (m×1) · W₂ᵀ (1×4) ∗ (1 - A₁²) (m×4)
  dW₁ (2×4) = (1/m) Xᵀ (2×m) · dZ₁ (m×4)
  db₁ (1×4) = (1/m) Σ dZ₁ (m×4)"""

ROWS_LATEX = r"""\begin{aligned}
&\text{forward} \\
Z_{1} &= X W_{1} + b_{1} \\
A_{1} &= \tanh{\left(Z_{1} \right)} \\
Z_{2} &= A_{1} W_{2} + b_{2} \\
A_{2} &= \sigma\left(Z_{2}\right) \\
L &= \operatorname{softplus}{\left(Z_{2} \right)} - Y \cdot Z_{2} \\
J &= \frac{1}{m} \sum L \\
&\text{backward} \quad dZ = m \, \partial J / \partial Z,\; \textstyle\sum = \text{sum over the examples (axis 0)} \\
\underset{m \times 1}{dZ_{2}} &= A_{2} - Y \\
\underset{4 \times 1}{dW_{2}} &= \frac{1}{m} \underset{4 \times m}{A_{1}^{T}} \cdot \underset{m \times 1}{dZ_{2}} \\
\underset{1 \times 1}{db_{2}} &= \frac{1}{m} \sum \underset{m \times 1}{dZ_{2}} \\
\underset{m \times 4}{dZ_{1}} &= \underset{m \times 1}{dZ_{2}} \cdot \underset{1 \times 4}{W_{2}^{T}} \ast \underset{m \times 4}{\left(1 - A_{1}^{2}\right)} \\
\underset{2 \times 4}{dW_{1}} &= \frac{1}{m} \underset{2 \times m}{X^{T}} \cdot \underset{m \times 4}{dZ_{1}} \\
\underset{1 \times 4}{db_{1}} &= \frac{1}{m} \sum \underset{m \times 4}{dZ_{1}}
\end{aligned}"""

ROWS_CODE = r"""dZ2 = A2 - Y  # (m×1)
dW2 = 1/m * A1.T @ dZ2  # (4×1)
db2 = 1/m * np.sum(dZ2, axis=0, keepdims=True)  # (1×1)
dZ1 = dZ2 @ W2.T * (1 - A1**2)  # (m×4)
dW1 = 1/m * X.T @ dZ1  # (2×4)
db1 = 1/m * np.sum(dZ1, axis=0, keepdims=True)  # (1×4)"""


# ---------------------------------------------------------------- exact strings, each model, each format

def test_two_layer_network_in_the_course_notation():
    model = two_layer()
    assert str(derive(model["J"], model["wrt"])) == TWO_LAYER_TEXT
    assert derive(model["J"], model["wrt"]).latex() == TWO_LAYER_LATEX
    assert str(derive(model["J"], model["wrt"], shapes=False)) == TWO_LAYER_PLAIN
    assert derive(model["J"], model["wrt"], shapes=False).markdown() == TWO_LAYER_MARKDOWN
    assert str(derive(model["J"], model["wrt"], notation="code")) == TWO_LAYER_CODE


def test_names_of_the_course_give_the_same_derivation():
    model = two_layer()
    names = {model["Z1"]: "Z1", model["A1"]: "A1", model["Z2"]: "Z2", model["A2"]: "A2"}
    assert str(derive(model["J"], model["wrt"], names=names)) == TWO_LAYER_TEXT
    renamed = str(derive(model["J"], model["wrt"], names={model["Z1"]: "H", model["A1"]: "G"}, shapes=False))
    assert "  dZ₂ = A₂ - Y\n" in renamed and "  dH = W₂ᵀ dZ₂ ∗ (1 - G²)\n" in renamed
    assert "  dW₁ = (1/m) dH Xᵀ\n" in renamed and "  Z₂ = W₂ G + b₂\n" in renamed


def test_logistic_regression_with_names_and_the_explicit_cross_entropy():
    model = logistic()
    derivation = derive(model["J"], model["wrt"], names={model["Z"]: "Z", model["A"]: "A"})
    assert str(derivation) == LOGISTIC_TEXT
    assert derivation.latex() == LOGISTIC_LATEX
    assert derivation.code() == LOGISTIC_CODE


def test_sigmoid_cross_entropy_gives_the_same_backward_lines_as_the_explicit_cost():
    explicit, stable = logistic(True), logistic(False)
    backward = [str(derive(m["J"], m["wrt"])).split("backward")[1] for m in (explicit, stable)]
    assert backward[0] == backward[1]
    assert "  dZ (1×m) = A - Y\n" in backward[1]


def test_deep_relu_network_with_softmax():
    model = deep_relu_softmax()
    derivation = derive(model["J"], model["wrt"], shapes=False)
    assert str(derivation) == DEEP_TEXT
    assert derivation.latex() == DEEP_LATEX
    assert derivation.code() == DEEP_CODE


def test_examples_as_rows_move_the_transposes():
    model = rows_two_layer()
    derivation = derive(model["J"], model["wrt"])
    assert str(derivation) == ROWS_TEXT
    assert derivation.latex() == ROWS_LATEX
    assert derivation.code() == ROWS_CODE


@pytest.mark.parametrize("build", [two_layer, logistic, deep_relu_softmax, rows_two_layer])
def test_text_latex_and_markdown_show_the_same_lines(build):
    model = build()
    derivation = derive(model["J"], model["wrt"])
    latex_rows = [row for row in derivation.latex().split(" \\\\\n") if not row.startswith(("&", "\\begin"))]
    markdown = derivation.markdown()
    assert all(row.replace("\n\\end{aligned}", "") in markdown for row in latex_rows)
    assert len(str(derivation).splitlines()) == len(derivation.forward) + len(derivation.backward) + 3


# ---------------------------------------------------------------- the course lines are the gradient

def _random_point(model, seed):
    rng = np.random.default_rng(seed)
    examples = 5
    point = {}
    for symbol in [model["X"], model["Y"], *model["wrt"]]:
        shape = tuple(examples if d == BATCH else int(d) for d in symbol.shape)
        point[symbol] = rng.normal(size=shape)
    if model["Y"].shape[1] == BATCH and model["Y"].shape[0] != 1:  # one-hot columns for the softmax
        point[model["Y"]] = np.eye(int(model["Y"].shape[0]))[:, rng.integers(0, int(model["Y"].shape[0]), examples)]
    else:
        point[model["Y"]] = (point[model["Y"]] > 0).astype(float)
    return point


@pytest.mark.parametrize("build", [two_layer, logistic, deep_relu_softmax, rows_two_layer,
                                   lambda: logistic(False)])
def test_every_parameter_line_equals_the_compiled_gradient(build):
    model = build()
    derivation = derive(model["J"], model["wrt"])
    for seed in range(3):
        arrays = bind_arrays(model["J"], _random_point(model, seed))
        examples = arrays[model["X"]].shape[derivation.network.example_axis]
        values = line_values(derivation, arrays, {BATCH: examples})
        _, compiled = compiled_gradient(model["J"], model["wrt"], arrays)
        for parameter, gradient in compiled.items():
            shown = values[derivation.line("d" + str(parameter.name)).symbol]
            np.testing.assert_allclose(shown, gradient, rtol=1e-9, atol=1e-12)


def test_numbers_at_a_point():
    model = two_layer()
    assert str(derive(model["J"], model["wrt"], at=TWO_LAYER_AT_POINT, shapes=False)) == TWO_LAYER_AT


def test_a_saturated_sigmoid_is_finite_in_the_course_form_and_noted():
    model = logistic()
    point = {"X": np.array([[800.0, 1.0], [0.0, 1.0], [0.0, 1.0]]), "Y": np.array([[0.0, 1.0]]),
             "w": np.array([[1.0], [0.0], [0.0]])}
    shown = str(derive(model["J"], model["wrt"], at=point, shapes=False))
    assert "  dZ = A - Y = [[1, -0.2689]]\n" in shown and "  J = (1/m) Σ L = ∞\n" in shown
    assert "the compiled gradient of the cost as written is not finite for w, b here (see symopt.explain)" in shown


def test_softmax_lines_refuse_labels_that_are_not_one_hot():
    model = deep_relu_softmax()
    point = _random_point(model, 0)
    point[model["Y"]] = np.full(point[model["Y"]].shape, 0.9)
    with pytest.raises(UnsupportedOperationError, match="one-hot"):
        derive(model["J"], model["wrt"], at=point)


# ---------------------------------------------------------------- what is refused, and the text printer

def test_derive_refuses_what_grad_refuses():
    w = sympy.Symbol("w")
    cost = symopt.sigmoid(w) + sympy.Function("mystery")(w)
    with pytest.raises(UnsupportedOperationError) as from_grad:
        symopt.grad(cost, w)
    with pytest.raises(UnsupportedOperationError) as from_derive:
        derive(cost, w)
    assert str(from_derive.value) == str(from_grad.value)


def test_an_entrywise_reciprocal_of_a_difference_keeps_its_parentheses():
    Y = symopt.Placeholder("Y", (1, None))
    reciprocal = elementwise(lambda v: 1 / v, OneMatrix(1, BATCH) - Y)
    assert text(reciprocal) == "(1/(𝟙 - Y))"
    assert text(ops.hadamard(Y, reciprocal)) == "Y∘(1/(𝟙 - Y))"
    assert text(ops.log(OneMatrix(1, BATCH) - Y)) == "log(𝟙 - Y)"


# ---------------------------------------------------------------- size never decides

def test_a_chain_of_160_sigmoids_is_derived_step_by_step():
    w = sympy.Symbol("w")
    cost = w
    for _ in range(160):
        cost = symopt.sigmoid(cost)
    derivation = derive(cost, w, at={w: 0.5})
    lines = str(derivation).splitlines()
    assert len(derivation.forward.steps) == 160 and len(derivation.backward) == 160
    assert len(lines) == 1 + 160 + 1 + 160 + 1 + 1
    assert lines[0] == "forward (w = 0.5)" and lines[161] == "backward" and lines[-2] == "gradient"
    assert lines[162].startswith("  du₁₅₂ = (1 - σ(u₁₅₂))·σ(u₁₅₂) = ")
    assert lines[200].startswith("  du₁₁₄ = u₁₁₅(1 - u₁₁₅)·du₁₁₅ = ")  # each step written with its consumer's dx
    value, slope = 0.5, 1.0
    for _ in range(160):
        value = 1 / (1 + np.exp(-value))
        slope *= value * (1 - value)
    shown = float(lines[-1].rsplit(" = ", 1)[1])
    assert lines[-1].startswith("  dJ/dw = u(1 - u)·du = ") and abs(shown - slope) <= 1e-5 * slope


def test_names_that_name_no_layer_are_refused():
    model = two_layer()
    from symopt.errors import ConfigurationError
    with pytest.raises(ConfigurationError, match="name neither a layer's Z"):
        derive(model["J"], model["wrt"], names={model["X"].T: "Xt"})
    with pytest.raises(ConfigurationError, match="its own name"):
        derive(model["J"], model["wrt"], names={model["Z1"]: "Z2"})


@pytest.mark.parametrize("cost", [
    symopt.relu(3 * sympy.Symbol("w") - sympy.Symbol("b")) ** 2 + symopt.softplus(sympy.Symbol("w")),
    sympy.tanh(sympy.Symbol("w") * sympy.Symbol("b")) + sympy.exp(-sympy.Symbol("w") ** 2) * sympy.Abs(sympy.Symbol("b")),
    symopt.leaky_relu(sympy.Symbol("w") - 1, 0.2) / (1 + sympy.Symbol("b") ** 2) + sympy.sqrt(1 + sympy.Symbol("w") ** 2),
])
def test_the_derivation_agrees_with_grad_numerically(cost):
    """derive writes its steps with sympy.diff; symopt.grad's rule table is the authority: they agree."""
    w, b = sympy.Symbol("w"), sympy.Symbol("b")
    derivation = derive(cost, [w, b])
    rng = np.random.default_rng(3)
    for _ in range(5):
        point = {w: sympy.Float(rng.normal() * 2), b: sympy.Float(rng.normal() * 2)}
        for symbol in (w, b):
            shown = float(derivation.gradient[symbol].xreplace(point).evalf())
            authority = float(symopt.grad(cost, symbol).xreplace(point).evalf())
            assert abs(shown - authority) <= 1e-9 * max(1.0, abs(authority))


def test_names_with_every_step_match_sums_in_any_term_order():
    """SymPy re-sorts Z = wᵀX + b inside log(σ(Z)); names still find it (this crashed with 'Dummy' before)."""
    model = logistic()
    shown = str(derive(model["J"], model["wrt"], names={model["Z"]: "Z", model["A"]: "A"}, steps="all"))
    assert "  A = σ(Z)\n" in shown and "  dp = dq∘(1/p)\n" in shown and "  db = dZ·𝟙\n" in shown
