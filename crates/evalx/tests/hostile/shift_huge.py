# cpython: stdout: 10000000001\n
# evalx-expect: error: MemoryError (an int past the 64M-bit default cap, or max_len bits, is refused before it is built)
x = 1 << 10 ** 10
print(x.bit_length())
