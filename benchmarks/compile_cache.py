"""First-call time of the digits network in a fresh process: cold (no disk cache entry) vs warm (entry on disk).

    python benchmarks/compile_cache.py [--runs 5]

Each run is a new Python process (as a notebook restart or a CLI call is) that builds the 64-32-16-10
ReLU/softmax network of ``benchmarks/memory.py`` and times its first ``minimize`` call (one Adam step
on a mini-batch: differentiation, code generation and compilation, or loading from the disk cache).
Imports happen before the timer starts (they cost the same either way).  Cold runs get an empty ``SYMOPT_CACHE_DIR``; warm runs reuse one filled by a previous process.
Medians over ``--runs`` processes; the ratio is cold / warm.
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
CHILD = f"""
import sys, time, json
sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'benchmarks')!r}]
import numpy as np
import symopt
from symopt.disk_cache import STATS
from memory import network
from symopt.minimize import minimize  # imports are the same cold or warm: not timed
cost, parameters, X, Y = network()
rng = np.random.default_rng(1)
data = {{X: rng.normal(size=(64, 64)), Y: np.eye(10)[rng.integers(0, 10, 64)]}}
start = time.perf_counter()
minimize(cost, parameters, data=data, optimizer=symopt.Adam(0.001), batch_size=32, epochs=1, seed=0)
print(json.dumps({{"seconds": time.perf_counter() - start, "hits": STATS["hits"]}}))
"""


def first_call(directory: str) -> dict:
    environment = {**os.environ, "SYMOPT_CACHE_DIR": directory}
    output = subprocess.run([sys.executable, "-c", CHILD], env=environment, check=True, stdout=subprocess.PIPE,
                            text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    cold, warm = [], []
    with tempfile.TemporaryDirectory() as shared:
        os.chmod(shared, 0o700)
        first_call(shared)  # fills the warm cache
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as empty:
                os.chmod(empty, 0o700)
                result = first_call(empty)
                assert result["hits"] == 0
                cold.append(result["seconds"])
            result = first_call(shared)
            assert result["hits"] == 1
            warm.append(result["seconds"])
    cold_median, warm_median = statistics.median(cold), statistics.median(warm)
    print(f"digits network 64-32-16-10, first minimize call in a fresh process ({runs} processes each):")
    print(f"  cold (differentiate + generate + compile): median {cold_median * 1e3:8.1f} ms  "
          f"(all: {', '.join(f'{s * 1e3:.0f}' for s in cold)})")
    print(f"  warm (load source from the disk cache):   median {warm_median * 1e3:8.1f} ms  "
          f"(all: {', '.join(f'{s * 1e3:.0f}' for s in warm)})")
    print(f"  cold / warm: {cold_median / warm_median:.1f}x")


if __name__ == "__main__":
    main()
