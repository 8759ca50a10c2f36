try:
    eval("x = 1")
except SyntaxError as e:
    print(str(e))
    print(e.args[0])
