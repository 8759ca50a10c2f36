def count(items):
    total = 0
    for x in items:
        total += x
    n = 0
    while n < 2:
        n += 1
    for ch in "ab":
        if ch == "b":
            break
        total += 1
    return total


breakpoint()
print(count([1, 2]))
