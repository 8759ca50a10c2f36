# cpython: runs past 10 s
s = 'a\tb c\n' * (10**7)
t = str.maketrans('ab', 'ba')
while True:
    s.translate(t)
    s.expandtabs(8)
    s.rsplit()
    s.splitlines()
    s.encode().decode()
    s.swapcase().casefold()
    s.strip('a').center(len(s) + 10)
