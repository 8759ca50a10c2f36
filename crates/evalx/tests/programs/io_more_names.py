# io.text_encoding, io.IncrementalNewlineDecoder and io.BlockingIOError.
import codecs
import io

print(io.text_encoding(None), io.text_encoding('latin-1'), io.BlockingIOError is BlockingIOError)
print(issubclass(io.BlockingIOError, OSError))

d = io.IncrementalNewlineDecoder(codecs.getincrementaldecoder('utf-8')(), translate=True)
print(repr(d.decode(b'a\r')), d.getstate(), repr(d.decode(b'\nb\r')), repr(d.decode(b'', final=True)))
print(d.newlines, d.getstate())
d.reset()
print(d.newlines, d.getstate())

k = io.IncrementalNewlineDecoder(None, translate=False)
print(repr(k.decode('x\r\ny\rz\n', final=True)), k.newlines)
t = io.IncrementalNewlineDecoder(None, translate=True)
for chunk in ['one\r', '\ntwo\r', 'three\n', '']:
    print(repr(t.decode(chunk, final=chunk == '')), t.newlines)
t.setstate((b'', 1))
print(repr(t.decode('x')), t.getstate())
only_lf = io.IncrementalNewlineDecoder(None, False)
only_lf.decode('a\nb\n')
print(only_lf.newlines)
try:
    io.IncrementalNewlineDecoder(None, True).decode(b'bytes')
except TypeError as e:
    print('TypeError', type(e).__name__)
