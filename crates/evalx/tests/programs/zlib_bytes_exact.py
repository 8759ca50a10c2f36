# The compressed bytes are CPython's (C zlib's deflate) for every level and wbits, in one-shot and
# incremental compression, including stored blocks (level 0) that split where CPython's output room ends.
import hashlib
import random
import zlib

random.seed(7)
data = bytes(random.choice(b"ACGT ") for _ in range(40000)) + b"xyz" * 3000
print(zlib.compress(b"a" * 1000).hex(), zlib.compress(b"") .hex(), zlib.compress(b"hello", 9, -15).hex())
for w in (8, 9, 12, 15, -9, -15, 25, 31):
    for lvl in (0, 1, 6, 9):
        c = zlib.compress(data, lvl, w)
        o = zlib.compressobj(lvl, zlib.DEFLATED, w)
        parts = o.compress(data[:30000]) + o.flush(zlib.Z_SYNC_FLUSH) + o.compress(data[30000:]) + o.flush()
        back = zlib.decompress(parts, 0 if 8 <= w <= 15 else w) == data
        print(w, lvl, len(c), hashlib.sha256(c).hexdigest()[:12], len(parts), hashlib.sha256(parts).hexdigest()[:12], back)
