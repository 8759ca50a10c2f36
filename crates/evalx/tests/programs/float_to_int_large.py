# round() and int() of floats too large for 64 (or 128) bits are exact, as CPython's.
for x in [2.5e19, -2.5e19, 1e300, -1e300, 2.0**127, 2.0**200 + 2.0**148]:
    print(round(x) == int(x), int(x))
print(round(0.5), round(1.5), round(-2.5), int(-7.9), int(7.9))
for bad in [float("nan"), float("inf"), float("-inf")]:
    for f in (round, int):
        try:
            f(bad)
        except (ValueError, OverflowError) as e:
            print(f.__name__, type(e).__name__, e)
