import io
import zipfile

buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as zf:
    info = zipfile.ZipInfo("hello.txt", date_time=(2020, 5, 17, 13, 45, 30))
    zf.writestr(info, "Hello, zip!\n")
    info2 = zipfile.ZipInfo("dir/data.bin", date_time=(2021, 12, 31, 23, 59, 58))
    info2.external_attr = 0o644 << 16
    zf.writestr(info2, bytes(range(256)))
    zf.comment = b"made by a test"
    print(repr(zf)[:30])
raw = buf.getvalue()
print(len(raw), raw[:4], raw[-14:])
print(raw.hex()[:160])
import hashlib
print(hashlib.sha256(raw).hexdigest())
print(zipfile.is_zipfile(buf), zipfile.is_zipfile(io.BytesIO(b"not a zip")))

with zipfile.ZipFile(io.BytesIO(raw)) as zf:
    print(zf.namelist(), zf.comment)
    for i in zf.infolist():
        print(i, i.date_time, i.CRC, i.file_size, i.compress_size, i.is_dir(), hex(i.external_attr))
    print(zf.read("hello.txt"))
    print(zf.read("dir/data.bin")[250:])
    with zf.open("hello.txt") as f:
        print(f.read(5), f.read(), f.read())
    print(zf.testzip())
    zf.printdir()
    try:
        zf.getinfo("nope")
    except KeyError as e:
        print("KeyError", e)
    try:
        zf.writestr("x", "y")
    except ValueError as e:
        print("ValueError", e)
    try:
        zf.open("hello.txt", "a")
    except ValueError as e:
        print("ValueError", e)
try:
    zf.read("hello.txt")
except ValueError as e:
    print("ValueError", e)
print(repr(zf))

buf = io.BytesIO()
text = ("line %d of a fairly repetitive text\n" * 200) % tuple(range(200))
with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
    zf.writestr("text.txt", text)
    zf.writestr("empty/", b"")
    with zf.open("stream.txt", "w") as w:
        w.write(b"abc")
        w.write(b"def\nghi\n")
    zf.writestr("stored.txt", b"plain", compress_type=zipfile.ZIP_STORED)
with zipfile.ZipFile(buf) as zf:
    for i in zf.infolist():
        print(i.filename, i.compress_type, i.file_size, i.compress_size < i.file_size, i.is_dir())
    print(zf.read("text.txt").decode() == text)
    with zf.open("stream.txt") as f:
        print(list(f))
    print(repr(zf.getinfo("empty/")))

with zipfile.ZipFile(buf, "a") as zf:
    zf.writestr("added.txt", "more")
with zipfile.ZipFile(buf) as zf:
    print(zf.namelist(), zf.read("added.txt"))

for bad in (b"", b"PK\x03\x04 junk", b"x" * 100):
    try:
        zipfile.ZipFile(io.BytesIO(bad))
    except zipfile.BadZipFile as e:
        print("BadZipFile", e)
corrupt = bytearray(raw)
corrupt[raw.index(b"Hello")] = ord("J")
with zipfile.ZipFile(io.BytesIO(bytes(corrupt))) as zf:
    print(zf.testzip())
    try:
        zf.read("hello.txt")
    except zipfile.BadZipFile as e:
        print("BadZipFile", e)
for args in ((io.BytesIO(), "q"), (io.BytesIO(), "w", 99), (io.BytesIO(), "w", zipfile.ZIP_LZMA + 1)):
    try:
        zipfile.ZipFile(*args)
    except (ValueError, NotImplementedError) as e:
        print(type(e).__name__, e)
try:
    zipfile.ZipInfo("old", (1979, 1, 1, 0, 0, 0))
except ValueError as e:
    print("ValueError", e)
try:
    zipfile.ZipFile(io.BytesIO(), "w").comment = "text"
except TypeError as e:
    print("TypeError", e)
print(zipfile.ZipInfo("a/b/"), zipfile.ZipInfo())
print(zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.BadZipfile is zipfile.BadZipFile, zipfile.error)
