x = None
y = x.foo()
