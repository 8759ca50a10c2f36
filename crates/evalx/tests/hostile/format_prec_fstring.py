# cpython: stdout: 70002\n
x = 1.5
print(len(f'{x:.70000f}'))
