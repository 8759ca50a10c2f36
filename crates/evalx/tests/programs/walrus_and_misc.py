data = [1, 2, 3, 4]
if (n := len(data)) > 3:
    print("long", n)
print([y for x in data if (y := x * 2) > 4])
a = b = c = 0
a += 1; b -= 1; c = a * 10
print(a, b, c)
x = [1, 2]
x += [3]
x *= 2
print(x)
s = "a"
s += "b"; s *= 2
print(s)
d = {"k": 1}
d["k"] += 5
print(d)
del a
try:
    a
except NameError as e:
    print(e)
