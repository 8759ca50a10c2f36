# bytearray: constructors, mutation, bytes methods returning bytearray, comparisons with bytes.
print(bytearray(), bytearray(3), bytearray(b"abc"), bytearray([65, 66, 67]))
print(bytearray("h\u00e9", "utf-8"), bytearray("hi", encoding="ascii"), bytearray(range(5)))
print(bytearray(bytearray(b"xy")), bytes(bytearray(b"xy")), list(bytearray(b"AB")))
b = bytearray(b"hello world")
print(len(b), b[0], b[-1], b[1:4], b[::2], b[::-1])
b[0] = 72
b[-1] = ord("D")
print(b)
b[0:5] = b"HOWDY"
print(b)
b[6:] = [119, 111]
print(b)
b[1:1] = bytearray(b"__")
print(b)
del b[0]
del b[1:3]
print(b)
b.append(33)
b.extend(b"??")
b.extend([1, 2])
b.insert(0, 62)
b.insert(-1, 0)
print(b)
print(b.pop(), b.pop(0), b)
b.remove(ord("?"))
b.reverse()
print(b)
c = b.copy()
b.clear()
print(b, c, len(c))
x = bytearray(b"ab")
x += b"cd"
x += bytearray(b"ef")
print(x)
x *= 2
print(x, x * 2, 2 * x, bytearray(b"-") * 3)
print(x + b"!", b"!" + x, type(x + b"!").__name__, type(b"!" + x).__name__)
print(bytearray(b"abc") == b"abc", b"abc" == bytearray(b"abc"), bytearray(b"a") < b"b",
      bytearray(b"b") >= bytearray(b"a"), bytearray(b"a") != b"a", bytearray() == b"")
print(98 in bytearray(b"abc"), b"bc" in bytearray(b"abc"), b"x" in bytearray(b"abc"))
y = bytearray(b"  Hello, World  ")
print(y.strip(), y.upper(), y.lower(), y.split(b","), y.strip().split())
print(y.replace(b"l", b"L"), y.find(b"o"), y.count(b"l"), y.startswith(b"  H"), y.endswith(b"x"))
print(y.decode(), y.decode("ascii"), y.hex(), bytearray(b"-").join([b"a", bytearray(b"b")]))
print(type(y.strip()).__name__, type(y.split()[0]).__name__, type(y.decode()).__name__)
print(bytes(y) == y, b"".join([bytearray(b"x"), b"y"]))
print(repr(bytearray(b"'\n\x00\xff")), str(bytearray(b"q")))
print(isinstance(bytearray(), bytearray), bytearray.__name__, bool(bytearray()), bool(bytearray(1)))
for v in bytearray(b"hi"):
    print(v)
try:
    hash(bytearray())
except TypeError as e:
    print("TypeError", e)
for bad in (lambda: bytearray(b"a").__setitem__(0, 256), lambda: bytearray(b"").pop(),
            lambda: bytearray(b"a").remove(5), lambda: bytearray(b"a")[3],
            lambda: bytearray([300]), lambda: bytearray("x")):
    try:
        bad()
    except (TypeError, ValueError, IndexError) as e:
        print(type(e).__name__, e)
line = bytearray(5)
for i in range(5):
    line[i] = 97 + i
print(line, line[:3] + b"\n")
out = bytearray()
add = out.extend
add(b">ONE\n")
add(line)
print(bytes(out))
print(repr(bytearray(b"it's")), repr(bytearray(b"plain")), repr(bytearray(b"both'\"")))
try:
    bytearray(5.0)
except TypeError as e:
    print("TypeError", e)
import re
ba = bytearray(b"abcabc")
print(re.findall(b"b", ba), re.sub(b"b", b"X", ba), re.search(b"c", ba).span())
print(str(ba, "ascii"), int.from_bytes(bytearray(b"\x01\x00"), "big"), bytearray.fromhex("41 42 ff"))
try:
    bytearray.fromhex("4x")
except ValueError as e:
    print("ValueError", e)
