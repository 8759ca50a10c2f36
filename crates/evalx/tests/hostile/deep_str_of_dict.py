# cpython: error: RecursionError
# evalx: --max-time 100
a = {}
for i in range(300000):
    a = {1: a}
print(len(str(a)))
