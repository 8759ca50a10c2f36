# gzip.open / GzipFile over files the host granted: written, read back in binary and text mode, the
# header naming the file (FNAME), appended members, and errors.
import gzip
import os

with gzip.open("notes.txt.gz", "wb") as f:
    f.write(b"alpha\nbeta\n")
with gzip.GzipFile("stamped.gz", "wb", mtime=0) as f:
    f.write(b"x" * 50)
raw = open("stamped.gz", "rb").read()
print(raw[:3].hex(), raw[3], raw[10:18], raw[-8:].hex())
print(gzip.decompress(raw) == b"x" * 50)
with gzip.open("notes.txt.gz") as f:
    print(f.name, f.mode, f.read())
with gzip.open("notes.txt.gz", "rt", encoding="utf-8") as f:
    for line in f:
        print(repr(line))
with gzip.open("notes.txt.gz", "ab") as f:
    f.write(b"gamma\n")
with gzip.open("notes.txt.gz", "rb") as f:
    print(f.read())
with gzip.open("text.gz", "wt", newline="\r\n") as f:
    f.write("one\ntwo\n")
print(gzip.open("text.gz").read())
print(sorted(n for n in os.listdir(".") if n.endswith(".gz")))
try:
    gzip.open("missing.gz")
except FileNotFoundError as e:
    print("FileNotFoundError", e.filename)
open("plain.txt", "w").write("not gzip")
try:
    gzip.open("plain.txt").read()
except gzip.BadGzipFile as e:
    print(e)
