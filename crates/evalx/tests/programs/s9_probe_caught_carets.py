# A failure reported from inside a generator-based context manager (as unittest's subTest does) keeps
# the carets under each line of its traceback, and an exception raised again keeps its own.
import contextlib
import re
import traceback


def show(text):
    # The script's folder is left out of the file names, so the output is the same wherever it runs.
    print(re.sub(r'File ".*/', 'File "', text), end="")


def check(i):
    if i >= 2: raise AssertionError(f"{i} is too big")


@contextlib.contextmanager
def reporting(label):
    try:
        yield
    except AssertionError:
        print(f"-- {label}")
        show(traceback.format_exc())


def run():
    for i in range(3):
        with reporting("one line"): check(i)
        with reporting("block"):
            check(i)


run()


def parse(rows):
    out = []
    for r in rows:
        try:
            out.append(int(r["n"]) * 2)
        except KeyError as e:
            saved = e
    raise saved


try:
    parse([{"n": "1"}, {"m": "2"}])
except KeyError:
    show(traceback.format_exc())
