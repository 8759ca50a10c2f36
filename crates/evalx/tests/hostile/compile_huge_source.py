# cpython: runs past 10 s
src = 'x = 0\n' + 'x += 1\n' * (8 * 10**6)
exec(src)
print(x)
