# itertools' iterators are classes with CPython's names, reprs, methods and error texts.
import itertools
from itertools import (count, repeat, cycle, accumulate, chain, compress, dropwhile, takewhile,
                       filterfalse, starmap, islice, pairwise, zip_longest, product, permutations,
                       combinations, combinations_with_replacement)

made = [count(), repeat(1), cycle([]), accumulate([]), chain(), compress([], []), dropwhile(None, []),
        takewhile(None, []), filterfalse(None, []), starmap(None, []), islice([], 1), pairwise([]),
        zip_longest(), product(), permutations([]), combinations([], 1),
        combinations_with_replacement([], 1)]
for x in made:
    t = type(x)
    print(t, t.__name__, t.__module__, t.__qualname__, isinstance(x, t), iter(x) is x,
          isinstance(t, type), callable(t))
    print(" ", [n for n in dir(t) if not n.startswith("__") or n in ("__iter__", "__next__", "__length_hint__", "__class_getitem__")])
    print(" ", repr(x).split(" at ")[0])

# reprs of count and repeat follow the state
c = count(5)
print(c, next(c), next(c), c)
print(count(), count(2, 3), count(1.5), count(1, 1.0), count(0, -1), count(2**70, 2), count(1 + 2j))
print(count(start=3, step=2), count(step=0.5))
c = count(2**63 - 2)
print([next(c) for _ in range(4)], c)
c = count(0.5, 0.25)
print([next(c) for _ in range(3)], c)
r = repeat("ab", 3)
print(r, r.__length_hint__(), next(r), r, list(r), r, r.__length_hint__())
print(repeat(None), repeat(1, -5), repeat(object=2, times=2), list(repeat([1], 2)))
try:
    repeat(1).__length_hint__()
except TypeError as e:
    print("TypeError", e)

# isinstance and the class method
ch = chain.from_iterable(["ab", [1, 2], (x for x in range(2))])
print(type(ch) is chain, isinstance(ch, chain), isinstance(ch, itertools.chain), list(ch))
print(chain.from_iterable.__name__, chain[int], list(chain("ab", "c")))
print(isinstance(count(), (chain, count)), isinstance(product(), permutations), issubclass(count, object))
print(type(count()) is count, type(repeat(1)) == itertools.repeat)

# the items are CPython's
print(list(islice(count(10, 5), 4)), list(islice("abcdefg", 2, None, 2)), list(islice(range(10), 1, 8, 3)))
print(list(islice("abc", None)), list(islice("abcdef", 0, 4, None)), list(islice(iter("abc"), 5, 9)))
it = iter(range(10))
print(list(islice(it, 2, 4)), next(it))
print(list(islice(cycle("abc"), 7)), list(cycle([])))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], initial=10)), list(accumulate([], initial=1)))
print(list(accumulate([3, 1, 4, 1, 5], max)), list(accumulate(["a", "b"], lambda a, b: b + a)))
print(list(compress("abcdef", [1, 0, 1, 0, 1, 1])), list(compress(range(10), cycle([0, 1]))))
print(list(dropwhile(lambda x: x < 3, [1, 2, 3, 1, 5])), list(takewhile(lambda x: x < 3, [1, 2, 3, 1])))
print(list(filterfalse(None, [0, 1, "", "a", None])), list(filterfalse(lambda x: x % 2, range(7))))
print(list(starmap(pow, [(2, 3), (3, 2)])), list(starmap(lambda *a: a, ["ab", [1]])))
print(list(pairwise("abcd")), list(pairwise("a")), list(zip_longest("ab", "xyz", fillvalue="-")))
print(list(zip_longest([1], [], [2, 3])), list(zip_longest()))
print(list(product("ab", range(2))), list(product([1, 2], repeat=2)), list(product()), list(product([], [1])))
print(list(permutations("abc", 2)), list(permutations(range(3))), list(permutations("ab", 3)))
print(list(combinations("abcd", 2)), list(combinations_with_replacement("abc", 2)), list(combinations("ab", 0)))
tw = takewhile(lambda x: x < 2, [0, 1, 2, 0])
print(list(tw), list(tw))

# errors with CPython's texts
for make in [lambda: count("a"), lambda: count(1, 2, 3), lambda: count(x=1), lambda: repeat(),
             lambda: repeat(1, "a"), lambda: repeat(1, x=2), lambda: cycle(), lambda: cycle(1),
             lambda: chain(x=1), lambda: list(chain(1)), lambda: chain.from_iterable(),
             lambda: islice([]), lambda: islice([], -1), lambda: islice([], 1, "a"), lambda: islice([], 1, 2, 0),
             lambda: islice(1, 2), lambda: islice([], -5, 2), lambda: accumulate(), lambda: accumulate([], None, None),
             lambda: compress([]), lambda: dropwhile(None), lambda: starmap(None, 1), lambda: pairwise(),
             lambda: zip_longest(1), lambda: zip_longest([], x=1), lambda: product([], repeat=-1),
             lambda: product([], x=1), lambda: permutations([], "a"), lambda: permutations([], -1),
             lambda: combinations([]), lambda: combinations([], "a"), lambda: len(repeat(1)),
             lambda: list(starmap(abs, [1])), lambda: next(takewhile(lambda x: 1 / 0, [1]))]:
    try:
        make()
        print("no error")
    except Exception as e:
        print(type(e).__name__, e)
