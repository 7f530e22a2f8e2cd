"""Coverage-guided fuzzing of the command-line expression parser with atheris (run on demand).

    pip install atheris
    python tests/fuzz_parser.py -max_total_time=60

Every input must either parse or raise ParseError; anything else (another exception, a
crash) is reported by libFuzzer with the input that caused it.

libFuzzer owns SIGALRM, which the parser also uses for its 1-second limit on SymPy's work, so
here an input that reaches that limit is reported as a libFuzzer timeout ("Timeout: 1s elapsed")
instead of the ParseError it gives in a normal process: such reports are the known class of
expressions that are cheap to type and expensive for SymPy (nested powers and functions), and
the hostile corpus in tests/test_parse.py checks that they are rejected within a second.
"""

import sys
import time

import atheris

with atheris.instrument_imports(include=["symopt.parse"]):
    from symopt.errors import ParseError
    from symopt.parse import parse_expression


def one_input(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(300)
    start = time.perf_counter()
    try:
        parse_expression(text)
    except ParseError:
        pass
    elapsed = time.perf_counter() - start
    if elapsed > 1.5:
        raise RuntimeError(f"parsing took {elapsed:.2f} s: {text!r}")


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
