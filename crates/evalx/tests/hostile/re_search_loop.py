# cpython: runs past 10 s
import re
s = 'ab' * 10**7
while True:
    re.search('a[^x]*c', s)
