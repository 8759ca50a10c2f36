print([x * 2 for x in range(5) if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print({x: x ** 2 for x in range(4)}, {c for c in "hello"} == set("helo"))
print(sum(x for x in range(101)), list(x for x in "ab"), [[y for y in range(x)] for x in range(3)])
m = [[1, 2], [3, 4]]
print([v for row in m for v in row], [row[i] for i, row in enumerate(m)])
x = 10
print([x for x in range(3)], x)
print([y for y in range(5) if y > 1 if y < 4], any(v > 3 for v in [1, 5]), all([]))
