# random.SystemRandom: the Random API over the host's entropy source, without seed or state.
import random

r = random.SystemRandom()
print(isinstance(r, random.Random), type(r).__name__)
xs = [r.random() for _ in range(200)]
print(all(0.0 <= x < 1.0 for x in xs), len(set(xs)) > 190)
print(all(1 <= r.randint(1, 6) <= 6 for _ in range(100)), r.choice('abc') in 'abc')
print(r.getrandbits(0), 0 <= r.getrandbits(8) < 256, r.getrandbits(100).bit_length() <= 100)
print(len(r.randbytes(16)), type(r.randbytes(3)).__name__, r.randbytes(0))
items = list(range(10))
r.shuffle(items)
print(sorted(items) == list(range(10)), sorted(r.sample(range(5), 5)), 0 <= r.uniform(0, 1) <= 1)
print(r.seed(12345), r.seed())
for call in (r.getstate, lambda: r.setstate(None)):
    try:
        call()
    except NotImplementedError as e:
        print('NotImplementedError:', e)
try:
    r.getrandbits(-1)
except ValueError as e:
    print('ValueError:', e)
