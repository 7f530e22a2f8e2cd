"""Write the example notebooks from the cell lists below and execute them (outputs saved).

    python examples/build_notebooks.py

The notebooks are data; this script is their source. tests/test_notebooks.py executes every
notebook again and fails on any error.
"""

from __future__ import annotations

import pathlib

import nbformat
from nbclient import NotebookClient

HERE = pathlib.Path(__file__).resolve().parent / "notebooks"


def md(text: str):
    return nbformat.v4.new_markdown_cell(text.strip())


def code(text: str):
    return nbformat.v4.new_code_cell(text.strip())


LECTURE = [
    md("""
# 3.11 TensorFlow — 用 symopt 重现这节课 / the lecture with symopt

这节课用 TensorFlow 1.x 最小化一个高度简化的损失函数 $J(w) = w^2 - 10w + 25 = (w-5)^2$。
下面先用 symopt 自己的接口推导梯度、生成代码、训练；再把课上的 TensorFlow 程序原样运行，只改一行 import。

The lecture minimizes the toy cost $J(w) = w^2 - 10w + 25 = (w-5)^2$ with TensorFlow 1.x. Here we first
derive, compile and train with symopt's own API, then run the lecture's TensorFlow program unchanged
except for its import line.
"""),
    code("""
import numpy as np
import symopt
"""),
    md("""
## 损失函数与梯度 / the cost and its gradient

`w` 是要优化的参数（`Variable`），损失函数是一个普通的 SymPy 表达式。梯度是符号推导出来的。

`w` is the parameter to optimize (a `Variable`); the cost is an ordinary SymPy expression, and the
gradient is derived symbolically.
"""),
    code("""
w = symopt.Variable("w", 0.0, dtype="float32")
cost = w**2 - 10*w + 25
symopt.grad(cost, w)
"""),
    md("""
## 生成的代码 / the generated code

symopt 把损失和梯度编译成一个普通的 Python 函数，可以直接阅读。

symopt compiles cost and gradient into one plain Python function you can read.
"""),
    code("""
f = symopt.compile(cost, w)
f
"""),
    code("""
f(w=1.0)
"""),
    md("""
## 梯度下降 / gradient descent

学习率 0.01，一步之后 $w = 0.1$（float32 下打印为 `0.099999994`，和 TensorFlow 一样），1000 步之后接近 5。

Learning rate 0.01: after one step $w = 0.1$ (printed `0.099999994` in float32, exactly as TensorFlow
printed it); after 1000 more steps it is close to 5.
"""),
    code("""
one = symopt.minimize(cost, w, optimizer=symopt.GradientDescent(0.01), steps=1)
many = symopt.minimize(cost, w, optimizer=symopt.GradientDescent(0.01), steps=1001)
print(one[w], many[w])
"""),
    md("""
## 每一步发生了什么 / what each step does

`trace=True` 记录每一步的参数、梯度和优化器的状态（Adam 的 $m$、$v$ 和有效学习率 $\\alpha_t$）。

`trace=True` records every step's parameter, gradient and optimizer state (Adam's $m$, $v$ and the
effective step size $\\alpha_t$).
"""),
    code("""
symopt.minimize(cost, w, optimizer=symopt.Adam(0.1), steps=5, trace=True).trace
"""),
    md("""
Adam 的更新规则（和 TensorFlow 1.x 的计算顺序一致）/ Adam's update rule, in TensorFlow 1.x's order of
operations:
"""),
    code("""
symopt.update_rule(symopt.Adam(0.1))
"""),
    md("""
## 训练数据用 placeholder 输入 / data through a placeholder

把三个系数变成数据 `x`，训练时再提供数值（TensorFlow 的 `feed_dict`）。系数换成 $(1, -20, 100)$，最优的 $w$ 就是 10。

The three coefficients become data `x`, bound at run time (TensorFlow's `feed_dict`). With
coefficients $(1, -20, 100)$ the best $w$ is 10.
"""),
    code("""
x = symopt.Placeholder("x", shape=(3, 1), dtype="float32")
data_cost = x[0, 0]*w**2 + x[1, 0]*w + x[2, 0]
for coefficients in ([[1.], [-10.], [25.]], [[1.], [-20.], [100.]]):
    print(symopt.minimize(data_cost, w, data={x: np.array(coefficients)}, steps=1001)[w])
"""),
    md("""
## 课上的 TensorFlow 程序，只改 import / the lecture's program, import line changed

输出和 TensorFlow 1.x 打印的数字完全一样：`0.0`、`0.099999994`、`4.9999886`。

The output is exactly what TensorFlow 1.x printed: `0.0`, `0.099999994`, `4.9999886`.
"""),
    code("""
import symopt.compat.v1 as tf   # 原来是 / was: import tensorflow as tf

coefficients = np.array([[1.], [-10.], [25.]])
w_tf = tf.Variable(0, dtype=tf.float32)
x_tf = tf.placeholder(tf.float32, [3, 1])
cost_tf = x_tf[0][0]*w_tf**2 + x_tf[1][0]*w_tf + x_tf[2][0]
train = tf.train.GradientDescentOptimizer(0.01).minimize(cost_tf)
init = tf.global_variables_initializer()
session = tf.Session()
session.run(init)
print(session.run(w_tf))
session.run(train, feed_dict={x_tf: coefficients})
print(session.run(w_tf))
for i in range(1000):
    session.run(train, feed_dict={x_tf: coefficients})
print(session.run(w_tf))
"""),
    md("""
## 一行换成 Adam / Adam in one line

Adam 学习率 0.1，1000 步：TensorFlow 打印 `5.000001`。

Adam with learning rate 0.1 for 1000 steps: TensorFlow printed `5.000001`.
"""),
    code("""
train = tf.train.AdamOptimizer(0.1).minimize(cost_tf)
with tf.Session() as session:
    session.run(tf.global_variables_initializer())
    for i in range(1000):
        session.run(train, feed_dict={x_tf: coefficients})
    print(session.run(w_tf))
"""),
    md("""
## 三种优化器的路径 / three optimizers' paths
"""),
    code("""
%matplotlib inline
from symopt import plot
w64 = symopt.Variable("w", 0.0)
plot.optimizer_paths(w64**2 - 10*w64 + 25, {w64: 0.0},
                     {"GD": symopt.GradientDescent(0.1), "Momentum": symopt.Momentum(0.05, 0.9), "Adam": symopt.Adam(0.5)},
                     steps=30);
"""),
]

