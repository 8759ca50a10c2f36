from graphlib import TopologicalSorter, CycleError
g = {"D": {"B", "C"}, "C": {"A"}, "B": {"A"}}
print(tuple(TopologicalSorter({"D": ["B", "C"], "C": ["A"], "B": ["A"]}).static_order()))
ts = TopologicalSorter()
ts.add(3, 2, 1); ts.add(1, 0); ts.add(5)
ts.prepare()
while ts.is_active():
    r = ts.get_ready(); print(r); ts.done(*r)
try:
    TopologicalSorter({1: [2], 2: [3], 3: [1]}).prepare()
except CycleError as e:
    print(e.args, isinstance(e, ValueError))
t = TopologicalSorter({1: [0]})
for f in [lambda: t.get_ready(), lambda: t.done(1)]:
    try: f()
    except ValueError as e: print(e)
t.prepare()
for f in [lambda: t.add(9), lambda: t.done(1), lambda: t.done(7), lambda: t.prepare()]:
    try: f()
    except ValueError as e: print(e)
