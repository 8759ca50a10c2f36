# cpython: runs past 10 s
import math
print(math.comb(10**7, 5 * 10**6) % 10)
