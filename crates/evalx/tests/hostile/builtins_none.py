# cpython: error: TypeError
exec('print(len([]))', {'__builtins__': None})
