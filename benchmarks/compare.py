"""symopt side by side with hand-written code (and JAX, PyTorch, TensorFlow 1 when installed), one command.

    python benchmarks/compare.py [--quick] [--repeats 7] [--processes 1] [--only lecture mlp ...] [--write-docs]
                                 [--save F | --load F]

Workloads (``benchmarks/compare_workloads.py``): the lecture at 10^3 and 10^5 steps, logistic regression
value+gradient in float64 and float32, an MLP's value+gradient at batch 256 and 4096, MLP training end to
end, compile growth with depth, peak memory, and where the MLP's time goes (each of its matrix products
alone, NumPy's BLAS against XLA's).  Each workload runs in its own child process bound to one CPU
(``sched_setaffinity``; also ``OMP/OPENBLAS/MKL_NUM_THREADS=1``, XLA and torch single-threaded), its contenders interleaved
(each repeat times every contender in turn), so the ratios compare neighbours in time on a loaded machine.
Tables show the median per contender with its range over repeats, and the median ratio to ``hand``
with the range of the per-repeat ratios; where symopt and ``jax.jit`` share a row, a note gives their own
per-repeat ratio (the two were timed next to each other).  ``--processes N`` runs each workload in N child
processes, one after another, and pools their repeats: a process's own luck (where its arrays landed, what the
other core was doing during that minute) then weighs 1/N, which one process's repeats cannot average out.
``--write-docs`` replaces the generated section of
``docs/models.md`` (between the ``compare.py`` markers).  Optional columns: ``pip install jax torch
tensorflow-cpu`` (tf.compat.v1 in graph mode), best in a separate virtual environment.
This is a script, not a test: timed assertions do not belong in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DOCS = ROOT / "docs" / "models.md"
BEGIN = "<!-- compare.py: generated section, do not edit by hand (python benchmarks/compare.py --write-docs) -->"
END = "<!-- compare.py: end of generated section -->"
ORDER = ("lecture", "logistic", "mlp", "training", "compile", "memory", "gemm", "layout")
SINGLE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                 "XLA_FLAGS": "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1",
                 "TF_NUM_INTRAOP_THREADS": "1", "TF_NUM_INTEROP_THREADS": "1", "TF_CPP_MIN_LOG_LEVEL": "3"}


def pin_to_one_cpu() -> str:
    """Bind this process (and every thread it starts) to one CPU, before any library loads.  The thread-count
    variables above are not enough: JAX 0.10's XLA ignores ``XLA_FLAGS``' thread options and ran the MLP on both
    cores (CPU time twice the wall time), which made jax.jit look 1.6x faster than single-threaded NumPy."""
    if not hasattr(os, "sched_setaffinity"):
        return "1 thread (not pinned: no sched_setaffinity here)"
    cpu = max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def openblas_kernels() -> str:
    """The OpenBLAS that NumPy loaded in this process and the kernels it picked (``"OpenBLAS 0.3.31, kernels
    Haswell"``), read from the library itself; ``""`` where NumPy links another BLAS or the library says nothing.
    OpenBLAS picks its kernels once, when it loads, from the CPU's identity or from ``OPENBLAS_CORETYPE``: the
    machine line names them, since AVX2 kernels on an AVX-512 CPU make every NumPy product 1.6x slower (and XLA,
    which picks its own, then looks 1.3x faster than NumPy).  Some machines force older kernels in the environment,
    where older OpenBLAS builds crashed on the CPU; to benchmark against a current NumPy, unset both variables in
    the command alone: ``env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/compare.py``."""
    import ctypes

    import numpy  # noqa: F401 - loads the BLAS
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower() and line.rstrip().endswith(".so")}
    except OSError:
        return ""
    for path in sorted(paths):
        library = ctypes.CDLL(path)
        for prefix, suffix in (("scipy_openblas_get_", "64_"), ("scipy_openblas_get_", ""), ("openblas_get_", "")):
            if hasattr(library, f"{prefix}corename{suffix}"):
                config, corename = getattr(library, f"{prefix}config{suffix}"), getattr(library, f"{prefix}corename{suffix}")
                config.restype = corename.restype = ctypes.c_char_p
                return f"{' '.join(config().decode().split()[:2])}, kernels {corename().decode()}"
    return ""


def child(name: str, quick: bool, repeats: int) -> None:
    """Run one workload in this process, bound to one CPU, and print its result as JSON on the last line."""
    pinned = pin_to_one_cpu()
    sys.path[:0] = [str(HERE), str(ROOT)]
    import compare_workloads
    result = compare_workloads.WORKLOADS[name](quick, repeats)
    result["machine"] = machine_line(compare_workloads, pinned)
    result["load"] = os.getloadavg()[0]  # measured after the run: the load it ran under
    print(json.dumps(result))


def machine_line(workloads, pinned: str) -> str:
    import numpy
    import sympy

    import symopt
    text = (f"{platform.platform()} | {platform.processor() or platform.machine()} | {os.cpu_count()} CPUs, "
            f"each workload {pinned} | Python {platform.python_version()} | numpy {numpy.__version__} | sympy {sympy.__version__}"
            f" | symopt {symopt.__version__}")
    kernels = openblas_kernels()
    if kernels:
        forced = [f"{key}={os.environ[key]}" for key in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if key in os.environ]
        text += f" | {kernels}" + (f" (forced: {', '.join(forced)})" if forced else " (its own pick for this CPU)")
    for label, module in (("jax", workloads.jax), ("torch", workloads.torch), ("tensorflow", workloads.tf1)):
        if module is not None:
            version = getattr(module, "__version__", None) or __import__("tensorflow").__version__
            text += f" | {label} {version}"
    return text


def run_child(name: str, quick: bool, repeats: int) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--workload", name, "--repeats", str(repeats)]
    command += ["--quick"] if quick else []
    env = {**os.environ, **SINGLE_THREAD, "PYTHONPATH": os.pathsep.join(
        [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])}
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"workload {name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def pooled(runs: list) -> dict:
    """One workload's result from several processes' results: each row's samples (and page faults, averaged)
    pooled contender by contender, the highest load of the runs, the runs counted."""
    first = runs[0]
    rows = []
    for index, row in enumerate(first["rows"]):
        same = [run["rows"][index] for run in runs]
        if any(other["label"] != row["label"] for other in same):
            raise SystemExit(f"the processes' rows differ: {[other['label'] for other in same]}")
        samples = {name: [value for other in same for value in other["samples"][name]] for name in row["samples"]}
        merged = {**row, "samples": samples}
        if "faults" in row:
            merged["faults"] = {name: statistics.mean(other["faults"][name] for other in same)
                                for name in row["faults"]}
        rows.append(merged)
    return {**first, "rows": rows, "load": max(run["load"] for run in runs), "processes": len(runs)}


# ------------------------------------------------------------------ tables

def _value(seconds_or_mib: float, unit: str) -> str:
    scale = 1e6 if unit.startswith("µs") else 1.0
    value = seconds_or_mib * scale
    return f"{value:.3g}" if value < 100 else f"{value:.0f}"


def cell(samples: list, base: list, unit: str) -> str:
    """``median (min–max) · ratio× (min–max)`` of one contender in one row."""
    text = f"{_value(statistics.median(samples), unit)} ({_value(min(samples), unit)}–{_value(max(samples), unit)})"
    if base is samples:
        return text
    ratios = [a / b for a, b in zip(samples, base) if b]
    if not ratios:
        return text
    return text + f" · **{statistics.median(ratios):.2f}×** ({min(ratios):.2f}–{max(ratios):.2f})"


def table(result: dict) -> str:
    contenders = []
    for row in result["rows"]:
        contenders += [c for c in row["samples"] if c not in contenders]
    lines = [f"**{result['title']}** ({result['unit']}; ratio to hand)", "",
             "| | " + " | ".join(contenders) + " |", "|---" * (len(contenders) + 1) + "|"]
    for row in result["rows"]:
        base = row["samples"]["hand"]
        cells = [cell(row["samples"][c], base, result["unit"]) if c in row["samples"] else "—" for c in contenders]
        lines.append(f"| {row['label']} | " + " | ".join(cells) + " |")
    lines += [""] + [f"- {note}" for note in result["notes"] + head_to_head(result) + fault_notes(result)]
    return "\n".join(lines)


#: The pairs of contenders whose per-repeat ratio :func:`head_to_head` reports (``symopt`` against each rival).
RIVALS = (("symopt", "jax"), ("symopt jax", "jax"))


def head_to_head(result: dict) -> list:
    """A note per row with both contenders of a :data:`RIVALS` pair: the median of their per-repeat ratio
    ``ours / rival`` (range in parentheses).  Each repeat timed the two next to each other, so this ratio is
    steadier than the difference of the two ratios to hand; below 1, ours was faster."""
    notes = []
    for row in result["rows"]:
        pairs = []
        for ours, rival in RIVALS:
            if ours in row["samples"] and rival in row["samples"]:
                ratios = [a / b for a, b in zip(row["samples"][ours], row["samples"][rival]) if b]
                if ratios:
                    pairs.append(f"{ours} ÷ {rival} **{statistics.median(ratios):.2f}×** "
                                 f"({min(ratios):.2f}–{max(ratios):.2f})")
        if pairs:
            notes.append(f"{row['label']}, head to head per repeat: " + "; ".join(pairs))
    return notes


#: Minor page faults per call or step from which a row's note names them (a fault maps and zeroes a 4 KiB page).
FAULTS_SHOWN = 10


def fault_notes(result: dict) -> list:
    """A note per row where some contender paid :data:`FAULTS_SHOWN` or more minor page faults per call: its time
    then includes fresh pages for its temporaries, which depends on the allocator's state, not on the code."""
    notes = []
    for row in result["rows"]:
        faults = {name: count for name, count in row.get("faults", {}).items() if count >= FAULTS_SHOWN}
        if faults:
            named = ", ".join(f"{name} {count:.0f}" for name, count in faults.items())
            notes.append(f"{row['label']}: minor page faults per call or step: {named} (the others fewer than "
                         f"{FAULTS_SHOWN}); these calls were timed with their temporaries on fresh pages")
    return notes


def report(results: dict, quick: bool, repeats: int, processes: int = 1) -> str:
    head = [f"Machine: {m}" for m in sorted({r["machine"] for r in results.values()})]
    loads = ", ".join(f"{name} {r['load']:.1f}" for name, r in results.items() if "load" in r)
    head.append(f"One-minute load average after each workload: {loads}.")
    pooling = f" --processes {processes}" if processes > 1 else ""
    head.append(f"Command: `python benchmarks/compare.py{' --quick' if quick else ''} --repeats {repeats}{pooling}`; "
                "medians over repeats (range in parentheses), each workload in its own process"
                f"{f' ({processes} processes, their repeats pooled)' if processes > 1 else ''}, contenders "
                "interleaved.")
    return "\n\n".join(["\n".join(head)] + [table(results[name]) for name in ORDER if name in results])


def write_docs(text: str) -> None:
    section = f"{BEGIN}\n\n{text}\n\n{END}"
    current = DOCS.read_text()
    if BEGIN in current and END in current:
        start, end = current.index(BEGIN), current.index(END) + len(END)
        current = current[:start] + section + current[end:]
    else:
        current = current.rstrip("\n") + "\n\n## Side by side (benchmarks/compare.py)\n\n" + section + "\n"
    DOCS.write_text(current)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller workloads, fewer repeats (a few minutes)")
    parser.add_argument("--repeats", type=int, default=None, help="interleaved repeats (default 7, quick 3)")
    parser.add_argument("--processes", type=int, default=1, help="child processes per workload, repeats pooled")
    parser.add_argument("--only", nargs="+", choices=ORDER, help="run only these workloads")
    parser.add_argument("--write-docs", action="store_true", help="regenerate the section of docs/models.md")
    parser.add_argument("--save", metavar="PATH", help="also write the raw samples as JSON")
    parser.add_argument("--load", metavar="PATH", help="report saved samples (no new run)")
    parser.add_argument("--workload", choices=ORDER, help=argparse.SUPPRESS)  # child mode
    args = parser.parse_args(argv)
    repeats = args.repeats or (3 if args.quick else 7)
    if args.workload:
        child(args.workload, args.quick, repeats)
        return
    if args.load:
        saved = json.loads(Path(args.load).read_text())
        results, quick, repeats = saved["results"], saved["quick"], saved["repeats"]
        processes = saved.get("processes", 1)
    else:
        results, quick, processes = {}, args.quick, max(1, args.processes)
        for name in args.only or ORDER:
            runs = []
            for run in range(processes):
                print(f"running {name} ({run + 1} of {processes}) ...", file=sys.stderr, flush=True)
                runs.append(run_child(name, quick, repeats))
            results[name] = pooled(runs)
    if args.save:
        Path(args.save).write_text(json.dumps({"results": results, "quick": quick, "repeats": repeats,
                                               "processes": processes}))
    text = report(results, quick, repeats, processes)
    print(text)
    if args.write_docs:
        write_docs(text)
        print(f"\nwrote the generated section of {DOCS.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
