# cpython: error: ValueError
print(int('1' * 5000))
