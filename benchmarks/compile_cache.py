"""First-call time of the digits network in a fresh process: cold (no disk cache entry) vs warm (entry on disk).

    python benchmarks/compile_cache.py [--runs 5] [--jax]

Each run is a new Python process (as a notebook restart or a CLI call is) that builds the 64-32-16-10
ReLU/softmax network of ``benchmarks/memory.py`` and times its first call, for each of

* ``minimize``: one Adam step on a mini-batch (the fused training step);
* ``compile``: ``symopt.compile(cost, parameters)`` and one call ``f(feed)`` (value and gradients);
* ``compile, backend="jax"`` (with ``--jax``): the same with ``jax.jit`` (its tracing and XLA compilation are
  in both cold and warm times: only symopt's work is cached);

that is differentiation, code generation and compilation, or loading from the disk cache.
Imports happen before the timer starts (they cost the same either way).  Cold runs get an empty
``SYMOPT_CACHE_DIR``; warm runs reuse one filled by a previous process.  Medians over ``--runs``
processes; the ratio is cold / warm.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETUP = f"""
import sys, time, json
sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'benchmarks')!r}]
import numpy as np
import symopt
from symopt.disk_cache import STATS
from memory import network
from symopt.minimize import minimize  # imports are the same cold or warm: not timed
from symopt.compiler import compile
cost, parameters, X, Y = network()
rng = np.random.default_rng(1)
data = {{X: rng.normal(size=(64, 64)), Y: np.eye(10)[rng.integers(0, 10, 64)]}}
feed = {{**data, **{{p: p.init for p in parameters}}}}
"""
FIRST_CALLS = {
    "minimize": "minimize(cost, parameters, data=data, optimizer=symopt.Adam(0.001), batch_size=32, epochs=1, seed=0)",
    "compile": "compile(cost, parameters)(feed)",
    "compile, backend='jax'": "compile(cost, parameters, backend='jax')(feed)[0].block_until_ready()",
}


def first_call(directory: str, kind: str) -> dict:
    child = SETUP + ("import jax\n" if "jax" in kind else "") + f"""
start = time.perf_counter()
{FIRST_CALLS[kind]}
print(json.dumps({{"seconds": time.perf_counter() - start, "hits": STATS["hits"]}}))
"""
    environment = {**os.environ, "SYMOPT_CACHE_DIR": directory}
    output = subprocess.run([sys.executable, "-c", child], env=environment, check=True, stdout=subprocess.PIPE,
                            text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def cold_and_warm(kind: str, runs: int) -> tuple[list, list]:
    """First-call seconds of ``runs`` fresh processes with an empty cache and ``runs`` with a filled one."""
    cold, warm = [], []
    with tempfile.TemporaryDirectory() as shared:
        os.chmod(shared, 0o700)
        first_call(shared, kind)  # fills the warm cache
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as empty:
                os.chmod(empty, 0o700)
                result = first_call(empty, kind)
                assert result["hits"] == 0
                cold.append(result["seconds"])
            result = first_call(shared, kind)
            assert result["hits"] == 1
            warm.append(result["seconds"])
    return cold, warm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jax", action="store_true", help="also compile(..., backend='jax')")
    arguments = parser.parse_args()
    print(f"digits network 64-32-16-10, first call in a fresh process ({arguments.runs} processes each), "
          "milliseconds:")
    for kind in [k for k in FIRST_CALLS if arguments.jax or "jax" not in k]:
        cold, warm = cold_and_warm(kind, arguments.runs)
        cold_median, warm_median = statistics.median(cold), statistics.median(warm)
        print(f"  {kind:24s} cold (differentiate + generate + compile) {cold_median * 1e3:7.1f}  "
              f"warm (load from the disk cache) {warm_median * 1e3:7.1f}  cold / warm {cold_median / warm_median:4.1f}x"
              f"   (cold: {', '.join(f'{x * 1e3:.0f}' for x in cold)}; warm: {', '.join(f'{x * 1e3:.0f}' for x in warm)})")


if __name__ == "__main__":
    main()
