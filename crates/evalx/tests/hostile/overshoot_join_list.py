# cpython: runs past 10 s
xs = ['ab'] * 10**7
while True:
    ''.join(xs)
