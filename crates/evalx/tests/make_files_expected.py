"""Regenerates the expected outputs of tests/files/*.py with CPython 3.11, each run in a fresh empty folder.

Usage: python3 tests/make_files_expected.py
Each .out file holds the program's stdout; when the program ends with an uncaught exception, a last line
`!!! <the last line of CPython's traceback>` follows. tests/files.rs runs evalx the same way (the empty
folder mounted read-write at its real path, and the program's working directory).
"""
import pathlib
import shutil
import subprocess
import sys
import tempfile

here = pathlib.Path(__file__).parent / "files"
for py in sorted(here.glob("*.py")):
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(py, pathlib.Path(tmp) / "prog.py")
        r = subprocess.run([sys.executable, "prog.py"], cwd=tmp, capture_output=True, text=True, timeout=60,
                           env={"PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1", "TZ": "UTC"})
    out = r.stdout
    if r.returncode != 0:
        last = [l for l in r.stderr.splitlines() if l.strip()][-1]
        out += "!!! " + last + "\n"
    py.with_suffix(".out").write_text(out)
print("regenerated", len(list(here.glob("*.py"))), "expectations with", sys.version.split()[0])
