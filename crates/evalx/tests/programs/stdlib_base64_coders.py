# base64's Base32/Base16/Base85/Ascii85 coders (native since issue 25): round trips over every length 1-39, padding, folding, Adobe framing, and each error.
import base64, binascii, random
random.seed(7)
datas = [b'', b'\x00', b'\x00\x00\x00\x00', b'    ', b'ab', b'abc', b'abcd', b'abcde', b'\x00\x00\x00\x00\x00', b'    x'] + [random.randbytes(n) for n in range(1, 40)]
for d in datas:
    r = [base64.b32encode(d), base64.b32hexencode(d), base64.b16encode(d), base64.b85encode(d), base64.b85encode(d, pad=True),
         base64.a85encode(d), base64.a85encode(d, pad=True), base64.a85encode(d, foldspaces=True), base64.a85encode(d, adobe=True, wrapcol=7),
         base64.urlsafe_b64encode(d), base64.b64encode(d, altchars=b'*-')]
    print(r)
    assert base64.b32decode(r[0]) == d and base64.b32hexdecode(r[1]) == d and base64.b16decode(r[2]) == d
    assert base64.b85decode(r[3]) == d and base64.a85decode(r[5]) == d and base64.a85decode(r[7], foldspaces=True) == d
    assert base64.a85decode(r[8], adobe=True) == d and base64.urlsafe_b64decode(r[9]) == d
    print(base64.b85decode(r[4]), base64.a85decode(r[6]), base64.b32decode(r[0].lower(), casefold=True) == d)
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__ + ":", e)
for s in [b'MZXW6===', b'MZXW6YQ=', b'MZXW6YTB', b'MZXW6Y==', b'MZXW====', b'M=======', b'MZ======', b'MZX=====', b'MZXW6YT=', b'MZXW6*==', b'MZXW', b'========', 'MZXW6===', 'MZXW6é==', b'01234567']:
    t(lambda: base64.b32decode(s)); t(lambda: base64.b32decode(s, map01=b'L'))
for s in [b'', b'00', b'0G', b'ab', b'0A1', '4142']:
    t(lambda: base64.b16decode(s)); t(lambda: base64.b16decode(s, casefold=True))
for s in [b'', b'0', b'00', b'VPa', b'|NsC0', b'|NsC', b'"', b'~~~~~', b'{{{{{', b'0 0', b'abcdefghij']:
    t(lambda: base64.b85decode(s))
for s in [b'', b'z', b'zz', b'!z', b'y', b'!!y', b' 8 7', b'<~87cUR~>', b'87cURD]i', b's8W-"', b'uuuuu', b'vabc', b'87cUR\x00']:
    t(lambda: base64.a85decode(s)); t(lambda: base64.a85decode(s, foldspaces=True)); t(lambda: base64.a85decode(s, adobe=True)); t(lambda: base64.a85decode(s, ignorechars=b'\x00'))
t(lambda: base64.b32encode('abc')); t(lambda: base64.b85encode(3)); t(lambda: base64.a85encode(bytearray(b'ab')))
t(lambda: base64.b64decode('YWJj\u00e9')); t(lambda: base64.b85decode(bytearray(b'VPa')))
