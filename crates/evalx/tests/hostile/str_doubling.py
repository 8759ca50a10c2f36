# cpython: runs past 10 s
x = 'a'
while True:
    x = x + x
