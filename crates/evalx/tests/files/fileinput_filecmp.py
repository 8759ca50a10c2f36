import filecmp
import fileinput
import os

os.makedirs("a/sub")
os.makedirs("b/sub")
os.makedirs("a/onlyleft")
files = {"a/x.txt": "one\ntwo\n", "b/x.txt": "one\ntwo\n", "a/y.txt": "left\n", "b/y.txt": "right\n",
         "a/z.txt": "abc", "b/z.txt": "abcd", "a/sub/s.txt": "s", "b/sub/s.txt": "t", "b/r.txt": "r",
         "a/sub/k": "k", "b/sub/k": "k", "a/CVS": "ignored", "b/CVS": "ignored"}
for name, text in files.items():
    with open(name, "w") as f:
        f.write(text)
print(filecmp.cmp("a/x.txt", "b/x.txt"), filecmp.cmp("a/x.txt", "b/x.txt", shallow=False),
      filecmp.cmp("a/y.txt", "b/y.txt", shallow=False), filecmp.cmp("a/z.txt", "b/z.txt"), filecmp.cmp("a", "b"))
try:
    filecmp.cmp("a/nope", "b/x.txt")
except FileNotFoundError as e:
    print(type(e).__name__, e)
print(filecmp.cmpfiles("a", "b", ["x.txt", "y.txt", "nope.txt"], shallow=False))
d = filecmp.dircmp("a", "b")
print(d.left_list, d.right_list, d.common, d.left_only, d.right_only, d.common_dirs, d.common_files)
print(sorted(d.subdirs), d.subdirs["sub"].diff_files, d.subdirs["sub"].same_files)
d.report()
d.report_full_closure()
print(filecmp.DEFAULT_IGNORES)
try:
    d.nothing
except AttributeError as e:
    print("AttributeError")
filecmp.clear_cache()

with fileinput.input(files=("a/x.txt", "a/y.txt", "a/z.txt")) as f:
    for line in f:
        print(f.filename(), f.lineno(), f.filelineno(), f.isfirstline(), f.isstdin(), repr(line))
for line in fileinput.input(["a/x.txt", "b/y.txt"]):
    if fileinput.isfirstline():
        print("start", fileinput.filename())
    print(fileinput.lineno(), line.rstrip())
    if line.startswith("one"):
        fileinput.nextfile()
fileinput.close()
with fileinput.FileInput("a/x.txt", inplace=True, backup=".orig") as f:
    for line in f:
        print(line.upper(), end="")
print(open("a/x.txt").read(), open("a/x.txt.orig").read(), sorted(os.listdir("a")))
with fileinput.FileInput("b/x.txt", inplace=True) as f:
    for line in f:
        print("%d: %s" % (f.lineno(), line), end="")
print(open("b/x.txt").read(), sorted(os.listdir("b")))
with fileinput.input("a/x.txt", mode="rb") as f:
    print(list(f))
try:
    fileinput.lineno()
except RuntimeError as e:
    print("RuntimeError", e)
try:
    fileinput.FileInput("a/x.txt", mode="w")
except ValueError as e:
    print("ValueError", e)
try:
    fileinput.FileInput("a/x.txt", inplace=True, openhook=open)
except ValueError as e:
    print("ValueError", e)
with fileinput.input("a/y.txt", openhook=fileinput.hook_encoded("utf-8")) as f:
    print(list(f))
first = fileinput.input("a/y.txt")
next(first)
try:
    fileinput.input("a/y.txt")
except RuntimeError as e:
    print("RuntimeError", e)
fileinput.close()
try:
    list(fileinput.input("missing.txt"))
except FileNotFoundError as e:
    print("FileNotFoundError", e)
