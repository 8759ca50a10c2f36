g = {"a": 1, "b": 2}
print(eval("a+b", g))
print(sorted(g))
import math
print(g['__builtins__'] is not None, type(g['__builtins__']).__name__)
try:
    eval("len([])", {"__builtins__": {}})
except NameError as e:
    print("NameError:", e)
