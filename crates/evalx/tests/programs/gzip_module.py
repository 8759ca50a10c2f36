# gzip: compress()'s header, round trips, decompress() of CPython-made members (with optional header
# fields and concatenated members) and its errors. The deflate bytes themselves are not printed: any
# valid deflate stream is a correct gzip body.
import gzip

text = b"hello gzip world " * 3
for level in (9, 1, 6, 0):
    c = gzip.compress(text, level, mtime=0)
    print(level, c[:10], c[-8:], gzip.decompress(c) == text)
c = gzip.compress(b"", mtime=1234567890)
print(c[:10], c[-8:], gzip.decompress(c))
print(gzip.compress(bytearray(b"xy"), mtime=7)[:10], gzip.decompress(gzip.compress(memoryview(b"mv"))))
big = bytes(range(256)) * 400
print(gzip.decompress(gzip.compress(big)) == big, len(gzip.compress(big)) < len(big))

# Recorded from CPython: gzip.compress(b'hello gzip world ' * 3, mtime=0).
made = bytes.fromhex("1f8b0800000000000203cb48cdc9c95748afca2c5028cf2fca4951c820280000a45d682733000000")
print(gzip.decompress(made))
print(gzip.decompress(made + made + b"\x00\x00"))
print(gzip.decompress(b""))
# A member with FEXTRA, FNAME, FCOMMENT and FHCRC set (flags 0x1e).
body = made[10:]
fancy = made[:3] + b"\x1e" + made[4:10] + b"\x03\x00abc" + b"name.txt\x00" + b"a comment\x00" + b"\x12\x34" + body
print(gzip.decompress(fancy))
bad = [
    b"PK\x03\x04",
    made[:2] + b"\x07" + made[3:],
    made[:-8] + b"\x00\x00\x00\x00" + made[-4:],
    made[:-4] + b"\x99\x00\x00\x00",
    made[:20],
    made[:-3],
    made[:6],
    made[:3] + b"\x08" + made[4:10] + b"noend",
]
for b in bad:
    try:
        gzip.decompress(b)
        print("no error")
    except (gzip.BadGzipFile, EOFError) as e:
        print(type(e).__name__, e)
print(issubclass(gzip.BadGzipFile, OSError))
