# hashlib: every guaranteed algorithm, incremental updates, copies, blake2 parameters, pbkdf2 and errors.
import hashlib

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)

print(sorted(hashlib.algorithms_guaranteed))
print(hashlib.algorithms_available >= hashlib.algorithms_guaranteed)
for n in sorted(hashlib.algorithms_guaranteed):
    h = hashlib.new(n, b'abc')
    print(n, h.name, h.digest_size, h.block_size, h.hexdigest(20) if n.startswith('shake') else h.hexdigest())
    g = getattr(hashlib, n)()
    g.update(b'a')
    c = g.copy()
    g.update(b'bc')
    if n.startswith('shake'):
        print(g.digest(8) == h.digest(8), c.hexdigest(4), len(g.digest(100)))
    else:
        print(g.digest() == h.digest(), c.hexdigest()[:16], g.hexdigest() == h.hexdigest())

big = b'The quick brown fox jumps over the lazy dog' * 100
print(hashlib.sha256(big).hexdigest(), hashlib.md5(big).hexdigest(), hashlib.sha1(b'').hexdigest())
h = hashlib.sha512()
for i in range(0, len(big), 7):
    h.update(big[i:i + 7])
print(h.hexdigest() == hashlib.sha512(big).hexdigest())
print(hashlib.new('SHA256', b'a').name, hashlib.new('sha512_256', b'a').hexdigest(), hashlib.new('sha512_224').hexdigest())
print(hashlib.md5(b'a', usedforsecurity=False).hexdigest(), hashlib.sha256(string=b'a').hexdigest()[:8])
print(hashlib.blake2b(b'x', digest_size=20).hexdigest(), hashlib.blake2s(b'x', digest_size=5).digest())
print(hashlib.blake2b(b'x', key=b'k', salt=b's', person=b'p').hexdigest())
print(hashlib.blake2s(b'x', key=b'k' * 32, salt=b'12345678', person=b'p' * 8).hexdigest())
print(hashlib.blake2b(b'x', fanout=0, depth=2, leaf_size=5, node_offset=3, node_depth=1, inner_size=7, last_node=True).hexdigest())
print(hashlib.blake2b(b'x', digest_size=16).digest_size, hashlib.blake2b().block_size, hashlib.blake2s().name)
print(hashlib.blake2b.SALT_SIZE, hashlib.blake2b.PERSON_SIZE, hashlib.blake2b.MAX_KEY_SIZE, hashlib.blake2b.MAX_DIGEST_SIZE)
print(hashlib.blake2s.SALT_SIZE, hashlib.blake2s.PERSON_SIZE, hashlib.blake2s.MAX_KEY_SIZE, hashlib.blake2s.MAX_DIGEST_SIZE)
k = hashlib.blake2b(b'ab', key=b'secret')
k2 = k.copy()
k2.update(b'c')
print(k.hexdigest()[:20], k2.hexdigest()[:20], type(k).__name__, type(hashlib.md5()).__name__)
print(hashlib.pbkdf2_hmac('sha256', b'pw', b'salt', 2).hex())
print(hashlib.pbkdf2_hmac('sha1', b'password', b'salt', 4096, dklen=20).hex())
print(hashlib.pbkdf2_hmac('sha512', b'p' * 200, b'NaCl', 3, 80).hex())
from array import array
print(hashlib.md5(array('b', [1, 2, 3])).hexdigest())
import io
print(hashlib.file_digest(io.BytesIO(big), 'sha256').hexdigest() == hashlib.sha256(big).hexdigest())
print(hashlib.file_digest(io.BytesIO(b'x'), hashlib.sha1).hexdigest())

t(lambda: hashlib.md5().update('x'))
t(lambda: hashlib.md5('x'))
t(lambda: hashlib.sha1(5))
t(lambda: hashlib.new('nope'))
t(lambda: hashlib.new(5))
t(lambda: hashlib.shake_128(b'x').hexdigest())
t(lambda: hashlib.shake_128(b'x').digest(-1))
t(lambda: hashlib.blake2b(b'x', digest_size=65))
t(lambda: hashlib.blake2b(b'x', digest_size=0))
t(lambda: hashlib.blake2s(b'x', key=b'k' * 33))
t(lambda: hashlib.blake2s(b'x', salt=b'k' * 9))
t(lambda: hashlib.blake2b(b'x', person=b'k' * 17))
t(lambda: hashlib.blake2b(b'x', fanout=256))
t(lambda: hashlib.blake2b(b'x', depth=0))
t(lambda: hashlib.pbkdf2_hmac('sha256', b'pw', b'salt', 0))
t(lambda: hashlib.pbkdf2_hmac('sha256', b'pw', b'salt', 1, 0))
