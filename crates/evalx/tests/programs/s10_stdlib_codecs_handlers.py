# codecs.register_error: str.encode / bytes.decode / codecs.encode / codecs.decode call a registered
# handler with the Unicode error, and go on with its (replacement, newpos).
import codecs

seen = []


def show(exc):
    seen.append((type(exc).__name__, exc.encoding, exc.start, exc.end, exc.reason,
                 exc.object[exc.start:exc.end]))


def tagged(exc):
    show(exc)
    if isinstance(exc, UnicodeEncodeError):
        return ('<%s>' % ','.join('%x' % ord(c) for c in exc.object[exc.start:exc.end]), exc.end)
    return ('[%s]' % exc.object[exc.start:exc.end].hex(), exc.end)


codecs.register_error('test.tagged', tagged)
print(codecs.lookup_error('test.tagged') is tagged)
print('aé€b'.encode('ascii', 'test.tagged'))
print('aé€b'.encode('latin-1', 'test.tagged'))
print('x\u20acy'.encode('cp1252', 'test.tagged'))
print('x\u0101y'.encode('cp1252', errors='test.tagged'))
print(b'a\xffb\xc3'.decode('utf-8', 'test.tagged'))
print(b'ab\x80'.decode('ascii', 'test.tagged'))
print(b'\x00\xd8a\x00'.decode('utf-16-le', 'test.tagged'))
print(b'a\x00\x00'.decode('utf-16-le', 'test.tagged'))
print(str(b'\xfe!', 'utf-8', 'test.tagged'))
print(bytes('€1', 'ascii', 'test.tagged'))
print(bytearray(b'\xff').decode('utf-8', 'test.tagged'))
print(codecs.encode('ü', 'ascii', 'test.tagged'))
print(codecs.decode(b'\xfc', 'ascii', 'test.tagged'))
for s in seen:
    print(s)


# Bytes as an encoding replacement; a position that skips forward, and one counted from the end.
def as_bytes(exc):
    return (b'#' * (exc.end - exc.start), exc.end)


def skip_two(exc):
    return ('?', exc.start + 2)


def from_end(exc):
    return ('!', -1)


codecs.register_error('test.bytes', as_bytes)
codecs.register_error('test.skip', skip_two)
codecs.register_error('test.end', from_end)
print('ééx'.encode('ascii', 'test.bytes'))
print('éabc'.encode('ascii', 'test.skip'))
print(b'\xffabc'.decode('ascii', 'test.skip'))
print('éabcd'.encode('ascii', 'test.end'))
print(b'\xffabcd'.decode('ascii', 'test.end'))


# A handler may go back: the replacement is written and encoding resumes from there.
calls = []


def back(exc):
    calls.append(exc.start)
    if len(calls) < 3:
        return ('<', exc.start)
    return ('>', exc.end)


codecs.register_error('test.back', back)
print('aéb'.encode('ascii', 'test.back'), calls)


# Errors a handler causes.
def bad_shape(exc):
    return 'nope'


def bad_type(exc):
    return (b'x', exc.end)


def out_of_range(exc):
    return ('', 99)


def unencodable(exc):
    return ('\u20ac', exc.end)


def raising(exc):
    raise ValueError('handler refused ' + exc.reason)


codecs.register_error('test.shape', bad_shape)
codecs.register_error('test.type', bad_type)
codecs.register_error('test.range', out_of_range)
codecs.register_error('test.unenc', unencodable)
codecs.register_error('test.raise', raising)
cases = [
    lambda: 'é'.encode('ascii', 'test.shape'),
    lambda: b'\xff'.decode('utf-8', 'test.shape'),
    lambda: b'\xff'.decode('utf-8', 'test.type'),
    lambda: 'é'.encode('ascii', 'test.range'),
    lambda: b'\xff'.decode('utf-8', 'test.range'),
    lambda: 'aé'.encode('ascii', 'test.unenc'),
    lambda: 'é'.encode('latin-1', 'test.unenc'),
    lambda: b'\xff'.decode('utf-8', 'test.raise'),
    lambda: 'é'.encode('ascii', 'no.such.handler'),
    lambda: b'\xff'.decode('ascii', 'no.such.handler'),
    lambda: 'é'.encode('ascii', 'strict'),
]
for case in cases:
    try:
        print('ok', case())
    except Exception as e:
        print(type(e).__name__, e)
print('fine'.encode('ascii', 'no.such.handler'))

# The standard handlers through lookup_error, and namereplace (a registered Python handler).
print('a\u00e9\u2603'.encode('ascii', 'namereplace'))
print(codecs.lookup_error('strict') is codecs.strict_errors)
err = UnicodeEncodeError('ascii', 'xéy', 1, 2, 'ordinal not in range(128)')
print(codecs.lookup_error('replace')(err), codecs.lookup_error('backslashreplace')(err))
print(codecs.lookup_error('xmlcharrefreplace')(err), codecs.lookup_error('ignore')(err))
try:
    codecs.lookup_error('strict')(err)
except UnicodeEncodeError as e:
    print('strict raised', e)


# Handlers see the exception's fields and can be a bound method or any callable.
class Counter:
    def __init__(self):
        self.n = 0

    def __call__(self, exc):
        self.n += 1
        return ('%d' % self.n, exc.end)


c = Counter()
codecs.register_error('test.count', c)
print('éxéyé'.encode('ascii', 'test.count'), c.n)
print(b'\x80x\x81'.decode('ascii', 'test.count'), c.n)
