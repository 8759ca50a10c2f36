# cpython: runs past 10 s
src = 'x = 0\n' + 'x += 1\n' * 200000
while True:
    compile(src, 'big.py', 'exec')
