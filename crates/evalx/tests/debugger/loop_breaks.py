def scan(limit):
    found = []
    i = 0
    while i < limit:
        i += 1
        if i % 2:
            continue
        found.append(i)
    return found


breakpoint()
print(scan(5))
