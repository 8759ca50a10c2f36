# cpython: stdout: 799999993\n
# evalx-expect: error: MemoryError (an int past the 64M-bit default cap, or max_len bits, is refused before it is built)
x = int.from_bytes(b'\x01' * 10**8, 'big')
print(x.bit_length())
