# cpython: runs past 10 s
import math
print(all(x >= 0 for x in range(10**18)))
