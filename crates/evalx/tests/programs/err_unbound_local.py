def f():
    print(x)
    x = 1
x = 5
try:
    f()
except UnboundLocalError as e:
    print(e)
