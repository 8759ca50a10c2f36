for i in range(10):
    if i == 2:
        continue
    if i == 5:
        break
    print(i, end=" ")
else:
    print("no")
print()
for i in range(3):
    pass
else:
    print("loop else", i)
n = 0
while n < 3:
    n += 1
else:
    print("while else", n)
while True:
    n -= 1
    if n < 0:
        break
print(n)
x = 5
if x > 10:
    print("big")
elif x > 3:
    print("medium")
else:
    print("small")
print("yes" if x else "no", x and 0, x or 0, not x, 0 or "" or None, 1 and 2 and 3)
print(1 < 2 < 3, 1 < 3 < 2, 1 == 1.0, 1 is 1, None is None, [] is [], 1 != 2, 2 in [1, 2], 3 not in [1])
