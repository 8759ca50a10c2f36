# cpython: stdout: 268435456\n
# evalx-expect: error: MemoryError (the 1 GiB --max-memory every program here runs under)
x = [0] * (1 << 28)
print(len(x))
