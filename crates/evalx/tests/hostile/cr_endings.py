# cpython: stdout: 3\n
exec('x = 1\ry = 2\rprint(x + y)\r')
