# cpython: error: SyntaxError
src = 'x = ' + '[' * 100000 + ']' * 100000
exec(src)
