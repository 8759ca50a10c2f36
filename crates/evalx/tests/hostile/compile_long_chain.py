# cpython: error: RecursionError
src = '1' + '+1' * 150000
print(eval(compile(src, 'chain.py', 'eval')))
