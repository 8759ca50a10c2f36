# The argument-count errors of builtins and methods, as CPython words them.
def check(f):
    try:
        f()
    except TypeError as e:
        print(type(e).__name__, e)

check(lambda: globals(1))
check(lambda: locals(1))
check(lambda: len())
check(lambda: len([], []))
check(lambda: [].pop(1, 2))
check(lambda: {}.get())
check(lambda: object(1))
check(lambda: abs(1, 2))
check(lambda: divmod(1))
