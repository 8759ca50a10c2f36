src = '  x = 1'
try:
    exec(src)
    print("no error")
except SyntaxError as e:
    print(type(e).__name__, repr(e.msg), e.lineno, e.offset)
