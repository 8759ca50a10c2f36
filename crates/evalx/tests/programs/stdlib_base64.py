# base64: every alphabet both ways, their options, and CPython's errors.
import base64
import binascii

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__module__, type(e).__name__ + ":", e)

samples = [b'', b'f', b'fo', b'foo', b'foob', b'fooba', b'foobar', bytes(range(256)), b'\x00\x00\x00\x00\x01', b'    x']
for s in samples:
    enc = [base64.b64encode(s), base64.urlsafe_b64encode(s), base64.b32encode(s), base64.b32hexencode(s),
           base64.b16encode(s), base64.b85encode(s), base64.a85encode(s)]
    print([e[:40] for e in enc])
    dec = [base64.b64decode(enc[0]), base64.urlsafe_b64decode(enc[1]), base64.b32decode(enc[2]),
           base64.b32hexdecode(enc[3]), base64.b16decode(enc[4]), base64.b85decode(enc[5]), base64.a85decode(enc[6])]
    print(all(d == s for d in dec))

print(base64.b64encode(b'\xfb\xff', altchars=b'-_'), base64.b64decode('-_8=', altchars='-_'))
print(base64.b64decode(b'aGVs\nbG8=\n'), base64.b64decode('aGVsbG8='), base64.standard_b64encode(b'ab'), base64.standard_b64decode(b'YWI='))
print(base64.b32decode(b'nbswy3dp', casefold=True), base64.b32decode(b'NBSWY301', map01=b'L'), base64.b32decode(b'ME======'))
print(base64.b16decode(b'01ab', casefold=True), base64.b85encode(b'hello', pad=True), base64.a85encode(b'hello', pad=True))
print(base64.a85encode(b'    hello world    ', foldspaces=True), base64.a85decode(b'y+<VdL+<VdL', foldspaces=True))
print(base64.a85encode(b'the quick brown fox jumps', wrapcol=10, adobe=True))
print(base64.a85decode(b'<~FCfN8~>', adobe=True), base64.a85decode(b'Fc fN8 \n'), base64.a85encode(b'\x00' * 8))
print(base64.encodebytes(b'x' * 60), base64.decodebytes(b'eHh4\n'))

t(lambda: base64.b64encode('x'))
t(lambda: base64.b64decode(b'aGVsbG8gd29ybGQ'))
t(lambda: base64.b64decode(b'aGVs!bG8=', validate=True))
t(lambda: base64.b64decode(b'aGVs!bG8='))
t(lambda: base64.b64decode('é'))
t(lambda: base64.b64decode(5))
t(lambda: base64.b32decode(b'nbswy3dp'))
t(lambda: base64.b32decode(b'NBSWY3D'))
t(lambda: base64.b32decode(b'NBSWY3D1'))
t(lambda: base64.b32decode(b'ME=====A'))
t(lambda: base64.b32decode(b'M======='))
t(lambda: base64.b16decode(b'01ab'))
t(lambda: base64.b16decode(b'01A'))
t(lambda: base64.b85decode(b'Xk~0{Z"'))
t(lambda: base64.b85decode(b'|NsC1'))
t(lambda: base64.a85decode(b'Fc~'))
t(lambda: base64.a85decode(b'F z'))
t(lambda: base64.a85decode(b'FCfN8', adobe=True))
t(lambda: base64.a85decode(b's8W-"'))
