# cpython: error: MemoryError
x = b'a' * (1 << 40)
