for x in [0, 1]:
    try:
        r = 1 / x
    except ZeroDivisionError:
        print("zero")
    else:
        print("ok", r)
    finally:
        print("done", x)
