import itertools
from itertools import *
print(list(islice(count(3, 2), 5)), list(cycle('')), list(repeat('a', 3)))
print(list(accumulate([1,2,3,4])), list(accumulate([1,2,3], initial=10)), list(accumulate([3,1,2], max)))
print(list(chain('ab', [1])), list(chain.from_iterable(['xy', 'z'])))
print(list(compress('ABCDEF', [1,0,1,0,1,1])), list(dropwhile(lambda x: x<5, [1,4,6,4,1])))
print(list(takewhile(lambda x: x<5, [1,4,6,4,1])), list(filterfalse(None, [0,1,0,2])))
print(list(starmap(pow, [(2,5), (3,2)])), list(islice('ABCDEFG', 2, None)), list(islice('ABCDEFG', 0, None, 2)))
print(list(pairwise('ABCD')), list(zip_longest('ABCD', 'xy', fillvalue='-')))
print(list(product('AB', repeat=2)), list(product('ab', range(2))))
print(list(permutations(range(3))), list(permutations('ABC', 2)))
print(list(combinations('ABCD', 2)), list(combinations_with_replacement('ABC', 2)))
print([(k, list(g)) for k, g in groupby('AAAABBBCCDAABBB')])
print([k for k, g in groupby('AAAABBBCCD')])
a, b = tee([1,2,3])
print(list(a), list(b))
try:
    islice([1], -1)
except ValueError as e: print(e)
try:
    list(permutations([1], -1))
except ValueError as e: print(e)
print(list(islice(range(20), 3, 15, 4)), list(islice(range(5), 0)), list(islice('ab', None)))
print(list(zip(count(), 'abc')), list(zip(count(1.5, 0.5), 'ab')))
print(next(cycle([1, 2])), list(repeat(None, 0)), list(repeat(1, -2)))
print(list(product()), list(product([])), list(combinations([], 0)), list(permutations('ab', 3)))
print(list(combinations_with_replacement('', 1)), list(combinations_with_replacement('', 0)))
g = groupby([1, 1, 2, 3, 3, 3], key=lambda v: v % 2)
k1, it1 = next(g)
k2, it2 = next(g)
print(k1, list(it1), k2, list(it2), [(k, len(list(v))) for k, v in g])
print(tee('ab', 0), len(tee('ab', 3)))
x, y = tee(iter(range(4)))
print(next(x), next(x), next(y), list(x), list(y))
for bad in [lambda: count('a'), lambda: islice('ab', 1, 2, 0), lambda: islice('ab', -2, 1),
            lambda: repeat(1, 'x'), lambda: combinations('ab', -1), lambda: product('a', repeat=-1),
            lambda: chain(1).__next__(), lambda: tee([], -1), lambda: islice([1])]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(sum(1 for _ in permutations(range(6))), sum(1 for _ in combinations(range(10), 4)))
