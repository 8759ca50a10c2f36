# cpython: error: RecursionError
# evalx: --max-time 100
a = []
for i in range(200000):
    a = [a]
print(len(repr(a)))
