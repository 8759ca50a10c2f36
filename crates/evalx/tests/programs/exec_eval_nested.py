code = "total = sum(range(n))"
ns = {"n": 10}
exec(code, ns)
print(ns["total"], "__builtins__" in ns)
print(eval("[i * k for i in range(3)]", {"k": 2}))
print(eval("lambda x: x + 1")(1))
def run():
    local_v = 5
    return eval("local_v * 2")
print(run())
exec("def sq(x):\n    return x * x\nresult = sq(7)")
print(result, sq(3))
print(eval("eval('1 + 1')"))
g = {"__builtins__": {"len": len}}
print(eval("len('abc')", g))
try:
    eval("print(1)", g)
except NameError as e:
    print(e)
