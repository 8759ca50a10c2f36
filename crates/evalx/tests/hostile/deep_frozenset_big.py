# cpython: stdout: 1\n
# evalx: --max-time 100
a = frozenset()
for i in range(100000):
    a = frozenset([a])
print(len(a))
