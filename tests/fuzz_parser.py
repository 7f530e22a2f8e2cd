"""Coverage-guided fuzzing of the command-line expression parser with atheris (run on demand).

    pip install atheris
    python tests/fuzz_parser.py -max_total_time=60

Every input must either parse or raise ParseError; anything else (another exception, a
crash) is reported by libFuzzer with the input that caused it.  The parser bounds its work by
the structure of the input (no timers), so libFuzzer's own timeout (-timeout=N) is the check for
inputs that are cheap to type and expensive for SymPy; tests/test_parse.py bounds the work of its
hostile corpus by counting Python calls.
"""

import sys

import atheris

with atheris.instrument_imports(include=["symopt.parse"]):
    from symopt.errors import ParseError
    from symopt.parse import parse_expression


def one_input(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(300)
    try:
        parse_expression(text)
    except ParseError:
        pass


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
