import random
random.seed(42)
print(random.random(), random.random())
print([random.randint(1, 100) for _ in range(10)])
print(random.randrange(10), random.randrange(5, 50, 5), random.randrange(10, 0, -3))
print(random.choice('abcdef'), random.choice([1, 2, 3]))
l = list(range(20)); random.shuffle(l); print(l)
print(random.sample(range(100), 5), random.sample('abcdefgh', 3), len(random.sample(range(10**6), 30)))
print(random.choices('abc', k=5), random.choices([1, 2, 3], weights=[10, 1, 1], k=6), random.choices('xy', cum_weights=[1, 5], k=4))
print(random.uniform(1, 5), random.gauss(0, 1), random.gauss(10, 2), random.normalvariate(), random.expovariate(2.0))
print(random.triangular(0, 10, 3), random.betavariate(2, 3), random.gammavariate(0.5, 1), random.gammavariate(3, 2))
print(random.getrandbits(1), random.getrandbits(32), random.getrandbits(64), random.getrandbits(100), random.getrandbits(0))
print(random.randrange(2**70), random.randint(-2**40, 2**40), random.paretovariate(3), random.weibullvariate(1, 2))
for s in [0, 1, -1, 12345678901234567890, 2**64, 3.5, -0.25, 1e100, True]:
    random.seed(s)
    print(s, random.random(), random.randrange(1000))
r = random.Random(7)
r2 = random.Random(7)
print(r.random() == r2.random(), r.randint(0, 9), [r.choice('xyz') for _ in range(5)])
st = r.getstate(); a = r.random(); r.setstate(st); print(a == r.random(), len(st[1]))
print(random.Random(2024).sample(range(50), 10, counts=None), random.Random(5).sample(['a', 'b'], k=3, counts=[2, 2]))
print(random.Random(3).randbytes(5), random.Random(3).vonmisesvariate(1.0, 2.0))
random.seed(99)
print(sum(random.random() for _ in range(2000)))
for bad in [lambda: random.choice([]), lambda: random.randrange(0), lambda: random.randrange(5, 2),
            lambda: random.randrange(1, 10, 0), lambda: random.sample([1, 2], 3), lambda: random.getrandbits(-1),
            lambda: random.sample({1, 2}, 1), lambda: random.choices('ab', [1], k=2), lambda: random.randrange(1.5),
            lambda: random.seed([1]), lambda: random.choices('ab', 2)]:
    try:
        bad()
    except (ValueError, IndexError, TypeError) as e:
        print(type(e).__name__, e)
for s in ['hello', '', 'é€😀', b'bytes', b'', 'x' * 1000]:
    random.seed(s)
    print(repr(s)[:20], random.random(), random.randint(1, 100))
random.seed('abc', version=1); print(random.random())
random.seed(b'abc', version=1); print(random.random())
r = random.Random('seed'); print(r.random(), r.choice('abcdef'))
