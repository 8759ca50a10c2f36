import os
import zipfile

os.makedirs("tree/sub")
with open("tree/a.txt", "w") as f:
    f.write("alpha\n" * 50)
with open("tree/sub/b.bin", "wb") as f:
    f.write(bytes(range(256)) * 4)

with zipfile.ZipFile("out.zip", "w", compression=zipfile.ZIP_DEFLATED) as z:
    z.write("tree")
    z.write("tree/a.txt")
    z.write("tree/sub/b.bin", arcname="renamed/b.bin", compress_type=zipfile.ZIP_STORED)
    z.write("tree/a.txt", "/abs/../x.txt")
print(zipfile.is_zipfile("out.zip"), zipfile.is_zipfile("tree/a.txt"), zipfile.is_zipfile("missing.zip"))
with zipfile.ZipFile("out.zip") as z:
    for i in z.infolist():
        print(i.filename, i.is_dir(), i.file_size, i.compress_type, i.external_attr >> 16 != 0, bool(i.external_attr & 0x10))
    print(z.extract("renamed/b.bin", "dest"))
    z.extractall("all")
for root, dirs, files in sorted(os.walk("all")):
    print(root, sorted(dirs), sorted(files))
print(open("all/tree/a.txt").read() == "alpha\n" * 50, len(open("dest/renamed/b.bin", "rb").read()))

with zipfile.ZipFile("out.zip", "a") as z:
    z.writestr("added.txt", "appended")
with zipfile.ZipFile("out.zip") as z:
    print(z.namelist()[-2:], z.read("added.txt"))

with open("plain.txt", "w") as f:
    f.write("not a zip, but we append an archive to it")
with zipfile.ZipFile("plain.txt", "a") as z:
    z.writestr("inside.txt", "hidden")
with zipfile.ZipFile("plain.txt") as z:
    print(z.namelist(), z.read("inside.txt"), open("plain.txt", "rb").read()[:10])

try:
    zipfile.ZipFile("out.zip", "x")
except FileExistsError as e:
    print(type(e).__name__, e)
try:
    zipfile.ZipFile("missing.zip")
except FileNotFoundError as e:
    print(type(e).__name__, e)
try:
    zipfile.ZipFile("tree/a.txt")
except zipfile.BadZipFile as e:
    print(type(e).__name__, e)


def forget_to_close():
    z = zipfile.ZipFile("unclosed.zip", "w")
    z.writestr("a.txt", "still written")


forget_to_close()
print(zipfile.ZipFile("unclosed.zip").read("a.txt"))
