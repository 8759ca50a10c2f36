# cpython: error: RecursionError
s = 'eval(s)'
eval(s)
