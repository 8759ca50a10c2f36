# cpython: error: MemoryError
print(len('a'.center(1 << 40)))
