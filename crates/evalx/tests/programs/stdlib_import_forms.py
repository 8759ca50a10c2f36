import collections.abc
import collections.abc as cabc
from collections import abc, deque as dq
from itertools import chain as ch, islice
import json, heapq as hq
from math import *
print(collections.abc is cabc, abc is cabc, dq([1]), list(ch('a', 'b')), hq.nsmallest(1, [3, 2]), floor(2.5), json.dumps(pi))
for stmt in ['import nonexistent_mod', 'from collections import nothing_here', 'import collections.nothing',
             'from json import *', 'import math.foo']:
    try:
        exec(stmt)
        print('ok', stmt)
    except ImportError as e:
        print(type(e).__name__, e.__class__.__mro__[1].__name__, str(e).split(';')[0] if 'No module' in str(e) else '')
print('loads' in dir(), 'JSONDecodeError' in dir(), '_decode' in dir())
