# cpython: stdout: 70002\n
print(len('%.70000f' % 1.5))
