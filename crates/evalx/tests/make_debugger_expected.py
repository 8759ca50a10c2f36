"""Regenerates the pdb transcripts of tests/debugger/*.py with CPython 3.11's pdb.

Usage: python3 tests/make_debugger_expected.py
Each NAME.py runs with NAME.cmds on stdin (pdb reads commands from a pipe without echoing them) and NAME.out
keeps its stdout with the directory stripped from paths. A program named pm_*.py runs to its uncaught
exception and then enters pdb.post_mortem at the raising frame (the driver's own frame is left out, so the
stack is the program's). A program named run_*.py runs under `python3 -m pdb` (stops before its first line,
restarts when it ends), which the Rust test compares with `evalx --pdb --style pdb`. The Rust test (tests/debugger.rs) produces the same transcript with evalx's
debugger in its pdb style.
"""
import pathlib
import subprocess
import sys

here = pathlib.Path(__file__).parent / "debugger"

DRIVER = r'''
import pdb, sys
name = sys.argv[1]
code = compile(open(name).read(), name, "exec")
try:
    exec(code, {"__name__": "__main__"})
except Exception:
    pdb.post_mortem(sys.exc_info()[2].tb_next)
'''


def transcript(py: pathlib.Path) -> str:
    # {DIR} in the commands stands for the programs' folder (for `b /abs/path/prog.py:N`).
    cmds = py.with_suffix(".cmds").read_text().replace("{DIR}/", str(here.resolve()) + "/")
    if py.name.startswith("pm_"):
        argv = [sys.executable, "-c", DRIVER, py.name]
    elif py.name.startswith("run_"):
        argv = [sys.executable, "-m", "pdb", py.name]
    else:
        argv = [sys.executable, py.name]
    r = subprocess.run(argv, cwd=here, input=cmds, capture_output=True, text=True, timeout=60)
    return r.stdout.replace(str(here.resolve()) + "/", "")


if __name__ == "__main__":
    progs = sorted(here.glob("*.py"))
    for py in progs:
        py.with_suffix(".out").write_text(transcript(py))
    # pdb's texts change between 3.11 patch releases (3.11.7's display survives a failing __repr__, 3.11.2's
    # does not): the check against a local CPython uses this exact version only.
    (here / "RECORDED_WITH").write_text(sys.version.split()[0] + "\n")
    print("regenerated", len(progs), "transcripts with", sys.version.split()[0])
