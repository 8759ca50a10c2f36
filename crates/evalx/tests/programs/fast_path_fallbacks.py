# The slow halves of the specialised local-operand nodes: `local op local` and `local op int` whose int
# fast path does not apply (overflow to bigint, floats, str repetition, floor division and modulo by
# negative constants, an unbound local).
def f():
    a = 2**40
    b = 2**40
    x = 1.5
    y = 2
    n = -7
    s = 'ab'
    out = [a * b, a + b, a - b, x * y, y * x, x + x, s * y, n // 2, n // -2, x // 2, n % -3, s + s]
    c = a * b
    out.append(c * c - c)
    return out
print(f())
def g():
    u = 1
    del u
    try:
        return u * u
    except UnboundLocalError as e:
        return str(e)
print(g())
# One-argument calls to built-in functions and to str take a path without an argument vector.
def h():
    s = 'words'
    out = [len(s), len([1, 2]), abs(-3), abs(-2.5), str(s) is s, str(-12), str(2 ** 70), str(3.5),
           str(True), str(None), str([1, 'a']), chr(65), ord('é'), repr('x'), bool(0)]
    for bad in ('len(5)', 'abs("x")', 'chr(-1)', 'str(1, 2, 3, 4)'):
        try:
            eval(bad)
        except (TypeError, ValueError) as e:
            out.append(type(e).__name__ + ': ' + str(e))
    return out
print(h())
