a = 10
def foo():
    b = 12
    c = eval("a+b")
    print("c:",c)
    d = eval("a+b",{"a":1,"b":2})
    print("d:",d)
    e = eval("a+b",{"a":1,"b":2},{"b":3})
    print("e:",e)
    f = eval("print(a+b)")
    print("f:",f)

foo()
