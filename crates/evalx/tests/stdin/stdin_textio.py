# sys.stdin is io.TextIOWrapper over sys.stdin.buffer: readline, read(n), iteration, read(), shared with input().
import sys, io
print(type(sys.stdin).__name__, isinstance(sys.stdin, io.TextIOWrapper), repr(sys.stdin), sys.stdin.encoding)
print(repr(sys.stdin.readline()))
print(repr(input()))
print(repr(sys.stdin.read(4)))
n = 0
for line in sys.stdin:
    n += 1
    print(n, repr(line))
    if n == 2:
        break
print(repr(sys.stdin.read()))
print(repr(sys.stdin.readline()), sys.stdin.readable(), sys.stdin.isatty(), sys.stdin.name, sys.stdin.mode)
