"""Regenerates the ipdb transcripts of tests/debugger_ipdb/*.py with ipdb 0.13 (IPython's debugger).

Usage: python3 tests/make_ipdb_expected.py   (needs `pip install 'ipdb==0.13.*'`)
Each NAME.py runs with NAME.cmds on stdin and PYTHONBREAKPOINT=ipdb.set_trace, so breakpoint() opens ipdb.
IPython colours its output even on a pipe: the colour codes are removed (evalx colours only a terminal),
and the directory is stripped from paths. The Rust test (tests/debugger.rs) produces the same transcript
with evalx's debugger in its ipdb style.
"""
import os
import pathlib
import re
import subprocess
import sys

here = pathlib.Path(__file__).parent / "debugger_ipdb"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def transcript(py: pathlib.Path) -> str:
    cmds = py.with_suffix(".cmds").read_text()
    env = dict(os.environ, PYTHONBREAKPOINT="ipdb.set_trace", IPDB_CONTEXT_SIZE="3")
    r = subprocess.run([sys.executable, py.name], cwd=here, input=cmds, capture_output=True,
                       text=True, timeout=60, env=env)
    return ANSI.sub("", r.stdout).replace(str(here.resolve()) + "/", "")


if __name__ == "__main__":
    import ipdb  # noqa: F401  (fails early when ipdb is missing)
    progs = sorted(here.glob("*.py"))
    for py in progs:
        py.with_suffix(".out").write_text(transcript(py))
    print("regenerated", len(progs), "ipdb transcripts with", sys.version.split()[0])
