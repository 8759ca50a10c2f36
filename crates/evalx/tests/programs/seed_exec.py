snippet = """
a = 1
b = 2
c = a+b
print(c)
print("this is a code snippet")
"""

a = 10
def foo():
    b = 12
    c = exec("a+b")
    print("c:",c)
    d = exec("d=a+b\nprint('d:',d)")
    exec(snippet)

foo()
