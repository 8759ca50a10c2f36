# Keys and items views are sets for &, |, -, ^ on either side; values views are not.
d = {'a': 1, 'b': 2}
for r in [d.keys() & {'a'}, d.keys() - {'a'}, d.keys() ^ {'c'}, {'a'} & d.keys(), {'a', 'c'} - d.keys(),
          ['a', 'z'] | d.keys(), ('b',) & d.keys()]:
    print(type(r).__name__, sorted(r))
for r in [d.items() & {('a', 1)}, d.items() - {('a', 1)}, {('b', 2), ('x', 0)} ^ d.items(), d.items() | [('q', 9)]]:
    print(type(r).__name__, sorted(r))
try:
    print(d.values() & {1})
except TypeError as e:
    print(e)
try:
    print({'k': []}.items() & {1})
except TypeError as e:
    print(e)
