# secrets: the shapes of tokens and choices (their values are random), and compare_digest.
import secrets
import string

print(len(secrets.token_bytes()), len(secrets.token_bytes(5)), type(secrets.token_bytes(1)).__name__)
print(len(secrets.token_hex()), len(secrets.token_hex(7)), all(c in string.hexdigits for c in secrets.token_hex(9)))
u = secrets.token_urlsafe(16)
print(len(u), len(secrets.token_urlsafe()), all(c.isalnum() or c in "-_" for c in u))
print(secrets.token_bytes(0), secrets.token_hex(0), repr(secrets.token_urlsafe(0)))
print(all(0 <= secrets.randbelow(10) < 10 for _ in range(200)), secrets.randbelow(1))
print(len({secrets.randbelow(4) for _ in range(200)}))
print(secrets.choice("a") , secrets.choice([7, 7, 7]), secrets.choice("abc") in "abc")
print(0 <= secrets.randbits(8) < 256, secrets.randbits(0))
for f, arg in [(secrets.randbelow, 0), (secrets.randbelow, -3), (secrets.choice, [])]:
    try:
        f(arg)
    except (ValueError, IndexError) as e:
        print(type(e).__name__, e)
print(secrets.compare_digest(b"abc", b"abc"), secrets.compare_digest(b"abc", b"abd"),
      secrets.compare_digest(b"abc", b"ab"), secrets.compare_digest("xy", "xy"),
      secrets.compare_digest(bytearray(b"q"), b"q"))
for a, b in [("abc", b"abc"), (b"a", 1), (1, 2), ("a", 1), ("é", "é")]:
    try:
        secrets.compare_digest(a, b)
    except TypeError as e:
        print("TypeError", e)
r = secrets.SystemRandom()
print(0 <= r.random() < 1, 1 <= r.randint(1, 6) <= 6, r.randrange(5, 10, 5))
x = list(range(10))
r.shuffle(x)
print(sorted(x) == list(range(10)))
try:
    r.getstate()
except NotImplementedError as e:
    print("NotImplementedError", e)
a, b = secrets.token_hex(16), secrets.token_hex(16)
print(a != b)
# Drawing secrets (or UUIDs) leaves random's own seeded sequence alone.
import random
import uuid
random.seed(12345)
secrets.token_bytes(40)
secrets.choice("abc")
uuid.uuid4()
print(random.random(), random.randrange(1000))
