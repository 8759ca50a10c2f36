# gzip.GzipFile and gzip.open over io.BytesIO: writing, reading (readline, read, peek, seek, iteration),
# text mode through io.TextIOWrapper, and the errors.
import gzip, io
buf = io.BytesIO()
with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as f:
    print(f.write(b"hello\nworld\n"), f.write(bytearray(b"more")), f.tell(), f.mode, f.writable(), f.readable())
data = buf.getvalue()
print(data.hex())
print(gzip.decompress(data))
with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
    print(f.readline(), f.read(3), f.peek(2)[:2], f.read(), f.mtime, f.tell())
    f.seek(0)
    print(list(f))
with gzip.open(io.BytesIO(data), "rt") as f:
    print(list(f))
b2 = io.BytesIO()
with gzip.open(b2, "wt", encoding="utf-8") as t:
    t.write("héllo\n")
print(gzip.decompress(b2.getvalue()).decode())
g = gzip.GzipFile(fileobj=io.BytesIO(data))
g.close()
print(g.closed)
try:
    g.read()
except ValueError as e:
    print(e)
w = gzip.GzipFile(fileobj=io.BytesIO(), mode="wb")
try:
    w.read()
except OSError as e:
    print(e)
try:
    gzip.GzipFile(fileobj=io.BytesIO(b"notgzip")).read()
except gzip.BadGzipFile as e:
    print(e)
try:
    gzip.open(io.BytesIO(), "rb", encoding="x")
except ValueError as e:
    print(e)
try:
    gzip.open(5)
except TypeError as e:
    print(e)
