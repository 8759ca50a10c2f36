import os
import shutil

os.makedirs("src/sub/deep")
for name, text in (("src/a.txt", "alpha\n"), ("src/b.log", "beta\n"), ("src/sub/c.txt", "gamma" * 1000),
                   ("src/sub/deep/d.pyc", "x")):
    with open(name, "w") as f:
        f.write(text)

print(shutil.copyfile("src/a.txt", "copy.txt"), open("copy.txt").read(), end="")
print(shutil.copy("src/b.log", "src/sub"))
print(shutil.copy2("src/a.txt", "second.txt"))
print(os.stat("second.txt").st_size)
try:
    shutil.copyfile("src/a.txt", "src/a.txt")
except shutil.SameFileError as e:
    print(type(e).__name__, e, isinstance(e, OSError))
try:
    shutil.copyfile("missing.txt", "x.txt")
except FileNotFoundError as e:
    print(type(e).__name__, e)
try:
    shutil.copyfile("src/a.txt", "src")
except IsADirectoryError as e:
    print(type(e).__name__, e)

print(shutil.copytree("src", "dst", ignore=shutil.ignore_patterns("*.pyc", "*.log")))
for root, dirs, files in sorted(os.walk("dst")):
    print(root, sorted(dirs), sorted(files))
print(len(open("dst/sub/c.txt").read()))
try:
    shutil.copytree("src", "dst")
except FileExistsError as e:
    print(type(e).__name__, e)
shutil.copytree("src", "dst", dirs_exist_ok=True)
print(sorted(os.listdir("dst")))

print(shutil.move("copy.txt", "dst"))
print(shutil.move("second.txt", "renamed.txt"))
print(sorted(os.listdir(".")))
try:
    shutil.move("renamed.txt", "dst")
    shutil.move("dst/renamed.txt", ".")
    open("renamed.txt", "w").close()
    shutil.move("renamed.txt", "dst")
except shutil.Error as e:
    print(type(e).__name__, e)
print(shutil.move("dst", "moved"))
print(sorted(os.listdir(".")), sorted(os.listdir("moved")))

shutil.rmtree("moved")
print(sorted(os.listdir(".")))
try:
    shutil.rmtree("moved")
except FileNotFoundError as e:
    print(type(e).__name__, e)
shutil.rmtree("moved", ignore_errors=True)
seen = []
shutil.rmtree("nowhere", onerror=lambda f, p, ei: seen.append((p, ei[0].__name__)))
print(seen)
try:
    shutil.rmtree("src/a.txt")
except NotADirectoryError as e:
    print(type(e).__name__, e)

import io
src = io.StringIO("x" * 100000)
dst = io.StringIO()
shutil.copyfileobj(src, dst, 1000)
print(len(dst.getvalue()))
print(shutil.which("no-such-program-here"), shutil.which("x", path=""))
print(shutil.get_archive_formats()[-1], [f[0] for f in shutil.get_unpack_formats()][-1])
try:
    shutil.make_archive("a", "rar")
except ValueError as e:
    print(e)
try:
    shutil.unpack_archive("a.rar")
except shutil.ReadError as e:
    print(e)
print(os.path.basename(shutil.make_archive("arch", "zip", "src")))
import zipfile
print(sorted(zipfile.ZipFile("arch.zip").namelist()))
shutil.unpack_archive("arch.zip", "out")
for root, dirs, files in sorted(os.walk("out")):
    print(root, sorted(dirs), sorted(files))
print(open("out/sub/deep/d.pyc").read())
import sys
size = shutil.get_terminal_size((33, 11)) if not sys.stdout.isatty() else None
print(type(size).__name__, size.columns, size.lines, size)
