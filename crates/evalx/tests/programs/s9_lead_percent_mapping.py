for fmt, arg in [('%(a)s %s', {'a': 1}), ('%s %(a)s', {'a': 1}), ('%(a)s', [1]), ('%s', {'a': 1}), ('%(a)s %%', {'a': 2}), ('%d %(a)s', {'a': 1})]:
    try:
        print(repr(fmt % arg))
    except Exception as e:
        print(type(e).__name__, e)
class D(dict):
    def __missing__(self, k):
        return k.upper()
print('%(x)s-%(y)s' % D(x=1))
class M:
    def __getitem__(self, k):
        return k * 2
    def keys(self): return []
print('%(ab)s' % M())
try:
    print('%(ab)s' % (1,))
except Exception as e:
    print(type(e).__name__, e)
import logging
try:
    logging.Formatter('%(message)')
except Exception as e:
    print(type(e).__name__, e)
for fmt, arg in [('%.*f', (2, 3.14159)), ('%*.*f|', (8, 3, 2.5)), ('%.*s', (-1, 'abc')), ('%(a(b))s', {'a(b)': 5}), ('%(a(b)s', {'a(b': 5}),
                 ('%s', [1, 2]), ('%s %s', [1, 2]), ('%(0)s', {'0': 1}), ('%s', b'xy'), ('%s %s', (1,)), ('%s', (1, 2)),
                 ('%(a)s', (1,)), ('%(a)s', 5), ('%(a)s', range(3)), ('%.*d', (3, 7)), ('%-*d|', (4, 7))]:
    try:
        print(repr(fmt % arg))
    except Exception as e:
        print(type(e).__name__, e)
for fmt, arg in [(b'%s %s', (b'a', b'b')), (b'%(k)s', {b'k': b'v'}), (b'%s', bytearray(b'q')), (b'%(k)s %s', {b'k': b'v'})]:
    try:
        print(repr(fmt % arg))
    except Exception as e:
        print(type(e).__name__, e)
for fmt in ['%(message)', '%(message)-10s', '%(x)5.2f', 'plain text', '%(a)*d', '%(bad name)s', '%(a).x',
            '%(a)#08.3E', '%(a)%', '%(a).*R', '%s only', '%(a', '%(a)-+ 0', '%()s']:
    try:
        logging.Formatter(fmt)
        print('ok', repr(fmt))
    except ValueError as e:
        print('ValueError', e)
