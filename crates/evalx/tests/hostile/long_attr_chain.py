# cpython: error: RecursionError
src = 'a' + '.b' * 150000
print(eval(src, {'a': 1}))
