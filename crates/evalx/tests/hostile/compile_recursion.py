# cpython: error: RecursionError
s = 'exec(compile(s, "f", "exec"))'
exec(s)
