# cpython: error: MemoryError
x = 'ab' * (1 << 40)
