# cpython: error: ValueError
print((10).to_bytes(-1, 'big'))
