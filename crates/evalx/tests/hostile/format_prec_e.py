# cpython: stdout: 70006\n
print(len('%.70000e' % 1.5))
