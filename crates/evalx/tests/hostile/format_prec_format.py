# cpython: stdout: 70002\n
print(len(format(1.5, '.70000f')))
