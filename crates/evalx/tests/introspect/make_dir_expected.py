"""Records what CPython 3.11 prints for tests/introspect/dir_targets.py into dir_targets.txt: /usr/bin/python3
(Debian's 3.11.2, the build every golden here is recorded from; its math and cmath are built in, no __file__).

Usage: python3 crates/evalx/tests/introspect/make_dir_expected.py
"""
import pathlib
import subprocess

here = pathlib.Path(__file__).resolve().parent
r = subprocess.run(["/usr/bin/python3", "dir_targets.py"], cwd=here, capture_output=True, text=True, timeout=60,
                   check=True)
(here / "dir_targets.txt").write_text(r.stdout)
print("recorded", r.stdout.count("\n## ") + 1, "dir() lines")
