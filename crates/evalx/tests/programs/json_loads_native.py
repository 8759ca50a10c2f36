# json.loads' native decoder: shared keys, escapes, non-ASCII text and error positions, options.
import json

doc = '{"a": [1, 2.5, -3e2, true, false, null], "b": {"a": "x\\u00e9\\n\\ud83d\\ude00"}, "c": "caf\u00e9 \u20ac"}'
v = json.loads(doc)
print(v)
print(list(v['b'].keys())[0] is list(v.keys())[0])
print(json.loads('  [1, {"k": 12345678901234567890123}]  '))
print(json.loads(b'{"x": 1}'), json.loads(bytearray(b'[2]')))
print(json.loads('"\u00e9\u00e9"'), json.loads('[NaN, Infinity, -Infinity]'))
print(json.loads('{"a": 1}', object_hook=lambda d: sorted(d)), json.loads('1.5', parse_float=str))
print(json.loads('[1]', cls=None, object_hook=None))
d = json.JSONDecoder()
print(d.raw_decode('\u00e9\u00e9', 0) if False else d.raw_decode('["\u00e9\u00e9"] tail'))
print(d.raw_decode('xx ["\u00e9"]x', 3))
for bad in ['', '[1,', '{"\u00e9\u00e9": }', '["\u00e9\u00e9" 1]', '"abc', '[1] x', '{"a" 1}', '"\\x"',
            '"\\u12"', '["\u00e9", \u00e9]', '\ufeff[]', '{1: 2}', '"a\tb"', '[-]', '01']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print(repr(bad), '->', e.msg, e.pos, e.lineno, e.colno)
print(json.loads('"a\tb"', strict=False))
try:
    json.loads(5)
except TypeError as e:
    print(e)
try:
    json.loads('[]', bogus=1)
except TypeError as e:
    print('TypeError')
