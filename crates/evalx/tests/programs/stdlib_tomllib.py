# tomllib: every TOML value type as the Python value CPython gives, load from a binary stream, errors.
import tomllib
import io

doc = '''
title = "TOML \\u00e9xample"
# comment
[owner]
name = "Tom"
age = 42
ratio = 0.5
big = 1_000_000
hex = 0xff
oct = 0o17
bin = 0b101
neg = -3
exp = 6.02e23
inf1 = inf
ninf = -inf
flag = true
list = [1, 2, [3, "x"], { a = 1 }]
lit = 'C:\\path'
multi = """
line1
line2"""
born = 1979-05-27T07:32:00-08:00
utc = 1979-05-27T07:32:00Z
local = 1979-05-27T07:32:00.999999
day = 1979-05-27
at = 07:32:00
[servers.alpha]
ip = "10.0.0.1"
[servers.beta]
ip = "10.0.0.2"
dotted.key.here = "v"
[[products]]
name = "Hammer"
[[products]]
name = "Nail"
sku = 284758393
'''
data = tomllib.loads(doc)
print(data)
for k in ('born', 'utc', 'local', 'day', 'at'):
    v = data['owner'][k]
    print(k, type(v).__name__, repr(v))
print(tomllib.loads('x = 1.5', parse_float=str), tomllib.loads('x = nan')['x'])
print(tomllib.load(io.BytesIO(b'k = "v"\r\nn = [1,\n 2]')))
print(tomllib.loads(''), tomllib.loads('a.b.c = 1\na.d = 2'))

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, isinstance(e, ValueError))

t(lambda: tomllib.loads('a = 1\na = 2'))
t(lambda: tomllib.loads('a = '))
t(lambda: tomllib.loads('a = "x'))
t(lambda: tomllib.loads('= 1'))
t(lambda: tomllib.loads('[t]\nx=1\n[t]\ny=2'))
t(lambda: tomllib.loads(b'a = 1'))
t(lambda: tomllib.load(io.StringIO('k = "v"')))
