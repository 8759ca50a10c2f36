#!/usr/bin/env python3
"""Runs every hostile program (tests/hostile/*.py) with a release `evalx` binary and prints the README's table.

    cargo build --release -p evalx
    python3 crates/evalx/tools/hostile_table.py [path/to/evalx] > /tmp/hostile.md
    python3 crates/evalx/tools/hostile_table.py --record NAME...   # (re)writes programs' CPython line

`--record` runs each named program (tests/hostile/NAME.py, written without its first line or with an old one)
with this machine's `python3` (CPython 3.11) under the same 4 GiB address-space cap for at most 10 s, and
writes what CPython did as the program's `# cpython: ...` first line: the recorded outcome is never written
by hand.

Each program runs as `tests/hostile.rs` runs it (a 4 GiB address-space cap, --max-memory 1G, --max-output 64M,
the program's own `# evalx:` flags), but with --max-time 2 instead of 8, so a runaway's "time to stop" is the
2 s deadline plus how long evalx took to see it. The CPython column is the outcome recorded in each
program's first line (CPython 3.11, same cap, 10 s). The table's times are wall-clock times of one run on
whatever machine runs it, beside the process's CPU time (user + system, from the kernel's accounting of
the waited-for child): on a loaded machine the wall time includes the time the process waited for a core,
the CPU time does not. `tests/hostile.rs` checks the outcomes, never the times.
"""

import os
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DIR = os.path.join(HERE, "..", "tests", "hostile")
ROOT = os.path.join(HERE, "..", "..", "..")
LIMITS = {"--max-time": "2", "--max-memory": "1G", "--max-output": "64M"}


def headers(src):
    lines = src.splitlines()[:4]
    get = lambda key: next((l[len(key):] for l in lines if l.startswith(key)), None)
    return get("# cpython: "), get("# evalx: "), get("# evalx-expect: ")


def outcome(code, stdout, stderr):
    if code is None or code < 0 or code not in (0, 1):
        return f"died (status {code})"
    if "panicked" in stderr:
        return "panic"
    last = stderr.rstrip().splitlines()[-1] if stderr.strip() else ""
    if code == 0:
        out = stdout if len(stdout) < 40 else stdout[:37] + "..."
        return "prints " + repr(out)
    if last.startswith("evalx limit exceeded"):
        what = last.split(": ", 1)[1].split(";")[0] if ": " in last else last
        return "limit: " + what
    return last.split(":")[0]


def cpython_outcome(path):
    """What CPython 3.11 does with the program at `path` (without its header lines), as a header value."""
    try:
        p = subprocess.run(
            ["sh", "-c", 'ulimit -v 4194304; exec python3 "$0"', path],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=10,
        )
    except subprocess.TimeoutExpired:
        return "runs past 10 s"
    if p.returncode < 0 or p.returncode > 1:
        sig = -p.returncode if p.returncode < 0 else p.returncode - 128
        try:
            import signal
            name = signal.Signals(sig).name
        except ValueError:
            name = f"signal {sig}"
        code = p.returncode if p.returncode > 0 else 128 + sig
        return f"crashes ({name}, rc {code})"
    if p.returncode == 0:
        return "stdout: " + p.stdout.decode(errors="replace").replace("\n", "\\n")
    last = p.stderr.decode(errors="replace").rstrip().splitlines()[-1]
    return "error: " + last.split(":")[0]


def record(names):
    for name in names:
        path = os.path.join(DIR, name if name.endswith(".py") else name + ".py")
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines(keepends=True)
        if lines and lines[0].startswith("# cpython: "):
            lines = lines[1:]
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(lines))
        got = cpython_outcome(path)
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"# cpython: {got}\n" + "".join(lines))
        print(f"{name}: {got}")


def main():
    if sys.argv[1:2] == ["--record"]:
        record(sys.argv[2:])
        return
    exe = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "release", "evalx")
    print("| program | CPython 3.11 | evalx (release) | time to stop (wall) | CPU time |")
    print("|---|---|---|---|---|")
    for name in sorted(os.listdir(DIR)):
        if not name.endswith(".py"):
            continue
        path = os.path.join(DIR, name)
        with open(path, encoding="utf-8") as f:
            cpython, extra, expect = headers(f.read())
        flags = dict(LIMITS)
        extra = (extra or "").split()
        for k, v in zip(extra[::2], extra[1::2]):
            flags[k] = v
        args = [a for kv in flags.items() for a in kv]
        t0 = time.monotonic()
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        p = subprocess.run(
            ["sh", "-c", 'ulimit -v 4194304; exec "$0" "$@"', exe, *args, path],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=300,
        )
        dt = time.monotonic() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        got = outcome(p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace"))
        cp = cpython.replace("error: ", "").replace("stdout: ", "prints ")
        if expect:
            got += f" (by design: {expect.split(' (', 1)[1].rstrip(')')})" if " (" in expect else ""
        print(f"| `{name[:-3]}` | {cp} | {got} | {dt:.2f} s | {cpu:.2f} s |")


if __name__ == "__main__":
    main()
