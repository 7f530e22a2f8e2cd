"""The ``symopt`` command: ``demo``, ``derive``, ``graph``, ``minimize``.

Expressions are read by :mod:`symopt.parse`, a whitelist parser of our own: the
command line never evaluates Python.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
import sympy

from .calculus import grad
from .display import graph_command
from .errors import ParseError, SymoptError
from .minimize import minimize
from .optimizers import OPTIMIZERS, get_optimizer
from .parse import parse_assignments, parse_expression, parse_symbol_list

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="symopt", description="A symbolic math compiler for optimization.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("demo", help="walk through the TensorFlow lecture")
    derive = commands.add_parser("derive", help="print the symbolic gradient of EXPR")
    derive.add_argument("expr", help="the cost, e.g. 'w**2 - 10*w + 25'")
    derive.add_argument("--wrt", required=True, help="comma-separated symbols, e.g. 'w' or 'w,b'")
    derive.add_argument("--latex", action="store_true", help="print LaTeX instead of text")
    draw = commands.add_parser("graph", help="draw the computation graph of EXPR")
    draw.add_argument("expr", help="the cost, e.g. '3*(a + b*c)'")
    draw.add_argument("--style", default="values", choices=["values", "ops"],
                      help="label nodes by what they compute (u = bc) or by operation (×)")
    draw.add_argument("--at", default=None, help="values of the inputs, e.g. 'a=5,b=3,c=2'")
    draw.add_argument("-o", "--output", default=None,
                      help="write to FILE: .svg, .dot/.gv, or text for any other name; default: print the text")
    run = commands.add_parser("minimize", help="minimize EXPR")
    run.add_argument("expr")
    run.add_argument("--wrt", required=True, help="parameters with initial values, e.g. 'w=0' or 'w=0,b=1'")
    run.add_argument("--data", default="", help="values of the other symbols, e.g. 'a=1,b=-10,c=25'")
    run.add_argument("--optimizer", default="gd", help=f"one of {sorted(OPTIMIZERS)}")
    run.add_argument("--lr", type=float, default=None, help="learning rate")
    run.add_argument("--steps", type=int, default=1000)
    run.add_argument("--dtype", default="float64", choices=["float32", "float64"])
    tf1 = commands.add_parser("tf1", help="run a TensorFlow 1.x program unchanged (tensorflow served by symopt)")
    tf1.add_argument("program", help="the TF1 program, e.g. prog.py")
    tf1.add_argument("program_args", nargs=argparse.REMAINDER, help="its own arguments")
    return parser


def _wrt_symbols(text: str) -> dict:
    """``w=0,b`` → {w: 0.0, b: 0.0}: a bare name starts at 0."""
    items = [item if "=" in item else f"{item}=0" for item in text.split(",") if item.strip()]
    if not items:
        raise ParseError(f"--wrt: expected names such as 'w' or 'w=0'; given {text!r}")
    return parse_assignments(",".join(items))


def _tidy(expr):
    """``simplify`` small results only: it can take seconds on large ones."""
    return sympy.simplify(expr) if sympy.count_ops(expr) <= 40 else expr


def _derive(args) -> int:
    cost = parse_expression(args.expr)
    names = parse_symbol_list(args.wrt)
    available = {s.name: s for s in cost.free_symbols}
    for name in names:
        if name not in available:
            raise ParseError(f"--wrt {name}: the expression has no symbol {name!r}; its symbols are "
                             f"{sorted(available)}")
    for name in names:
        gradient = _tidy(grad(cost, available[name]))
        if args.latex:
            print(f"\\frac{{\\partial J}}{{\\partial {name}}} = {sympy.latex(gradient)}")
        else:
            print(f"dJ/d{name} = {gradient}")
    return 0


def _minimize(args) -> int:
    cost = parse_expression(args.expr)
    symbols = {s.name: s for s in cost.free_symbols}
    initial = _wrt_symbols(args.wrt)
    data = parse_assignments(args.data) if args.data.strip() else {}
    unknown = [n for n in list(initial) + list(data) if n not in symbols]
    if unknown:
        raise ParseError(f"{unknown}: not symbols of the expression; its symbols are {sorted(symbols)}")
    wrt = {symbols[n]: v for n, v in initial.items()}
    optimizer = get_optimizer(args.optimizer, args.lr)
    result = minimize(cost, wrt, data={symbols[n]: v for n, v in data.items()}, optimizer=optimizer,
                      steps=args.steps, dtype=args.dtype)
    print(f"cost: {cost}")
    print(f"optimizer: {optimizer!r}, {result.steps} steps, {args.dtype}")
    for symbol, value in result.params.items():
        print(f"{symbol} = {np.asarray(value).item()!r}")
    print(f"final cost = {result.value!r}")
    return 0


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "demo":
            from .demo import run_demo
            run_demo()
            return 0
        if args.command == "derive":
            return _derive(args)
        if args.command == "tf1":
            from .compat.v1.runner import main as run_tf1
            return run_tf1([args.program, *args.program_args])
        if args.command == "graph":
            return graph_command(args.expr, args.style, args.at, args.output)
        return _minimize(args)
    except ParseError as error:
        print(f"symopt: {error}", file=sys.stderr)
        return 2
    except SymoptError as error:
        print(f"symopt: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
