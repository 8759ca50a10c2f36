# codecs' error handlers (lookup_error/register_error and the standard *_errors functions), Codec,
# StreamReader/StreamWriter through getreader/getwriter, the BOM constants and the escape codec pairs.
import codecs
import io

enc = UnicodeEncodeError('ascii', 'a\xe9\u20ac\U0001f600b', 1, 4, 'ordinal not in range(128)')
dec = UnicodeDecodeError('utf-8', b'a\xff\xfeb', 1, 3, 'invalid start byte')
tr = UnicodeTranslateError('ab\u20ac', 1, 3, 'no mapping')
for name in ['strict', 'ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace', 'namereplace']:
    handler = codecs.lookup_error(name)
    print(name, handler is getattr(codecs, name + '_errors'))
    for exc in (enc, dec, tr):
        try:
            print('  ', handler(exc))
        except (UnicodeError, TypeError) as e:
            print('  ', type(e).__name__, e)
for bad in [ValueError('x'), 'text']:
    try:
        codecs.ignore_errors(bad)
    except TypeError as e:
        print('TypeError:', e)
try:
    codecs.strict_errors('text')
except TypeError as e:
    print('TypeError:', e)
try:
    codecs.lookup_error('nope')
except LookupError as e:
    print('LookupError:', e)

def dashes(exc):
    return ('-' * (exc.end - exc.start), exc.end)
codecs.register_error('dashes', dashes)
print(codecs.lookup_error('dashes') is dashes, codecs.lookup_error('dashes')(enc))
try:
    codecs.register_error('bad', 42)
except TypeError as e:
    print('TypeError:', e)

print(codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
print(codecs.BOM == codecs.BOM_UTF16, codecs.BOM_LE, codecs.BOM_BE, codecs.BOM32_LE, codecs.BOM64_BE)

class Upper(codecs.Codec):
    def encode(self, input, errors='strict'):
        return input.upper().encode('ascii', errors), len(input)
    def decode(self, input, errors='strict'):
        return bytes(input).decode('ascii', errors).lower(), len(input)
print(Upper().encode('abc'), Upper().decode(b'XYZ'))
try:
    codecs.Codec().encode('x')
except NotImplementedError:
    print('NotImplementedError')

buf = io.BytesIO()
w = codecs.getwriter('utf-8')(buf)
w.write('h\xe9llo\n')
w.writelines(['a', 'b\n'])
print(buf.getvalue(), issubclass(codecs.getwriter('utf-8'), codecs.StreamWriter))
r = codecs.getreader('utf-8')(io.BytesIO('line one\nline \u20ac two\nend'.encode('utf-8')))
print(issubclass(type(r), codecs.StreamReader), repr(r.readline()), repr(r.read()))
r2 = codecs.getreader('latin-1')(io.BytesIO(b'x\xe9\ny\n'))
print(list(r2))
rw = codecs.StreamReaderWriter(io.BytesIO('abc'.encode('utf-8')), codecs.getreader('utf-8'), codecs.getwriter('utf-8'))
print(repr(rw.read()))
rw.write('\u20ac')
print(rw.getvalue())


print(codecs.unicode_escape_encode('a\xe9\n'), codecs.unicode_escape_decode(b'a\\xe9\\n'))
print(codecs.raw_unicode_escape_encode('a\u20ac\\n'), codecs.raw_unicode_escape_decode(b'a\\u20ac'))
