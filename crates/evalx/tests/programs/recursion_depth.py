# The recursion limit counts every running frame, the module's included, as CPython does.
m = 0
def f(n):
    global m
    m = n
    f(n + 1)
try:
    f(1)
except RecursionError as e:
    print("deepest call", m, "-", e)
def g(n):
    return 0 if n == 0 else 1 + g(n - 1)
print(g(998))
try:
    g(999)
except RecursionError:
    print("g(999) is one frame too deep")
