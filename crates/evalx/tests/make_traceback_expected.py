"""Regenerates the expected tracebacks of tests/tracebacks/*.py with CPython 3.11.

Usage: python3 tests/make_traceback_expected.py
Each .err file holds the program's stderr, with the folder of the program removed from file names (CPython
prints the absolute path of the script; the Rust test runs the program as `NAME.py`).
"""
import pathlib
import subprocess
import sys

here = (pathlib.Path(__file__).parent / "tracebacks").resolve()
for py in sorted(here.glob("*.py")):
    r = subprocess.run([sys.executable, py.name], cwd=here, capture_output=True, text=True, timeout=60)
    err = r.stderr.replace(str(here) + "/", "")
    py.with_suffix(".err").write_text(err)
print("regenerated", len(list(here.glob("*.py"))), "tracebacks with", sys.version.split()[0])
