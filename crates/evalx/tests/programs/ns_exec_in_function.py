def f():
    exec("b = 7")
    print(locals()['b'] if 'b' in locals() else 'missing')
    try:
        print(b)
    except NameError as e:
        print("NameError:", e)
f()
exec("v = 3")
print(v)
