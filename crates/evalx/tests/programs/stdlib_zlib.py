# zlib: round trips, checksums, framing and errors. evalx's deflater (miniz_oxide) writes valid streams
# but not always C zlib's bytes, so compressed data is checked by round trip, header bytes and size.
import zlib

text = b"The quick brown fox jumps over the lazy dog. " * 50
blob = bytes(range(256)) * 8 + text
empty = b""

print(zlib.crc32(text), zlib.crc32(blob), zlib.crc32(empty), zlib.crc32(b"a", 0xFFFFFFFF), zlib.crc32(b"abc", -1))
print(zlib.adler32(text), zlib.adler32(blob), zlib.adler32(empty), zlib.adler32(b"abc", 0), zlib.adler32(b"x" * 100000))
running = 0
for i in range(0, len(blob), 333):
    running = zlib.crc32(blob[i:i + 333], running)
print(running == zlib.crc32(blob), zlib.crc32(bytearray(b"abc")), zlib.crc32(memoryview(b"abc")))

for level in (-1, 0, 1, 5, 6, 9):
    for wbits in (15, 9, 12, -15, -9, 31, 25):
        c = zlib.compress(blob, level, wbits)
        back = zlib.decompress(c, wbits)
        auto = zlib.decompress(c, 47) if wbits > 16 else zlib.decompress(c, wbits + 32) if wbits > 0 else None
        print(level, wbits, back == blob, auto in (None, blob), len(c) < len(blob) if level else len(c) > len(blob),
              c[:2].hex() if wbits > 0 else "raw")
print(zlib.compress(b"")[:1], zlib.decompress(zlib.compress(b"")), zlib.decompress(zlib.compress(text, level=9)) == text)
print(zlib.decompress(zlib.compress(text), bufsize=1) == text, zlib.decompress(zlib.compress(b"ab") + b"junk"))

# incremental compression and decompression
co = zlib.compressobj(6, zlib.DEFLATED, 15)
parts = [co.compress(blob[i:i + 500]) for i in range(0, len(blob), 500)]
parts.append(co.flush(zlib.Z_SYNC_FLUSH))
print(parts[-1][-4:])
parts.append(co.compress(b"more"))
parts.append(co.flush(zlib.Z_FULL_FLUSH))
parts.append(co.flush())
stream = b"".join(parts)
print(zlib.decompress(stream) == blob + b"more", co.flush(zlib.Z_NO_FLUSH))
try:
    co.compress(b"late")
except zlib.error as e:
    print("error:", e)

do = zlib.decompressobj()
pieces = [do.decompress(stream[i:i + 97]) for i in range(0, len(stream), 97)]
print(b"".join(pieces) == blob + b"more", do.eof, do.unused_data, do.unconsumed_tail, do.flush())

do = zlib.decompressobj()
print(do.eof, do.decompress(zlib.compress(b"abc") + b"extra") , do.eof, do.unused_data)
print(do.decompress(b"again"), do.unused_data)

do = zlib.decompressobj()
first = do.decompress(zlib.compress(text), 100)
print(len(first), len(do.unconsumed_tail) > 0, do.eof)
rest = b""
while do.unconsumed_tail:
    rest += do.decompress(do.unconsumed_tail, 1000)
rest += do.flush()
print(first + rest == text, do.eof)

for wbits in (31, -15, 15):
    co = zlib.compressobj(level=9, wbits=wbits)
    s = co.compress(text) + co.flush()
    do = zlib.decompressobj(wbits=wbits if wbits < 0 else 47)
    print(wbits, do.decompress(s[:10]) + do.decompress(s[10:]) == text, do.eof)

# errors
def show(f, *args, **kw):
    try:
        r = f(*args, **kw)
        print("ok", type(r).__name__)
    except Exception as e:
        print(type(e).__name__, e)

good = zlib.compress(text)
show(zlib.decompress, b"abc")
show(zlib.decompress, good[:-3])
show(zlib.decompress, good[:-1] + bytes([good[-1] ^ 1]))
show(zlib.decompress, good[:20])
show(zlib.decompress, zlib.compress(text, wbits=31))
show(zlib.decompress, zlib.compress(text, wbits=31)[:-1] + b"\x00", 31)
show(zlib.decompress, zlib.compress(text), 9)
show(zlib.decompress, "str")
show(zlib.decompress, good, 99)
show(zlib.compress, b"x", 10)
show(zlib.compress, "x")
show(zlib.compressobj, 10)
show(zlib.compressobj, wbits=8)
show(zlib.compressobj, method=7)
show(zlib.decompressobj, 99)
show(zlib.decompressobj().decompress, b"x", -1)
show(zlib.decompressobj().flush, 0)
show(zlib.crc32, "s")
show(zlib.adler32, None)
show(zlib.decompress, good, bufsize=-1)
print(issubclass(zlib.error, Exception), zlib.error.__module__, zlib.error.__name__)
print(type(zlib.compressobj()).__name__, type(zlib.decompressobj()).__name__)

print(zlib.MAX_WBITS, zlib.DEFLATED, zlib.DEF_MEM_LEVEL, zlib.DEF_BUF_SIZE, zlib.Z_BEST_SPEED, zlib.Z_BEST_COMPRESSION,
      zlib.Z_DEFAULT_COMPRESSION, zlib.Z_NO_COMPRESSION, zlib.Z_FILTERED, zlib.Z_HUFFMAN_ONLY, zlib.Z_RLE, zlib.Z_FIXED,
      zlib.Z_DEFAULT_STRATEGY, zlib.Z_NO_FLUSH, zlib.Z_PARTIAL_FLUSH, zlib.Z_SYNC_FLUSH, zlib.Z_FULL_FLUSH,
      zlib.Z_FINISH, zlib.Z_BLOCK, zlib.Z_TREES)

# a first block zlib cannot read: its block type, a stored block's lengths
for d in [b"x\x9c\xff\xff", b"x\x9c\x07\x00", b"x\x9c\x00\x05\x00\x00\x00abcde", b"x\x9c\x01\x05\x00\xfa\xffabcde\x00\x00\x00\x00"]:
    show(zlib.decompress, d)
    show(zlib.decompress, d[2:], -15)
    show(zlib.decompressobj().decompress, d)
