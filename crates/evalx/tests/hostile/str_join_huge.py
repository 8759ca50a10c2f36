# cpython: error: MemoryError
# evalx: --max-time 100
print(len(','.join(['a' * 1000] * 10**7)))
