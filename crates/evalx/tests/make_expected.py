"""Regenerates the expected outputs of tests/programs/*.py with CPython 3.11.

Usage: python3 tests/make_expected.py            (all programs)
Each .out file holds the program's stdout; when the program ends with an uncaught exception, a last line
`!!! <the last line of CPython's traceback>` follows. The Rust test runner produces the same format.
"""
import pathlib
import subprocess
import sys

here = pathlib.Path(__file__).parent / "programs"
for py in sorted(here.glob("*.py")):
    r = subprocess.run([sys.executable, py.name], cwd=here, capture_output=True, text=True, timeout=60)
    out = r.stdout
    if r.returncode != 0:
        last = [l for l in r.stderr.splitlines() if l.strip()][-1]
        out += "!!! " + last + "\n"
    py.with_suffix(".out").write_text(out)
print("regenerated", len(list(here.glob("*.py"))), "expectations with", sys.version.split()[0])
