import copy
from collections import deque, defaultdict, Counter, OrderedDict, namedtuple
P = namedtuple('P', 'x y')
objs = [deque([[1], 2], maxlen=5), defaultdict(list, a=[1]), Counter('aab'), OrderedDict(a=[1]), P([1], 2)]
for o in objs:
    c = copy.copy(o); d = copy.deepcopy(o)
    print(type(c).__name__, c, d, c == o, d == o)
dd = defaultdict(list); dd2 = copy.deepcopy(dd); dd2['x'].append(1); print(dd, dd2)
class E(Exception): pass
