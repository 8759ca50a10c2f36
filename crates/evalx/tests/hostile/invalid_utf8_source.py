# cpython: error: SyntaxError
try:
    compile(b'x = 1\xff\n', 'f', 'exec')
except SyntaxError as e:
    print(type(e).__name__)
exec(b'x = "\xff"\nprint(x)')
