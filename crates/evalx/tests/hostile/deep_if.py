# cpython: error: IndentationError
src = ''.join(' ' * i + 'if 1:\n' for i in range(1000)) + ' ' * 1000 + 'pass\n'
exec(src)
