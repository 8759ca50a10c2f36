import sys
lines = sys.stdin.readlines()
print(len(lines), lines[:2], lines[-1])
print(repr(sys.stdin.read()), repr(sys.stdin.readline()))
