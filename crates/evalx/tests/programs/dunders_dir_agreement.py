# dir() and attribute access agree: every name dir(x) lists for a built-in value is reachable with getattr.
samples = [[1], 'ab', {1: 2}, (1,), {1}, frozenset([1]), 3, 1.5, True, None, range(3)]
for s in samples:
    names = dir(s)
    missing = [n for n in names if not hasattr(s, n)]
    dunders = [n for n in names if n.startswith('__')]
    print(type(s).__name__, len(names), len(dunders), missing)
    for n in names:
        getattr(s, n)
# values whose dir() evalx lists only in part (bytes, functions, views): what it lists is reachable too
for s in [b'ab', len, [].append, iter({1: 2}), iter({1}), enumerate([]), map(abs, []), filter(None, []), slice(1, 2),
          {1: 2}.keys(), {1: 2}.values(), {1: 2}.items(), ..., NotImplemented]:
    print(type(s).__name__, [n for n in dir(s) if not hasattr(s, n)])
for cls in [list, str, dict, tuple, set, frozenset, int, float, bool, range]:
    missing = [n for n in dir(cls) if n.startswith('__') and not hasattr(cls, n)]
    print(cls.__name__, missing)
print(hasattr([], '__iadd__'), hasattr((), '__iadd__'), hasattr(1, '__iter__'), hasattr('', '__reversed__'))