GRAPH_LESSON = [
    md("""
# 计算图 / the computation graph: $J = 3(a + bc)$

课程用这个例子讲计算图：先算中间值 $u = bc$、$v = a + u$，最后 $J = 3v$；反向传播按链式法则从右往左求导。

The course explains computation graphs with this example: intermediate values $u = bc$, $v = a + u$,
then $J = 3v$; backpropagation applies the chain rule from right to left.
"""),
    code("""
import sympy
import symopt

a, b, c = sympy.symbols("a b c")
J = 3*(a + b*c)
symopt.derive(J, [a, b, c])
"""),
    md("""
## 代入数值 / with numbers: $a = 5$, $b = 3$, $c = 2$
"""),
    code("""
derivation = symopt.derive(J, [a, b, c], at={a: 5, b: 3, c: 2})
print(derivation)
"""),
    md("""
## 两种画法 / two ways to draw the same graph

课上的画法：每个节点标出它计算的值。TensorFlow 文档的画法：节点标出运算。

The course labels each node by the value it computes; TensorFlow's documentation labels nodes by
their operation.
"""),
    code("""
symopt.graph(J, style="values", at={a: 5, b: 3, c: 2})
"""),
    code("""
symopt.graph(J, style="ops")
"""),
    md("""
## 课上的损失函数 / the lecture's cost, as TensorFlow draws it
"""),
    code("""
x = symopt.Placeholder("x", shape=(3, 1))
w = symopt.Variable("w", 0.0)
symopt.graph(x[0, 0]*w**2 + x[1, 0]*w + x[2, 0], style="ops")
"""),
    md("""
## 两层网络 / a two-layer network, named as the course names it

样本按列排列：$Z_1 = W_1 X + b_1$，$A_1 = \\tanh(Z_1)$，$Z_2 = W_2 A_1 + b_2$，代价是交叉熵。`names` 给中间结果起名字，
两种画法都使用这些名字。图比输出区域宽时会按比例缩小，但最多缩到原来的 9/14（字仍有 9 像素高）；再宽的图可以左右滚动。

Examples as columns: $Z_1 = W_1 X + b_1$, $A_1 = \\tanh(Z_1)$, $Z_2 = W_2 A_1 + b_2$, and the cross-entropy
cost. `names` names the intermediate values, in both drawings; a graph wider than the output area is
scaled down, to 9/14 of its size at most (its labels stay 9 pixels high); a wider one scrolls sideways.
"""),
    code("""
from symopt import ops
X = symopt.Placeholder("X", shape=(2, None))
Y = symopt.Placeholder("Y", shape=(1, None))
W1 = symopt.Variable("W1", 0.0, shape=(4, 2))
b1 = symopt.Variable("b1", 0.0, shape=(4, 1))
W2 = symopt.Variable("W2", 0.0, shape=(1, 4))
b2 = symopt.Variable("b2", 0.0, shape=(1, 1))
Z1 = ops.matmul(W1, X) + b1 * sympy.OneMatrix(1, X.shape[1])
A1 = ops.tanh(Z1)
Z2 = ops.matmul(W2, A1) + b2 * sympy.OneMatrix(1, X.shape[1])
cost = ops.sigmoid_cross_entropy(Z2, Y)
names = {Z1: "Z1", A1: "A1", Z2: "Z2"}
symopt.graph(cost, names=names)
"""),
    code("""
symopt.graph(cost, style="ops", names=names)
"""),
]

