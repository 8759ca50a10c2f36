# cpython: runs past 10 s
import math
print(math.factorial(10**7) % 10)
