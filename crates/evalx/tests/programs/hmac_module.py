# hmac over hashlib: new/update/copy/digest/hexdigest, long keys hashed first, digest(), the errors.
import hashlib
import hmac

h = hmac.new(b"key", b"The quick brown fox", hashlib.sha256)
print(h.hexdigest(), h.name, h.digest_size, h.block_size)
c = h.copy()
c.update(b" jumps")
print(h.hexdigest()[:16], c.hexdigest()[:16])
print(hmac.new(b"k" * 200, b"msg", "sha512").hexdigest()[:32])
print(hmac.new(bytearray(b"k"), digestmod="md5").hexdigest())
print(hmac.digest(b"k", b"m", "sha1").hex(), hmac.new(b"k", b"m", hashlib.sha3_256).hexdigest()[:20])
print(hmac.compare_digest(b"abc", b"abc"), hmac.compare_digest("a", "b"), hmac.compare_digest(b"a", b"ab"))
for bad in [lambda: hmac.new("str key", b"m", "sha256"), lambda: hmac.new(b"k", b"m"),
            lambda: hmac.compare_digest("é", "é"), lambda: hmac.new(b"k", b"m", "nope")]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
