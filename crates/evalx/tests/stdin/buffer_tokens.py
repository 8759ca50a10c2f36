# Fast input through the bytes buffer: a header line, then every token at once.
import sys
readline = sys.stdin.buffer.readline
n, m = map(int, readline().split())
grid = [readline().rstrip(b'\n') for _ in range(n)]
rest = sys.stdin.buffer.read().split()
print(n, m, grid, [int(t) for t in rest], sys.stdin.buffer.read(), sys.stdin.buffer.readline())
