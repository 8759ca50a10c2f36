class Vec:
    def __init__(self, *xs):
        self.xs = list(xs)
    def __len__(self):
        return len(self.xs)
    def __getitem__(self, i):
        return self.xs[i]
    def __setitem__(self, i, v):
        self.xs[i] = v
    def __iter__(self):
        return iter(self.xs)
    def __contains__(self, v):
        return v in self.xs
    def __str__(self):
        return "Vec" + str(self.xs)
    def __bool__(self):
        return bool(self.xs)
    def __call__(self, k):
        return [x * k for x in self.xs]
    def __mul__(self, k):
        return Vec(*[x * k for x in self.xs])
    def __rmul__(self, k):
        return self * k
    def __neg__(self):
        return Vec(*[-x for x in self.xs])
    def __hash__(self):
        return hash(tuple(self.xs))
    def __eq__(self, o):
        return self.xs == o.xs
v = Vec(1, 2, 3)
v[0] = 10
print(len(v), v[1], list(v), 2 in v, str(v), bool(Vec()), v(2), str(v * 2), str(3 * v), str(-v), hash(v) == hash(Vec(10, 2, 3)))
print(sum(v), max(v), sorted(v, reverse=True), [x for x in v], v[-1], v[0:2])
class It:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n
print(list(It()))
