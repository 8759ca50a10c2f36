"""Regenerates the expected outputs of tests/stdin/*.py: each program run by CPython 3.11 with NAME.in as
its standard input. Usage: python3 tests/make_stdin_expected.py"""
import pathlib
import subprocess
import sys

here = pathlib.Path(__file__).parent / "stdin"
for py in sorted(here.glob("*.py")):
    data = py.with_suffix(".in").read_bytes()
    r = subprocess.run([sys.executable, py.name], cwd=here, input=data, capture_output=True, timeout=60)
    py.with_suffix(".out").write_bytes(r.stdout)
print("regenerated", len(list(here.glob("*.py"))), "expectations with", sys.version.split()[0])
