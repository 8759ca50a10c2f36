# cpython: error: ValueError
print(len(str(1 << 63999999)))
