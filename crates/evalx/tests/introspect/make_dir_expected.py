"""Records what CPython 3.11 prints for tests/introspect/dir_targets.py into dir_targets.txt.

Usage: python3 crates/evalx/tests/introspect/make_dir_expected.py
"""
import pathlib
import subprocess
import sys

here = pathlib.Path(__file__).resolve().parent
r = subprocess.run([sys.executable, "dir_targets.py"], cwd=here, capture_output=True, text=True, timeout=60,
                   check=True)
(here / "dir_targets.txt").write_text(r.stdout)
print("recorded", r.stdout.count("\n## ") + 1, "dir() lines with", sys.version.split()[0])
