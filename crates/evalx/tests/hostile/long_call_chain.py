# cpython: error: RecursionError
src = 'f' + '()' * 150000
print(eval(src, {'f': 1}))
