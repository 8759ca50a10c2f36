print('a\tb', "c\nd", r'\n', 'it\'s', "q\"q", '\x41\u00e9\101')
print("""tri
ple""", 'con' 'cat', len('\n'))
print(repr("it's"), repr('say "hi"'), repr('both \' and "'), repr('\x00\x7f\t'), repr('é'))
print(b'abc', b'\x00\xff', bytes([65, 66]), b'a' + b'b', len(b'xyz'), b'abc'[1], list(b'hi'))
