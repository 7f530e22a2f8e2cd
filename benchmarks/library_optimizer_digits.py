"""The other libraries' digits that docs/optimizers.md quotes (probe94 P94-4, P94-6, P94-7): torch.optim.Adam and
symopt.PyTorchAdam in float32 (their distance in float32 ulps), tf_keras' legacy Adam against symopt.KerasAdam, and
torch.optim.RMSprop against symopt.RMSProp, on the lecture's cost w² − 10w + 25 from w = 0.

Run with an environment that has torch, TensorFlow and tf_keras (not a test: it needs those libraries):
``PYTHONPATH=. python benchmarks/library_optimizer_digits.py``.
"""

import os

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")

import numpy as np  # noqa: E402

import symopt  # noqa: E402

RECORDED = (1, 2, 3, 10, 100, 1000)


def symopt_steps(optimizer, dtype: str, steps: int) -> list:
    """w after each of ``steps`` steps of ``optimizer`` in ``dtype``."""
    w = symopt.Variable("w", 0.0, dtype=dtype)
    seen = {}
    symopt.minimize(w ** 2 - 10 * w + 25, w, optimizer=optimizer, steps=steps,
                    callback=lambda step, cost, params: seen.__setitem__(step, params[w]) and False)
    return [seen[t] for t in range(1, steps + 1)]


def torch_steps(make, dtype: str, steps: int) -> list:
    import torch
    torch.set_num_threads(1)
    w = torch.tensor(0.0, dtype=getattr(torch, dtype), requires_grad=True)
    optimizer, seen = make([w]), []
    for _ in range(steps):
        optimizer.zero_grad()
        (w ** 2 - 10 * w + 25).backward()
        optimizer.step()
        seen.append(w.item())
    return seen


def keras_steps(dtype: str, steps: int) -> list:
    import tensorflow as tf
    import tf_keras
    w = tf.Variable(tf.constant(0.0, dtype))
    optimizer, seen = tf_keras.optimizers.legacy.Adam(0.1), []
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = w ** 2 - 10 * w + 25
        optimizer.apply_gradients([(tape.gradient(loss, w), w)])
        seen.append(w.numpy().item())
    return seen


def ulps(a: list, b: list) -> list:
    """Distance in float32 steps between two float32 trajectories."""
    return [abs(int(np.float32(x).view(np.int32)) - int(np.float32(y).view(np.int32))) for x, y in zip(a, b)]


def main() -> None:
    import torch
    adam = torch_steps(lambda p: torch.optim.Adam(p, lr=0.1), "float32", 1000)
    ours = symopt_steps(symopt.PyTorchAdam(0.1), "float32", 1000)
    print("torch.optim.Adam float32 ", [str(np.float32(adam[t - 1])) for t in RECORDED])
    print("symopt.PyTorchAdam       ", [str(np.float32(ours[t - 1])) for t in RECORDED])
    distance = ulps(adam, ours)
    print("ulps, steps 1..10:", distance[:10], "; max over 1000 steps:", max(distance),
          "; at steps 20, 50, 100:", [distance[t - 1] for t in (20, 50, 100)], "; max from step 100:", max(distance[99:]))
    rms_torch = torch_steps(lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.99, eps=1e-8), "float64", 1)
    rms_ours = symopt_steps(symopt.RMSProp(np.float64(0.01), decay=np.float64(0.99), epsilon=np.float64(1e-8)),
                            "float64", 1)
    print("RMSprop step 1: torch", rms_torch[0], "symopt.RMSProp", float(rms_ours[0]))
    for dtype in ("float32", "float64"):
        keras, kerasadam = keras_steps(dtype, 300), symopt_steps(symopt.KerasAdam(0.1), dtype, 300)
        print(dtype, "tf_keras legacy Adam", [repr(float(v)) for v in keras[:3]])
        print(dtype, "symopt.KerasAdam    ", [repr(float(v)) for v in kerasadam[:3]])
        if dtype == "float32":
            print("ulps over 300 steps: max", max(ulps(keras, kerasadam)))
        else:
            print("largest relative difference over 300 steps:",
                  max(abs(a - b) / abs(a) for a, b in zip(keras, kerasadam)))


if __name__ == "__main__":
    main()
