# cpython: stdout: ok\n
# evalx: --max-time 100
a = []
for i in range(3000000):
    a = [a]
del a
print('ok')
