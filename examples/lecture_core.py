"""The lecture's cost with symopt's own API: derive, compile, minimize.

Run: python examples/lecture_core.py
"""

import numpy as np

import symopt

w = symopt.Variable("w", 0.0, dtype="float32")
cost = w**2 - 10*w + 25
print("gradient:", symopt.grad(cost, w))

f = symopt.compile(cost, w)
print(f.source)
print("value and gradient at w = 1:", f(w=1.0))

result = symopt.minimize(cost, w, optimizer=symopt.GradientDescent(0.01), steps=1001)
print("gradient descent:", result[w], result.message)

x = symopt.Placeholder("x", shape=(3, 1), dtype="float32")
data_cost = x[0, 0]*w**2 + x[1, 0]*w + x[2, 0]
result = symopt.minimize(data_cost, w, data={x: np.array([[1.], [-20.], [100.]])}, steps=1001)
print("with coefficients (1, -20, 100):", result[w])

result = symopt.minimize(cost, w, optimizer=symopt.Adam(0.1), steps=1000)
print("Adam(0.1):", result[w])
