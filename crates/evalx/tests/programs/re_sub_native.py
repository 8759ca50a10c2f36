# Pattern.sub/subn with str and bytes templates, and search/match/fullmatch's Match objects.
import re

p = re.compile(r'(\w)(\d+)')
print(p.sub('<\\2\\1>', 'a12 b3 c'), p.subn(r'[\g<0>]', 'a12 b3 c', count=1))
print(p.sub('', 'x1y22z'), p.sub('-', 'nothing'), p.subn('-', ''))
print(re.sub('a*', '-', 'baac'), re.sub('', '.', 'ab'), re.subn(r'\s+', ' ', ' a  b\t c '))
print(re.sub(rb'(\d)', rb'<\1>', b'a1b22'), re.sub(b'x', b'', b'xax'))
print(re.sub('(?P<w>\\w+)', r'\g<w>!', 'hi yo'), re.sub('(a)|b', r'[\1]', 'ab'))
print(re.sub('\u00e9', '\u20ac', 'caf\u00e9 \u00e9t\u00e9'))
print(re.sub('x', lambda m: m.group().upper(), 'axbx'), re.sub('x', 'y', 'xx', count=-1))
print(re.sub('x', 'y', bytearray(b'x') and 'xax'))
for bad in [r'\3', '\\']:
    try:
        re.sub('(a)', bad, 'a')
    except re.error as e:
        print('error', e)
m = p.search('zz a12', 1)
print(m, m.group(1, 2), m.span(), m.pos, m.endpos, m.re is p, m.string, m.lastindex)
print(p.match('a1'), p.match('.a1'), p.match('.a1', 1), p.fullmatch('a1x'), p.fullmatch('a1x', 0, 2))
print(p.search('a1', endpos=1), p.search(string='b7'))
print(type(p.search('a1')).__name__, isinstance(p.search('a1'), re.Match))
