print(exec("1+1"))
print(eval("(x := 5)"))
g = {}
exec("def h(n):\n    return n * 2", g)
print(g["h"](21))
