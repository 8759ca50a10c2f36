from itertools import *
print(list(permutations([])), list(permutations([], 1)), list(product()), list(product([], [1])), list(combinations('abc', 4)))
p = permutations('abcd', 2); print(next(p), next(p), len(list(p)))
print(list(product('ab', 'xy', repeat=2))[:5], len(list(product(range(3), repeat=4))))
print(list(combinations_with_replacement('ab', 0)), list(combinations_with_replacement('', 2)), list(combinations_with_replacement('abc', 2)))
print(sum(1 for _ in permutations(range(7))), list(permutations(range(3)))[-2:])
g = combinations(range(5), 3); print(list(g), list(g))
x = [1, 2]; c = combinations(x, 1); x.append(3); print(list(c))
print(type(permutations('ab')).__name__ in ('permutations', 'callable_iterator'))
