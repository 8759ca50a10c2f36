# zlib.compressobj honours memLevel and strategy: the bytes equal CPython's.
import zlib

def lcg_bytes(n, seed):
    out = bytearray()
    x = seed
    for _ in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        out.append((x >> 16) % 23 + 97)
    return bytes(out)

text = b"the quick brown fox jumps over the lazy dog; " * 300
noisy = lcg_bytes(30000, 7)
runs = b"a" * 5000 + b"b" * 3000 + bytes(range(256)) * 8 + b"\x00" * 7000
datas = [("text", text), ("noisy", noisy), ("runs", runs)]

STRATS = [("DEFAULT", zlib.Z_DEFAULT_STRATEGY), ("FILTERED", zlib.Z_FILTERED),
          ("HUFFMAN_ONLY", zlib.Z_HUFFMAN_ONLY), ("RLE", zlib.Z_RLE), ("FIXED", zlib.Z_FIXED)]

def digest(b):
    return "%d:%08x" % (len(b), zlib.crc32(b))

for dname, data in datas:
    for sname, strat in STRATS:
        for wbits in (15, -15, 31, 9, -9, 25):
            row = []
            for mem in range(1, 10):
                c = zlib.compressobj(6, zlib.DEFLATED, wbits, mem, strat)
                out = c.compress(data) + c.flush()
                assert zlib.decompress(out, wbits) == data
                row.append(digest(out))
            print(dname, sname, wbits, " ".join(row))

# levels with each strategy (memLevel 9 and 1), zlib and gzip headers
for sname, strat in STRATS:
    for level in (0, 1, 3, 6, 9, -1):
        a = zlib.compressobj(level, zlib.DEFLATED, 15, 9, strat)
        b = zlib.compressobj(level, zlib.DEFLATED, 31, 1, strat)
        za = a.compress(text) + a.flush()
        zb = b.compress(noisy) + b.flush()
        print(sname, level, za[:2].hex(), digest(za), zb[:10].hex(), digest(zb))

# incremental feeding with flush modes
for sname, strat in STRATS:
    c = zlib.compressobj(5, zlib.DEFLATED, -12, 4, strat)
    parts = []
    for i in range(0, len(runs), 1700):
        parts.append(c.compress(runs[i:i + 1700]))
        if i % 3400 == 0:
            parts.append(c.flush(zlib.Z_SYNC_FLUSH))
        else:
            parts.append(c.flush(zlib.Z_FULL_FLUSH))
    parts.append(c.flush(zlib.Z_FINISH))
    out = b"".join(parts)
    print(sname, "incremental", [len(p) for p in parts][:12], digest(out))
    print(zlib.decompressobj(-12).decompress(out) == runs)

# small outputs in full
for sname, strat in STRATS:
    c = zlib.compressobj(9, zlib.DEFLATED, 15, 2, strat)
    print(sname, (c.compress(b"abcabcabcabcaaaaaaaaaaaaaxyz") + c.flush()).hex())

# keyword arguments and refused options
c = zlib.compressobj(level=7, memLevel=3, strategy=zlib.Z_RLE, wbits=-10)
print(digest(c.compress(runs) + c.flush()))
for kw in ({"memLevel": 0}, {"memLevel": 10}, {"strategy": 5}, {"strategy": -1}):
    try:
        zlib.compressobj(**kw)
    except ValueError as e:
        print(kw, "ValueError", e)
