# Competitive-programming shapes: sys.stdin.readline, input(), read().split(), iteration, all on one stream.
import sys
first = sys.stdin.readline()
print('first:', repr(first))
n = int(input())
nums = list(map(int, sys.stdin.readline().split()))
print(n, sum(nums), max(nums))
print(repr(sys.stdin.readline(3)), repr(sys.stdin.readline()))
print(repr(sys.stdin.read(4)), repr(sys.stdin.read(2)))
words = []
for line in sys.stdin:
    if line.strip() == 'STOP':
        break
    words.extend(line.split())
print(words)
print(repr(sys.stdin.readline()), repr(sys.stdin.read()), sys.stdin.readlines())
try:
    input('prompt> ')
except EOFError as e:
    print('EOFError', e)
print(sys.stdin.name, sys.stdin.encoding, sys.stdin.readable(), sys.stdin.isatty())
