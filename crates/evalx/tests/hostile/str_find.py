# cpython: runs past 10 s
s = 'a' * 10**7
while True:
    s.find('b')
