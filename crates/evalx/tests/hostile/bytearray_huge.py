# cpython: error: MemoryError
print(len(bytearray(1 << 40)))
