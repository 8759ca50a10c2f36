a = [3, 1, 2]
a.append(4); a.extend([5, 6]); a.insert(0, 0); a.insert(-1, 9)
print(a, a.pop(), a.pop(0), a.index(9), a.count(1), len(a))
a.remove(9); a.reverse(); print(a)
a.sort(); print(a); a.sort(reverse=True); print(a)
b = a.copy(); b.clear(); print(a, b)
words = ["banana", "Apple", "cherry"]
words.sort(key=str.lower); print(words)
print(sorted(words, key=len, reverse=True), [m for m in dir(list) if not m.startswith("_")])
x = [1, 2, 3, 4, 5, 6]
print(x[1:4], x[::2], x[::-1], x[-3:], x[10:], x[:-10])
x[1:3] = ["a", "b", "c"]; print(x)
del x[0]; del x[::2]; print(x)
x[0] = 99; print(x, x * 2, x + [0], [0] * 3)
nested = [[1, 2], [3]]; print(nested, [1, [2, [3]]] == [1, [2, [3]]], [1, 2] < [1, 3], [1] < [1, 0])
