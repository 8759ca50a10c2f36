# cpython: stdout: 
# evalx: --max-time 100
a = []
for i in range(175000):
    a = [a]
