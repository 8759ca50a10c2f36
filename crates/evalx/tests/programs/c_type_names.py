# Error messages name instances of types CPython implements in C by their C type name, module included
# ('collections.OrderedDict', 'datetime.datetime', '_io.StringIO'); a subclass keeps its own name.
import array, collections, datetime, decimal, functools, io, re

class MyDeque(collections.deque):
    pass

objs = [datetime.datetime(2020, 1, 1), datetime.date(2020, 1, 1), datetime.time(1), datetime.timedelta(1),
        datetime.timezone.utc, decimal.Decimal(1), decimal.Context(), collections.OrderedDict(),
        collections.defaultdict(int), collections.deque(), MyDeque(), collections.Counter(), re.compile("a"),
        re.match("a", "a"), functools.partial(print), array.array("i"), io.StringIO(), io.BytesIO()]
for o in objs:
    for op in [lambda o: o + [], lambda o: o.nope, lambda o: len(o) + o, lambda o: o @ o]:
        try:
            op(o)
        except Exception as e:
            print(type(e).__name__, e)
