# re.sub/subn on str subjects: empty matches beside others, groups that did not take part, counts,
# non-ASCII text, named groups, anchors, bytes subjects, callables and template errors.
import re
cases = [
    (r'', '-', 'abc', 0), (r'x*', '-', 'abxd', 0), (r'x*', '-', 'abxd', 2),
    (r'(a)|(b)', r'[\1|\2]', 'abcab', 0), (r'(?P<w>\w+)', r'<\g<w>>', 'héllo wörld ß', 0),
    (r'\s+', ' ', '  a \t b\n\nc  ', 0), (r'é', 'E', 'ééaé', 1), (r'(é)(x)?', r'\2\1\1', 'aébéx', 0),
    (r'^', '>', 'a\nb\nc', 0), (r'$', '<', 'a\nb\n', 0), (r'(?m)^', '>', 'a\nb\nc', 0),
    (r'\b', '|', 'hi there', 0), (r'a|', 'X', 'baaac', 0), (r'(\d+)', r'\g<1>0', 'a1b22c333', 0),
    (r'.', r'\\n', 'ab', 0), (r'b', '\n', 'abc', 0), (r'(a)(b)?', r'\2', 'ab a', 0),
    (r'[αβ]+', '#', 'xαβy αz', 0), (r'x', 'y', '', 0), (r'', 'y', '', 0), (r'\B', '-', 'abc', 0),
]
for p, r, s, c in cases:
    print(repr(re.sub(p, r, s, count=c)), re.subn(p, r, s, c))
    print(repr(re.compile(p).sub(r, s)))
for bad in [(r'(a)', r'\2', 'a'), (r'a', r'\g<x>', 'a')]:
    try:
        re.sub(*bad)
    except (re.error, IndexError) as e:
        print('error', e)
try:
    re.sub('a', 'b', b'a')
except TypeError as e:
    print('TypeError', e)
print(re.sub(b'a', b'-', b'banana'), re.subn(b'(n)', br'[\1]', b'banana', 2))
print(re.sub('a', lambda m: m.group().upper(), 'banana'))
print(re.sub('(?i)A', 'x', 'aAbA'))
