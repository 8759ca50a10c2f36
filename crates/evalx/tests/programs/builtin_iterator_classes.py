print(enumerate, zip, map, filter, reversed, type(enumerate))
e = enumerate('ab', start=1)
print(isinstance(e, enumerate), type(e) is enumerate, list(e))
print(isinstance(zip(), zip), isinstance(map(str, []), map), isinstance(filter(None, []), filter))
print(type(reversed([1])).__name__, type(reversed('ab')).__name__, list(reversed(range(3))), isinstance(reversed('ab'), reversed))
print(list(zip([1, 2], 'ab', strict=True)), list(map(pow, [2, 3], [2, 2])), list(filter(str.isdigit, 'a1b2')))
for bad in (lambda: enumerate(), lambda: zip(1), lambda: map(str), lambda: filter(None), lambda: reversed(5), lambda: enumerate([], x=1)):
    try:
        bad()
    except TypeError as e:
        print(e)
print(callable(zip), zip.__name__)
