it = iter([1, 2, 3])
print(next(it), list(it))
print(list(range(5)), list(range(2, 10, 3)), list(range(10, 0, -3)), range(5), len(range(0, 10, 3)), range(10)[2], range(10)[2:5], 3 in range(5))
print(sorted({"b": 1, "a": 2}), sorted([(1, "b"), (1, "a")]), sorted("hello", reverse=True))
print(globals()["__name__"], "x" in locals())
def f():
    y = 1
    return sorted(locals())
print(f())
print(getattr([], "append").__name__, hasattr([], "nope"), str(None), str(True), repr(1.0), repr(None))
print(list(zip()), list(zip([1])), dict(enumerate("xy")), list(map(int, "123")), sum([0.1] * 10))
print(abs(True), -True, True + True, 10 / 4, 10 // 4, 2 ** 3 ** 2, (-2) ** 2, -2 ** 2)
print(max(1, 2.5), min(-1, -1.5), sum([1.5, 2]), int(True), float(3), 3 == 3.0, hash("a") == hash("a"))
print(format(12, "04d"), bool([]), bool([0]), bool(None), bool(0.0), bool("0"), len({}), len(set()))
