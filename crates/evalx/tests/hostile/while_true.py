# cpython: runs past 10 s
while True:
    pass
