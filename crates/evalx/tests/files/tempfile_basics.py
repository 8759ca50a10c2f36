# tempfile over the program's folder: names, creation, cleanup (no path is printed: CPython's default
# temporary folder is the host's /tmp, evalx's the first writable mount that qualifies).
import os
import tempfile

here = os.getcwd()
tmp = tempfile.gettempdir()
print(type(tmp).__name__, os.path.isabs(tmp), os.path.isdir(tmp), tmp == tempfile.gettempdir())
print(tempfile.gettempprefix(), tempfile.gettempprefixb(), type(tempfile.gettempdirb()).__name__, tempfile.TMP_MAX)

# mkdtemp / mkstemp in a given folder
d = tempfile.mkdtemp(prefix="pre_", suffix="_suf", dir=here)
name = os.path.basename(d)
print(os.path.isdir(d), os.path.dirname(d) == here, name.startswith("pre_"), name.endswith("_suf"), len(name))
fd, path = tempfile.mkstemp(suffix=".txt", dir=d)
print(type(fd).__name__, os.path.isfile(path), os.path.dirname(path) == d, os.path.basename(path)[:3],
      path.endswith(".txt"), os.path.getsize(path))
print(os.write(fd, b"hello "), os.write(fd, b"world"), os.lseek(fd, 0, 0), os.read(fd, 5), os.read(fd, 100))
os.close(fd)
try:
    os.close(fd)
except OSError as e:
    print(type(e).__name__, e)
with open(path) as f:
    print(f.read())
fd, path2 = tempfile.mkstemp(dir=d, text=True)
with os.fdopen(fd, "w") as f:
    f.write("via fdopen\n")
print(open(path2).read(), end="")
print(sorted(len(n) for n in os.listdir(d)))
b = tempfile.mkdtemp(dir=here.encode())
print(type(b).__name__, os.path.isdir(b))
os.rmdir(b)
try:
    tempfile.mkstemp(prefix=b"x", dir=here)
except TypeError as e:
    print("TypeError:", e)
print(os.path.exists(tempfile.mktemp(dir=d)))

# NamedTemporaryFile: deleted on close
with tempfile.NamedTemporaryFile(dir=d, suffix=".bin") as f:
    print(f.name.endswith(".bin"), os.path.exists(f.name), f.mode, f.closed)
    f.write(b"abc")
    f.seek(0)
    print(f.read())
    n = f.name
print(os.path.exists(n), f.closed)
f = tempfile.NamedTemporaryFile("w+", dir=d, delete=False)
f.write("kept\n")
f.close()
print(os.path.exists(f.name), open(f.name).read(), end="")
os.remove(f.name)
f = tempfile.NamedTemporaryFile(mode="w+t", prefix="log", dir=d)
f.write("line 1\nline 2\n")
f.seek(0)
print([line for line in f], os.path.basename(f.name).startswith("log"))
f.close()
print(os.path.exists(f.name))

# TemporaryFile
with tempfile.TemporaryFile(dir=d) as t:
    t.write(b"x" * 10)
    t.seek(0)
    print(len(t.read()), t.closed)
print(t.closed)
with tempfile.TemporaryFile("w+", dir=d) as t:
    t.write("text")
    t.seek(0)
    print(t.read())

# SpooledTemporaryFile: memory until max_size, then a file
with tempfile.SpooledTemporaryFile(max_size=10, dir=d) as s:
    s.write(b"12345")
    print(s._rolled, s.tell())
    s.write(b"678901234")
    print(s._rolled, s.tell())
    s.seek(0)
    print(s.read())
with tempfile.SpooledTemporaryFile(mode="w+") as s:
    s.write("spool")
    s.seek(0)
    print(s.read(), s._rolled)

# TemporaryDirectory: removed with everything in it
with tempfile.TemporaryDirectory(dir=d, prefix="td") as td:
    os.makedirs(os.path.join(td, "a", "b"))
    open(os.path.join(td, "a", "b", "f.txt"), "w").write("x")
    open(os.path.join(td, "top.txt"), "w").write("y")
    print(os.path.isdir(td), os.path.basename(td).startswith("td"), sorted(os.listdir(td)))
print(os.path.exists(td))
t = tempfile.TemporaryDirectory(dir=d)
print(repr(t) == "<TemporaryDirectory %r>" % t.name, os.path.isdir(t.name))
t.cleanup()
t.cleanup()
print(os.path.exists(t.name))
with tempfile.TemporaryDirectory() as td2:
    print(os.path.isdir(td2), os.path.isabs(td2))
print(os.path.exists(td2))

os.remove(path)
os.remove(path2)
os.rmdir(d)
print(os.listdir(here))
