# tarfile: writing and reading archives in memory in every format, long and non-ASCII names, pax and GNU
# headers, gzip, listing, member files, append, and the error texts.
import io
import tarfile


def build(fmt, names):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as tf:
        for name, data in names:
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            ti.mtime = 1700000000
            ti.uname, ti.gname = "alice", "staff"
            tf.addfile(ti, io.BytesIO(data))
        d = tarfile.TarInfo("folder")
        d.type = tarfile.DIRTYPE
        d.mode = 0o755
        d.mtime = 1700000000
        tf.addfile(d)
        link = tarfile.TarInfo("folder/link")
        link.type = tarfile.SYMTYPE
        link.linkname = "../a.txt"
        link.mtime = 1700000000
        tf.addfile(link)
    return buf.getvalue()


files = [("a.txt", b"hello tar\n"), ("sub/b.bin", bytes(range(256)) * 3), ("empty", b"")]
for fmt in (tarfile.USTAR_FORMAT, tarfile.GNU_FORMAT, tarfile.PAX_FORMAT):
    raw = build(fmt, files)
    print(fmt, len(raw), raw[:8], raw[257:265], raw[148:156])
    with tarfile.open(fileobj=io.BytesIO(raw)) as tf:
        print(tf.getnames())
        for m in tf.getmembers():
            print(" ", m.name, m.size, oct(m.mode), m.type, m.mtime, m.uname, m.gname, m.isfile(),
                  m.isdir(), m.issym(), m.linkname, m.offset, m.offset_data)
        print(tf.extractfile("a.txt").read(), len(tf.extractfile("sub/b.bin").read()))
        print(tf.extractfile("folder"), tf.extractfile("folder/link").read())
        tf.list()
        tf.list(verbose=False)

long_name = "deep/" * 30 + "file.txt"
for fmt in (tarfile.GNU_FORMAT, tarfile.PAX_FORMAT):
    raw = build(fmt, [(long_name, b"x"), ("caf\u00e9.txt", b"y")])
    with tarfile.open(fileobj=io.BytesIO(raw), mode="r:") as tf:
        print(fmt, len(raw), [len(n) for n in tf.getnames()], tf.getnames()[1])
try:
    build(tarfile.USTAR_FORMAT, [("x" * 300, b"")])
except ValueError as e:
    print("ValueError:", e)
print(len(build(tarfile.USTAR_FORMAT, [("a/" * 60 + "b", b"")])))

# gzip round trip and auto-detection.
buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w:gz") as tf:
    ti = tarfile.TarInfo("z.txt")
    ti.size = 3
    tf.addfile(ti, io.BytesIO(b"zzz"))
gz = buf.getvalue()
print(gz[:2], tarfile.is_tarfile(io.BytesIO(gz)))
for mode in ("r", "r:gz", "r:*"):
    with tarfile.open(fileobj=io.BytesIO(gz), mode=mode) as tf:
        print(mode, tf.getnames(), tf.extractfile("z.txt").read())

# Append.
base = io.BytesIO(build(tarfile.PAX_FORMAT, [("one", b"1")]))
with tarfile.open(fileobj=base, mode="a") as tf:
    ti = tarfile.TarInfo("two")
    ti.size = 1
    tf.addfile(ti, io.BytesIO(b"2"))
base.seek(0)
with tarfile.open(fileobj=base) as tf:
    print(tf.getnames())

# TarInfo by hand.
ti = tarfile.TarInfo("hand.txt")
print(ti.get_info())
print(len(ti.tobuf()), ti.tobuf(tarfile.USTAR_FORMAT)[:20], ti.path, ti.isreg(), ti.isdev())
print(tarfile.TarInfo.frombuf(ti.tobuf(tarfile.USTAR_FORMAT), "utf-8", "strict").name)
print(tarfile.itn(8 ** 11 + 5, 12, tarfile.GNU_FORMAT), tarfile.nti(tarfile.itn(-3, 8, tarfile.GNU_FORMAT)))

# Errors.
for data, mode in [(b"", "r"), (b"", "r:"), (b"hello world" * 100, "r"), (b"hello world" * 100, "r:")]:
    try:
        tarfile.open(fileobj=io.BytesIO(data), mode=mode)
    except tarfile.TarError as e:
        print(type(e).__name__, repr(str(e)))
for mode in ("q", "r:zip", "w:bz9"):
    try:
        tarfile.open(fileobj=io.BytesIO(), mode=mode)
    except (ValueError, tarfile.CompressionError) as e:
        print(type(e).__name__, e)
try:
    tarfile.open()
except ValueError as e:
    print("ValueError:", e)
tf = tarfile.open(fileobj=io.BytesIO(build(tarfile.PAX_FORMAT, [])))
try:
    tf.getmember("nope")
except KeyError as e:
    print("KeyError:", e)
tf.close()
try:
    tf.getnames()
except OSError as e:
    print("OSError:", e)
w = tarfile.open(fileobj=io.BytesIO(), mode="w")
try:
    t = tarfile.TarInfo("big")
    t.size = 10
    w.addfile(t)
except ValueError as e:
    print("ValueError:", e)
print(tarfile.is_tarfile(io.BytesIO(b"not a tar at all" * 64)), issubclass(tarfile.ReadError, tarfile.TarError))
print(tarfile.REGTYPE, tarfile.DIRTYPE, tarfile.DEFAULT_FORMAT, tarfile.BLOCKSIZE, tarfile.RECORDSIZE, tarfile.ENCODING)