LOGISTIC = [
    md("""
# 逻辑回归：推导与训练 / logistic regression, derived and trained

单个样本：$z = w_1 x_1 + w_2 x_2 + b$，$a = \\sigma(z)$，$L(a, y) = -(y \\log a + (1-y)\\log(1-a))$。

One example: $z = w_1 x_1 + w_2 x_2 + b$, $a = \\sigma(z)$, $L(a, y) = -(y \\log a + (1-y)\\log(1-a))$.
"""),
    code("""
import numpy as np
import sympy
import symopt

w1, w2, b, x1, x2, y = sympy.symbols("w1 w2 b x1 x2 y")
z = w1*x1 + w2*x2 + b
a = symopt.sigmoid(z)
L = -(y*sympy.log(a) + (1 - y)*sympy.log(1 - a))
symopt.derive(L, [w1, w2, b], names={z: "z", a: "a", L: "L"}, notation="code")
"""),
    md("""
## 向量化 / vectorized over $m$ examples

用矩阵写出全部样本的代价，symopt 推导出 $\\nabla_W J = X^\\top\\big((1 - y)\\circ\\sigma(z) - y\\circ\\sigma(-z)\\big)/m$
（$z = XW + b$），也就是 $X^\\top(\\sigma(z) - y)/m$（$\\sigma(z) - 1 = -\\sigma(-z)$），这样写在 $\\sigma(z) \\approx 1$
时没有相消误差；然后生成 NumPy 代码。

Written with matrices for all $m$ examples, symopt derives
$\\nabla_W J = X^\\top\\big((1 - y)\\circ\\sigma(z) - y\\circ\\sigma(-z)\\big)/m$ with $z = XW + b$: that is
$X^\\top(\\sigma(z) - y)/m$ ($\\sigma(z) - 1 = -\\sigma(-z)$), written without the cancellation of $\\sigma(z) - y$
where $\\sigma(z) \\approx 1$. It then generates NumPy code.
"""),
    code("""
from symopt import ops
X = symopt.Placeholder("X", shape=(None, 2))
Y = symopt.Placeholder("Y", shape=(None, 1))
W = symopt.Variable("W", 0.0, shape=(2, 1))
bias = symopt.Variable("bias", 0.0, shape=(1, 1))
logits = ops.bias_add(X @ W, bias)
cost = ops.sigmoid_cross_entropy(logits, Y)
symopt.grad(cost, W)
"""),
    code("""
symopt.compile(cost, [W, bias])
"""),
    md("""
## 训练 / training on two Gaussian clouds
"""),
    code("""
rng = np.random.default_rng(0)
features = np.vstack([rng.normal(-1, 1, (200, 2)), rng.normal(1.5, 1, (200, 2))])
labels = np.r_[np.zeros(200), np.ones(200)].reshape(-1, 1)
result = symopt.minimize(cost, [W, bias], data={X: features, Y: labels}, optimizer=symopt.Adam(0.05), steps=500)
predictions = symopt.evaluate(logits, {X: features, W: result[W], bias: result[bias]}) > 0
print(f"final cost {result.value:.4f}, training accuracy {np.mean(predictions == labels):.3f}")
"""),
    code("""
result
"""),
    code("""
%matplotlib inline
from symopt import plot
plot.loss_curve({"Adam(0.05)": result});
"""),
]

