# open() with the encodings real files come in: a byte-order mark, UTF-16/32, Windows' cp1252.
for enc in ('utf-16', 'utf-16-le', 'utf-32', 'utf-8-sig', 'cp1252'):
    with open('t.txt', 'w', encoding=enc) as f:
        f.write('caf\xe9 \u20ac\n2nd line\n')
    with open('t.txt', 'rb') as f:
        raw = f.read()
    with open('t.txt', encoding=enc) as f:
        lines = f.readlines()
    print(enc, len(raw), raw[:6], lines)
with open('t.txt', 'w', encoding='ascii', errors='xmlcharrefreplace') as f:
    f.write('\u20ac!')
print(open('t.txt').read())
with open('t.txt', 'wb') as f:
    f.write(b'\xef\xbb\xbfsig\n')
print(repr(open('t.txt', encoding='utf-8-sig').read()), repr(open('t.txt').read()))
try:
    open('t.txt', encoding='utf-9')
except LookupError as e:
    print('LookupError', e)
