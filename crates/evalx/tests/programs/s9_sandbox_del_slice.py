# del of list slices: every shape of slice, and the order in which the removed items' finalizers run.
def show(label, xs):
    print(label, xs)

for sl in [slice(None), slice(2, 5), slice(5, 2), slice(-3, None), slice(None, -3),
           slice(None, None, 2), slice(1, None, 3), slice(None, None, -1), slice(None, None, -2),
           slice(7, 1, -2), slice(100, None), slice(-100, 3), slice(2, 8, 1), slice(8, 2, -1)]:
    xs = list(range(10))
    del xs[sl]
    show(sl, xs)

xs = list(range(10))
del xs[::2], xs[::2]
print(xs)

LOUD = True

class D:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        if LOUD:
            print('del', self.n)

for sl in [slice(1, 4), slice(None, None, 2), slice(None, None, -2), slice(4, 1, -1), slice(None)]:
    xs = [D(i) for i in range(6)]
    print('deleting', sl)
    del xs[sl]
    print('after', [d.n for d in xs])
    LOUD = False
    del xs
    LOUD = True

xs = [D(i) for i in range(4)]
xs.clear()
print('cleared', xs)

big = list(range(200000))
del big[:150000]
print(len(big), big[0], big[-1])
big = list(range(200000))
del big[::3]
print(len(big), big[:4], big[-1])
big = list(range(200000))
big.clear()
print(big)
big = list(range(100000))
c = big.copy()
print(len(c), c[-1], c is big)
try:
    big.remove(-1)
except ValueError as e:
    print(e)
big.remove(99999)
print(len(big))
