# cpython: runs past 10 s
b = bytearray(3 * 10**8)
print(sum(1 for x in b if x))
