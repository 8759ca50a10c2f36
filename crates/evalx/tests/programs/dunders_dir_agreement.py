# dir() and attribute access agree: every name dir(x) lists for a built-in value is reachable with getattr.
samples = [[1], 'ab', {1: 2}, (1,), {1}, frozenset([1]), 3, 1.5, True, None, range(3)]
for s in samples:
    names = dir(s)
    missing = [n for n in names if not hasattr(s, n)]
    dunders = [n for n in names if n.startswith('__')]
    print(type(s).__name__, len(names), len(dunders), missing)
    for n in names:
        getattr(s, n)
for cls in [list, str, dict, tuple, set, frozenset, int, float, bool, range]:
    missing = [n for n in dir(cls) if n.startswith('__') and not hasattr(cls, n)]
    print(cls.__name__, missing)
print(hasattr([], '__iadd__'), hasattr((), '__iadd__'), hasattr(1, '__iter__'), hasattr('', '__reversed__'))
