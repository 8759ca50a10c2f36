from urllib.parse import *
import urllib.parse
u = urlparse('https://user:pw@Example.COM:8080/path/to;params?q=1&r=2#frag')
print(u)
print(u.scheme, u.netloc, u.hostname, u.port, u.username, u.password, u.geturl(), u._replace(fragment='').geturl())
print(urlsplit('http://[::1]:80/x?y#z'), urlsplit('http://[::1]:80/').hostname, urlsplit('mailto:a@b.c'), urlsplit('//host/p'), urlsplit('path/only?x=1'), urlsplit('  http://a/b\n'))
print(urlunparse(('http', 'h', '/p', 'a', 'q=1', 'f')), urlunsplit(('file', '', '/etc/x', '', '')), urlunsplit(('', '', 'rel', 'q', '')))
for rel in ['g', './g', 'g/', '/g', '//g', '?y', 'g?y', '#s', 'g#s', '..', '../g', '../..', '../../../g', 'g;x', '', 'http:g', 'https://other/x', './', '.']:
    print(repr(rel), urljoin('http://a/b/c/d;p?q', rel))
print(urldefrag('http://a/b#c'), urldefrag('http://a/b'))
print(quote('a b/c?d=é&'), quote('a b/c', safe=''), quote_plus('a b&c=d/e'), quote(b'\xff\x00'), quote('~_.-'), quote(''))
print(unquote('a%20b%2Fc%C3%A9%zz%'), unquote_plus('a+b%2B'), unquote('%E2%82%AC%FF'), unquote_to_bytes('a%20%ff'), unquote('é%41'))
print(urlencode({'a': 1, 'b': 'x y', 'c': ['1', '2']}), urlencode({'c': ['1', '2'], 'd': (3,)}, doseq=True), urlencode([('k', 'v&w'), ('e', b'\xff')]), urlencode({'p': 'a/b'}, safe='/'), urlencode({'s': 'a b'}, quote_via=quote))
print(parse_qs('a=1&a=2&b=x+y&c=%41&d'), parse_qsl('a=1&&b=&c', keep_blank_values=True), parse_qs('x=1;y=2', separator=';'))
for f in [lambda: urlsplit('http://[::1/'), lambda: urlparse('http://h:abc/').port, lambda: urlparse('http://h:99999/').port, lambda: urlencode('abc'), lambda: parse_qsl('a', strict_parsing=True), lambda: parse_qs('a=1&b=2', max_num_fields=1)]:
    try:
        f()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(urllib.parse.urlparse('x').path, ParseResult, SplitResult('a', 'b', 'c', 'd', 'e').geturl(), urlparse('http://h/p;x?q').params)