DIGITS = [
    md("""
# 手写数字：三层网络 / handwritten digits with a three-layer network

scikit-learn 自带的 8×8 手写数字，64-64-32-10 的 ReLU/softmax 网络，小批量 32，Adam。

scikit-learn's 8×8 digits, a 64-64-32-10 ReLU/softmax network, mini-batches of 32, Adam.
"""),
    code("""
import sys, pathlib
sys.path.insert(0, str(pathlib.Path.cwd().parent))   # examples/
import numpy as np
import symopt
import digits_network

train_x, test_x, train_onehot, train_y, test_y = digits_network.load()
X, Y, parameters, logits, cost = digits_network.network()
cost
"""),
    code("""
result = symopt.minimize(cost, parameters, data={X: train_x, Y: train_onehot}, optimizer=symopt.Adam(0.001),
                         batch_size=32, epochs=30, seed=0)
scores = symopt.evaluate(logits, {X: test_x, **{p: result[p] for p in parameters}})
print(f"{result.message}; test accuracy {np.mean(scores.argmax(axis=1) == test_y):.3f}")
"""),
    code("""
%matplotlib inline
from symopt import plot
plot.loss_curve({"Adam(0.001), batch 32": result}, log=False);
"""),
    md("""
## 生成的训练步 / the generated training step

代价、六个梯度和 Adam 的更新被编译成一个函数。

The cost, the six gradients and Adam's update are compiled into one function.
"""),
    code("""
from symopt.fused import compile_step
print(compile_step(cost, parameters, symopt.Adam(0.001), [X, Y], dtype="float64").step.source)
"""),
]

NOTEBOOKS = {"lecture.ipynb": LECTURE, "computation_graph.ipynb": GRAPH_LESSON,
             "logistic_regression.ipynb": LOGISTIC, "digits_network.ipynb": DIGITS}


def build(name: str, cells: list, execute: bool = True) -> pathlib.Path:
    notebook = nbformat.v4.new_notebook(cells=cells)
    for index, cell in enumerate(notebook.cells):  # stable ids: a rebuild changes only what changed
        cell.id = f"{pathlib.Path(name).stem.replace('_', '-')}-{index}"
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    if execute:
        NotebookClient(notebook, timeout=300, kernel_name="python3", record_timing=False,
                       resources={"metadata": {"path": str(HERE)}}).execute()
    path = HERE / name
    HERE.mkdir(exist_ok=True)
    nbformat.write(notebook, path)
    return path


def main() -> None:
    for name, cells in NOTEBOOKS.items():
        print("wrote", build(name, cells))


if __name__ == "__main__":
    main()
