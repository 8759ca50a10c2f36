# cpython: stdout: 1\n
# evalx: --max-time 100
a = frozenset()
for i in range(20000):
    a = frozenset([a])
print(len(a))
