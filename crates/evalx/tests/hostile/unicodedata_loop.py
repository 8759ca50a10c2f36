# cpython: runs past 10 s
import unicodedata
s = '\xe9' * (2 * 10**7)
while True:
    unicodedata.normalize('NFD', s)
