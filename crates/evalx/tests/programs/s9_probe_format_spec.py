# Float formatting as everyday report code meets it: a precision with no type, the z flag, nested
# fields in a str.format spec, and repr choosing CPython's digits when two shortest strings tie.
readings = [21.5, 1234.5, 99.99, 0.0, 1.0, 5.0, 0.5, 0.0001, 1e-05, 123456.0, 1e16, -0.0, 2.675]
for r in readings:
    print(f"{r!r:>10} |{r:.2}|{r:.3}|{r:#.3}|{r:.1}|{r:.10}|{r:10.4}|")
print(format(float("inf"), ".3"), format(float("nan"), ".2"), format(-1.5, "+.1"), format(1.0, "#.1"))

# z: a value that rounds to zero prints without its minus sign
for v in [-0.0, -0.0001, -0.4, -0.6, 0.0, -1e-9]:
    print(f"{v:z.1f}|{v:z.0f}|{v:z.2e}|{v:z.1%}|{v:z}|{v:z.3}|{v:+z.1f}|{v:z8.2f}|")
for bad, spec in [(1, "z"), (1, "zd"), ("a", "z")]:
    try:
        format(bad, spec)
    except ValueError as e:
        print(type(bad).__name__, spec, "->", e)

# nested replacement fields number on from the outer ones
print("{:{}.{}}|".format(3.14159, 8, 2))
print("{:{}{}}|".format(7, ">", 3))
print("{:{}}{}|".format(1, 3, "x"))
print("{0:{1}.{2}f}|{0:>{1}}|".format(2.71828, 9, 3))
print("{:^{}}|{:*<{}}|".format("mid", 9, "left", 7))
for w in (4, 8):
    print("[{:>{w}}] [{:<{w}.2f}]".format("ab", 1.005, w=w))
try:
    "{:{}}{0}".format(1, 2)
except ValueError as e:
    print("ValueError:", e)

# repr of floats whose two shortest candidates tie: CPython keeps the even digit
for x in [1e15 + 0.3, 1e15 + 0.7, 2.0**53 + 2, 1e16 + 2, 123456789012345.67, 0.1 + 0.2, 1 / 3]:
    print(repr(x), str(x), x == float(repr(x)))
print([1e15 + k / 8 for k in range(8)])
print(sum([0.1] * 7), 4.35 * 100, 1.1 * 3, 9007199254740993.0)
