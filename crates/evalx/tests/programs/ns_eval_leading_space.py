print(eval("  1+1"), eval("\t 1+1"))
try:
    exec("  x = 1")
except IndentationError as e:
    print(type(e).__name__, e.msg)
