# cpython: stdout: ok\n
# evalx: --max-time 100
a = {}
for i in range(1000000):
    a = {1: a}
del a
print('ok')
