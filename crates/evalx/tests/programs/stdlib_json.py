import json
data = {'a': [1, 2.5, None, True, False], 'b': {'c': 'é\n"\\', 'd': []}, 'e': {}, 'f': 10**20, 'g': -0.0, 'h': 1e20}
print(json.dumps(data))
print(json.dumps(data, indent=2))
print(json.dumps(data, indent='\t', sort_keys=True))
print(json.dumps(data, separators=(',', ':')), json.dumps([1, 2], indent=0))
print(json.dumps({3: 1, 1.5: 2, True: 3, None: 4, 'z': 5}), json.dumps((1, (2,))), json.dumps('\U0001f600'), json.dumps('\U0001f600é', ensure_ascii=False))
print(json.dumps([float('nan'), float('inf'), -float('inf')]), json.dumps('\x00\x1f\x7f'), json.dumps("tab\there"))
print(json.dumps({'b': 1, 'a': 2}, sort_keys=True, indent=4, separators=(',', ' = ')))
print(json.dumps({(1, 2): 3, 'k': 1}, skipkeys=True), json.dumps({1, 2} if False else [1], default=str))
class P:
    def __init__(self): self.x = 1
print(json.dumps(P(), default=lambda o: o.__dict__), json.dumps({'p': P()}, default=lambda o: 'P'))
for bad in [lambda: json.dumps({(1, 2): 3}), lambda: json.dumps(object()), lambda: json.dumps(float('nan'), allow_nan=False),
            lambda: json.dumps({1, 2})]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
l = []; l.append(l)
try:
    json.dumps(l)
except ValueError as e:
    print(e)
text = json.dumps(data)
back = json.loads(text)
print(back == data, back)
print(json.loads('  [1, -2, 3.5e2, 1E-2, "x\\u00e9\\ud83d\\ude00", {"k": null}, true, false, NaN, -Infinity]  '))
print(json.loads('{"a": {"b": [1, {"c": "d"}]}}')['a']['b'][1]['c'], repr(json.loads('"\\\\ \\/ \\b\\f\\n\\r\\t"')))
print(json.loads('[1.5, 2]', parse_float=str, parse_int=lambda s: int(s) * 10), json.loads('{"a": 1, "b": 2}', object_pairs_hook=list))
print(json.loads('{"a": 1}', object_hook=lambda d: sorted(d)), json.loads(b'[1]'), json.loads('"a\\tb\tc"', strict=False))
for s in ['', '[1,', '{"a" 1}', '{1:2}', '[1 2]', '"abc', '"a\\x"', '"\\u12"', '[1] x', 'nul', '{"a":1,}', '"a\nb"', '-', '01',
          '1.', '[', '{', '[1,]', '\n\n  [1,\n  }']:
    try:
        print(repr(json.loads(s)))
    except json.JSONDecodeError as e:
        print(repr(s), '->', e, e.pos, e.lineno, e.colno, isinstance(e, ValueError))
try:
    json.loads(5)
except TypeError as e:
    print(e)
from io import StringIO
buf = StringIO()
json.dump({'x': [1, 2]}, buf, indent=1)
print(buf.getvalue())
buf.seek(0)
print(json.load(buf))
from collections import Counter, OrderedDict, defaultdict, namedtuple
Pt = namedtuple('Pt', 'x y')
print(json.dumps({'c': Counter('aab'), 'o': OrderedDict(z=1), 'd': defaultdict(int, q=2), 'p': Pt(1, 2)}))
dec = json.JSONDecoder()
print(dec.raw_decode('{"a": 1} tail'), dec.decode(' [2] '), json.JSONEncoder(sort_keys=True).encode({'b': 1, 'a': 'é'}))
try:
    dec.raw_decode(' [1]')
except json.JSONDecodeError as e:
    print(e)
print(json.loads('[' * 50 + ']' * 50) == eval('[' * 50 + ']' * 50), json.loads('{"a": 1, "a": 2, "b": 3}'))
print(json.loads('123456789012345678901234567890'), json.loads('-0'), json.loads('-0.0'), json.loads('1e400'), json.loads('[1E+2, 2e-3]'))
for n in [500, 2000]:
    for doc in ['[' * n + ']' * n, '{"a":' * n + '1' + '}' * n]:
        try:
            json.loads(doc)
            print('ok', n)
        except RecursionError as e:
            print('RecursionError', n, e)
