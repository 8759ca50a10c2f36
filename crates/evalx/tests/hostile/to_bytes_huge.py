# cpython: error: MemoryError
print(len((10).to_bytes(10**12, 'big')))
