"""Write docs/reference.md from the docstrings of symopt's public API.

    python docs/make_reference.py

tests/test_docs.py checks that the committed page matches what this script writes.
"""

from __future__ import annotations

import importlib
import inspect
import pathlib

MODULES = ["symopt", "symopt.ops", "symopt.errors", "symopt.checkpoint", "symopt.plot", "symopt.compat.v1",
           "symopt.compat.v1.train"]
OPTIONAL = ["symopt.display", "symopt.initializers"]
PAGE = pathlib.Path(__file__).resolve().parent / "reference.md"


def _signature(obj) -> str:
    try:
        return str(inspect.signature(obj))
    except (TypeError, ValueError):
        return "(...)"


def _doc(obj) -> str:
    text = inspect.getdoc(obj) or ""
    return text.strip()


def _stable_repr(obj) -> str:
    """``repr`` without a memory address (which changes from run to run)."""
    text = repr(obj)
    return f"<{type(obj).__module__}.{type(obj).__qualname__} object>" if " at 0x" in text else text


def _entry(module_name: str, name: str, obj) -> list[str]:
    kind = "class" if inspect.isclass(obj) else ("function" if callable(obj) else "value")
    if kind == "value" and inspect.ismodule(obj):
        return []
    heading = f"### `{module_name}.{name}{_signature(obj) if kind != 'value' else ''}`"
    lines = [heading, ""]
    doc = _doc(obj) if kind != "value" else f"`{_stable_repr(obj)}`"
    if doc:
        lines += [doc, ""]
    return lines


def render() -> str:
    lines = ["# API reference", "",
             "Generated from the docstrings by `python docs/make_reference.py`; do not edit by hand.", ""]
    for module_name in MODULES + OPTIONAL:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        names = getattr(module, "__all__", None)
        if names is None:
            continue
        lines += [f"## `{module_name}`", "", _doc(module), ""]
        for name in names:
            lines += _entry(module_name, name, getattr(module, name))
    return "\n".join(lines).rstrip() + "\n"


def main() -> None:
    PAGE.write_text(render(), encoding="utf-8")
    print("wrote", PAGE)


if __name__ == "__main__":
    main()
