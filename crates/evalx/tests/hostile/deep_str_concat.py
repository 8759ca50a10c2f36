# cpython: error: RecursionError
print(len(eval('"a"' + '+"a"' * 150000)))
