# cpython: error: RecursionError
src = 'a' + '[0]' * 150000
print(eval(src, {'a': 1}))
