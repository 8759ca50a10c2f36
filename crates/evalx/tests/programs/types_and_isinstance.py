print(isinstance(1, (str, int)), isinstance("a", (list, tuple)), isinstance([], list), isinstance({}, dict))
print(type(1) is int, type(True) is bool, type(1) == type(2), int.__name__, type(int).__name__, type(None).__name__)
print(isinstance(ValueError(), Exception), isinstance(1, object), issubclass(int, object), issubclass(KeyError, LookupError))
print(type(range(1)).__name__, type(zip()).__name__, type(x for x in []).__name__, type(lambda: 0).__name__, type({}.keys()).__name__)
