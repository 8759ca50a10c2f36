# cpython: runs past 10 s
print(pow(3, 10**100000, 10**5000 + 7) % 10)
