a, b = 1, 2
a, b = b, a
print(a, b)
first, *rest = "hello"
print(first, rest)
[x, y] = [1, 2]
print(x, y)
for i, (k, v) in enumerate({"a": 1}.items()):
    print(i, k, v)
print(*[1, 2, 3], sep=",")
print([*range(3), *"ab"], (*[1], 2), {**{"a": 1}, "b": 2}, {*[1, 2], 3})
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print(e)
try:
    a, b = 5
except TypeError as e:
    print(e)
