# cpython: error: IndentationError
# evalx: --max-time 100
src = ''.join('    ' * i + 'def f%d():\n' % i for i in range(10000)) + '    ' * 10000 + 'pass\n'
exec(src)
