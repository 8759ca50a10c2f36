# %-formatting with plain %s / %(key)s / %% conversions (and the formats that are not plain), StringIO
# writes at the end and elsewhere, and logging through a StreamHandler into a StringIO.
import io
import logging

class S:
    def __str__(self):
        print('  (str called)')
        return 'S!'
    def __repr__(self):
        return 'S()'

cases = [
    ('important: %s', ('msg',)),
    ('important: %s', 'msg'),
    ('%s', 5),
    ('%s', (5,)),
    ('%s and %s', (1, 2.5)),
    ('%s%%%s', ('a', 'b')),
    ('100%%', ()),
    ('%s', ([1, 2],)),
    ('%s', {'a': 1}),
    ('plain', {'a': 1}),
    ('%(a)s-%(b)s', {'a': 1, 'b': 'two'}),
    ('%()s', {'': 'empty key'}),
    ('héllo %s wörld %s', ('ü', 'ß')),
    ('%s', (S(),)),
    ('%s %r', (S(), S())),
    ('%5s|%-5s|%.2s', ('a', 'b', 'xyz')),
    ('%d %s', (3, 'x')),
    ('%(levelname)s:%(name)s:%(message)s', {'levelname': 'WARNING', 'name': 'n', 'message': 'm'}),
]
for fmt, args in cases:
    try:
        print(repr(fmt % args))
    except Exception as e:
        print(type(e).__name__, e)

errors = [
    ('%s %s', ('a',)),
    ('%s', ('a', 'b')),
    ('plain', 'x'),
    ('plain', ()),
    ('%(a)s', ('a',)),
    ('%(a)s', {'b': 1}),
    ('%(a', {'a': 1}),
    ('%', ()),
    ('abc %', ('x',)),
    ('%s %(a)s', ('x',)),
    ('%s then %s', (S(),)),
]
for fmt, args in errors:
    try:
        print(repr(fmt % args))
    except Exception as e:
        print(type(e).__name__, e)

# StringIO: writes at the end, after a seek, after close, of other types; subclasses.
s = io.StringIO()
print(s.write('abc'), s.write(''), s.write('déf\n'), s.tell(), repr(s.getvalue()))
s.seek(1)
print(s.write('XY'), s.tell(), repr(s.getvalue()))
s.seek(0, 2)
print(s.write('!'), repr(s.getvalue()))
s.seek(20)
print(s.write('far'), repr(s.getvalue()), s.tell())
try:
    s.write(b'bytes')
except TypeError as e:
    print('TypeError', e)
try:
    s.write(5)
except TypeError as e:
    print('TypeError', e)
s.truncate(3)
print(repr(s.getvalue()), s.tell())
print(s.write('+'), repr(s.getvalue()))
s.close()
try:
    s.write('x')
except ValueError as e:
    print('ValueError', e)
s2 = io.StringIO('initial')
print(s2.write('AB'), repr(s2.getvalue()), s2.read())
s2.seek(0, 2)
for w in ('x', 'yy', 'zzz'):
    s2.write(w)
print(repr(s2.getvalue()), s2.tell(), repr(s2.read()))

class Sub(io.StringIO):
    pass
c = Sub()
c.write('a')
c.write('bc')
print(c.tell(), repr(c.getvalue()))

class Upper(io.StringIO):
    def write(self, s):
        return super().write(s.upper())
u = Upper()
u.write('quiet ')
print(u.write('loud'), repr(u.getvalue()))
print(io.StringIO.write(io.StringIO(), 'unbound'))

# logging into a StringIO.
stream = io.StringIO()
handler = logging.StreamHandler(stream=stream)
log = logging.getLogger('s9.fast')
log.propagate = False
log.addHandler(handler)
log.setLevel(logging.WARNING)
for i in range(3):
    log.debug('hidden %s', i)
    log.warning('important: %s', 'information')
    log.warning('plain message')
    log.error('%s and %s', i, [i])
    log.warning('%(a)s / %(b)s', {'a': 'A', 'b': i})
    log.warning('100%% done')
handler.setFormatter(logging.Formatter('%(levelname)s:%(name)s:%(message)s'))
log.warning('formatted %s', 'x')
log.critical('%d items at %5.1f%%', 3, 12.345)
handler.setFormatter(logging.Formatter('{levelname}|{message}', style='{'))
log.warning('brace %s', 'style')
print(stream.getvalue(), end='')
print(len(stream.getvalue().splitlines()))
stream.seek(0)
stream.truncate()
log.warning('after truncate')
print(repr(stream.getvalue()))

# Formatter styles over a record's attributes: plain %(name)s, other conversions, a missing field,
# defaults, a positional %s, attributes added to the record.
rec = logging.LogRecord('s9.rec', logging.INFO, '/some/where/mod.py', 12, 'hello %s', ('you',), None)
print(rec.filename, rec.module, rec.getMessage())
for f in ['%(message)s', '%(name)s:%(levelname)s:%(message)s', '%(levelno)d|%(lineno)5d|%(message)r',
          '%(module)s.%(funcName)s %(message)s %%', '%(nothere)s', 'no fields at all']:
    try:
        print(repr(logging.Formatter(f).format(rec)))
    except Exception as e:
        print(type(e).__name__, e)
bare = logging.LogRecord('s9.bare', logging.INFO, 'x.py', 1, 'bare', (), None)
try:
    print(logging.Formatter('%(message)s').formatMessage(bare))
except Exception as e:
    print(type(e).__name__, e)
bare.extra_field = 'EXTRA'
print(logging.Formatter('%(extra_field)s/%(message)s').format(bare))
print(logging.Formatter('%(user)s: %(message)s', defaults={'user': 'nobody'}).format(bare))
for p in ['/a/b/c.py', 'c.py', r'C:\\win\\path\\w.py', 'noext', '/a/b/c.py']:
    r = logging.LogRecord('n', 10, p, 1, 'm', (), None)
    print(r.filename, r.module)
