# cpython: error: RecursionError
src = '1' + '+1' * 150000
print(eval(src))
