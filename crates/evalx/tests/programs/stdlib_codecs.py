import codecs
for n in ['UTF8', 'utf-8', 'latin1', 'latin-1', 'iso8859-1', 'ascii', 'us-ascii', 'utf-16', 'utf_16_le', 'UTF-16BE',
          'utf-32', 'cp1252', 'windows-1252', 'utf-8-sig', 'rot13', 'rot_13', 'hex', 'hex_codec', 'base64',
          'base_64', 'base64_codec']:
    info = codecs.lookup(n)
    print(n, info.name, repr(info).split(' at ')[0], info is codecs.lookup(n))
print(codecs.encode('Hello', 'rot13'), codecs.decode('Uryyb', 'rot_13'), codecs.encode(b'hi', 'hex'),
      codecs.decode(b'6869', 'hex'), codecs.encode(b'hi', 'base64'), codecs.decode(b'aGk=\n', 'base64'))
for bad in (lambda: codecs.encode('x', 'hex'), lambda: codecs.lookup('nope'), lambda: 'x'.encode('rot13'),
            lambda: b'x'.decode('hex')):
    try:
        bad()
    except (TypeError, LookupError) as e:
        print(type(e).__name__, e)
d = codecs.getincrementaldecoder('utf-8')()
print(repr(d.decode(b'caf\xc3')), repr(d.decode(b'\xa9!')), repr(d.decode(b'\xf0\x9f')), repr(d.decode(b'\x98\x80', final=True)))
d = codecs.getincrementaldecoder('utf-8')()
d.decode(b'\xe2\x82')
try:
    d.decode(b'', final=True)
except UnicodeDecodeError as e:
    print('final:', e)
d = codecs.getincrementaldecoder('utf-16')()
print([d.decode(bytes([b])) for b in b'\xfe\xff\x00a\xd8=\xde\x00\x00b'])
e = codecs.getencoder('utf-16')
print(e('ab'), codecs.getdecoder('ascii')(b'xy'))
print(list(codecs.iterdecode([b'\xe2\x82', b'\xac', b'x'], 'utf-8')), b''.join(codecs.iterencode(['a', 'b'], 'utf-16')))
print(b''.join(codecs.iterencode(['a', 'b'], 'utf-8-sig')), list(codecs.iterdecode([b'\xef\xbb\xbfa', b'\xef\xbb\xbf'], 'utf-8-sig')))
print(codecs.BOM_UTF8, codecs.BOM, codecs.BOM_UTF32_BE, codecs.utf_8_encode('é'), codecs.utf_8_decode(b'\xc3\xa9'))
ci = codecs.lookup('utf-8')
print(ci.encode('é'), ci.decode(b'\xc3\xa9'), ci[0]('x'), len(ci), isinstance(ci, tuple))
print(codecs.latin_1_encode('é'), codecs.ascii_decode(b'ok'))
