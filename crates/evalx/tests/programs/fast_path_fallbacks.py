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
