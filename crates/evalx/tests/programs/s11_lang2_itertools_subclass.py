# itertools classes can be subclassed, as in CPython.
import itertools

class C(itertools.count):
    pass

c = C(5, 2)
print(type(c).__name__, next(c), next(c), isinstance(c, itertools.count), isinstance(c, C))
print(C.__mro__[1] is itertools.count, issubclass(C, itertools.count))

class P(itertools.chain):
    def extra(self):
        return "extra"

p = P([1], (2, 3), "ab")
print(type(p).__name__, p.extra(), list(p))
print(list(P.from_iterable([[1, 2], [3]])))

class R(itertools.repeat):
    label = "r"

r = R(7, 3)
print(r.label, list(r), list(R("x", 0)))

class Doubled(itertools.count):
    def __next__(self):
        return 2 * super().__next__()

d = Doubled(3)
print(next(d), next(d), [x for x, _ in zip(d, range(3))])

class Cyc(itertools.cycle):
    pass

print(list(itertools.islice(Cyc("ab"), 5)))

class Acc(itertools.accumulate):
    pass

print(list(Acc([1, 2, 3, 4])), list(Acc([1, 2, 3], lambda a, b: a * b)))

class Prod(itertools.product):
    pass

print(list(Prod("ab", repeat=2)))

class Isl(itertools.islice):
    pass

print(list(Isl(range(10), 2, 8, 3)))

class Zl(itertools.zip_longest):
    pass

print(list(Zl("ab", "xyz", fillvalue="-")))

class Perm(itertools.permutations):
    pass

print(len(list(Perm(range(4), 2))), sorted(Perm("ab")))

class Grp(itertools.groupby):
    pass

print([(k, list(v)) for k, v in Grp("aabccc")])

class Sm(itertools.starmap):
    pass

print(list(Sm(pow, [(2, 3), (3, 2)])))

class Tw(itertools.takewhile):
    pass

class Dw(itertools.dropwhile):
    pass

class Ff(itertools.filterfalse):
    pass

class Cp(itertools.compress):
    pass

class Pw(itertools.pairwise):
    pass

class Cb(itertools.combinations):
    pass

class Cwr(itertools.combinations_with_replacement):
    pass

print(list(Tw(lambda x: x < 3, [1, 2, 3, 1])), list(Dw(lambda x: x < 3, [1, 2, 3, 1])))
print(list(Ff(None, [0, 1, "", "a"])), list(Cp("abcd", [1, 0, 1])), list(Pw("abc")))
print(list(Cb("abc", 2)), list(Cwr("ab", 2)))

# instances get a __dict__
c = C()
c.note = "hi"
print(c.note, next(c))
