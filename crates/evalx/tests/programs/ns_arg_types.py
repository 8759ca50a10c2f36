for args in [("1", []), ]:
    try:
        eval(*args)
    except TypeError as e:
        print(e)
try:
    eval(123)
except TypeError as e:
    print(e)
try:
    exec(123)
except TypeError as e:
    print(e)
try:
    exec("x=1", [])
except TypeError as e:
    print(e)
print(eval(b"1+2"))
