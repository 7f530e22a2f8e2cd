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
    code("""
symopt.Adam(0.1)
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

NOTEBOOKS = {"lecture.ipynb": LECTURE}


def build(name: str, cells: list, execute: bool = True) -> pathlib.Path:
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    if execute:
        NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(HERE)}}).execute()
    path = HERE / name
    HERE.mkdir(exist_ok=True)
    nbformat.write(notebook, path)
    return path


def main() -> None:
    for name, cells in NOTEBOOKS.items():
        print("wrote", build(name, cells))


if __name__ == "__main__":
    main()
