# tokenize and token: every token kind, positions, exact types, encodings, untokenize and the errors.
import io
import token
import tokenize

src = '''\
# leading comment
def f(a, b=2, *c, **d):  # trailing
    """doc
    string"""
    x = a + b ** 2 // 3 @ m   \\
        - 0x1F + 1_000.5e-3j
    if x >= 3 and not (a
            != b):
        return f"{x!r}" rb'raw' 'it\\'s'

    s = 'cont\\
inued'
    return ...
\t
x := [1, 2]; y -> z
$ ? !
'''
for tok in tokenize.generate_tokens(io.StringIO(src).readline):
    print(tok)
    if tok.type == token.OP:
        print("   exact:", token.tok_name[tok.exact_type])

print(token.tok_name[token.NAME], token.NT_OFFSET, token.ISTERMINAL(5), token.ISNONTERMINAL(300), token.ISEOF(0))
print(token.EXACT_TOKEN_TYPES['**='], len(token.tok_name), token.N_TOKENS)
print(tokenize.EXACT_TOKEN_TYPES is token.EXACT_TOKEN_TYPES, tokenize.NAME, tokenize.COMMENT, tokenize.NL)

# No final newline; dedents at the end.
for tok in tokenize.generate_tokens(io.StringIO("if a:\n    b = 1").readline):
    print(tok.type, token.tok_name[tok.type], repr(tok.string), tok.start, tok.end)

# Bytes: ENCODING first, cookies and BOMs.
data = b"# -*- coding: latin-1 -*-\nname = '\xe9'\n"
toks = list(tokenize.tokenize(io.BytesIO(data).readline))
print(toks[0])
print([t.string for t in toks])
print(tokenize.detect_encoding(io.BytesIO(b"\xef\xbb\xbfx = 1\n").readline))
print(tokenize.detect_encoding(io.BytesIO(b"#!/usr/bin/env python\n# vim: set fileencoding=utf-8 :\n").readline))
print(tokenize.detect_encoding(io.BytesIO(b"").readline))
try:
    tokenize.detect_encoding(io.BytesIO(b"# coding: nope-not-real\n").readline)
except SyntaxError as e:
    print("SyntaxError:", e)

# untokenize: exact from full tokens, spaced from pairs.
code = "def g( x ):\n    return  x*2  # twice\n"
full = list(tokenize.generate_tokens(io.StringIO(code).readline))
print(repr(tokenize.untokenize(full)))
print(repr(tokenize.untokenize([(t.type, t.string) for t in full])))
print(repr(tokenize.untokenize(tokenize.tokenize(io.BytesIO(code.encode()).readline))))

# Errors.
for bad in ['x = (1,\n', 's = """never closed\n', "if a:\n        b\n    c\n"]:
    try:
        list(tokenize.generate_tokens(io.StringIO(bad).readline))
    except (tokenize.TokenError, IndentationError) as e:
        print(type(e).__name__, e.args)
print(issubclass(tokenize.TokenError, Exception), tokenize.TokenInfo._fields)
t = tokenize.TokenInfo(token.OP, '(', (1, 0), (1, 1), '(')
print(t, t.exact_type, t._replace(string=')').exact_type)
