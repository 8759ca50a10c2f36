# binascii: base64 (lenient and strict), hex with separators, uu, crc32/crc_hqx, and its errors.
import binascii

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__module__, type(e).__name__ + ":", e)

for data in [b'abc', b'abcde', b'ab=c', b'ab==c', b'a!b==', b'YWJj\n', 'YWJj', 'YWJjé', b'YQ===', b'YQ', b'YQ=', b'Y', b'', b'=', b'YW Jj ZA==']:
    t(lambda: binascii.a2b_base64(data))
for data in [b'YW=Jj', b'=YWJj', b'YWJj!', b'YQ===', b'YQ==', b'YWJj']:
    t(lambda: binascii.a2b_base64(data, strict_mode=True))
t(lambda: binascii.a2b_base64(5))
t(lambda: binascii.b2a_base64(b'abc'))
t(lambda: binascii.b2a_base64(b'abcd', newline=False))
t(lambda: binascii.b2a_base64('abc'))
t(lambda: binascii.hexlify(b'\x01\xff'))
t(lambda: binascii.hexlify(b'\x01\xff\x02', '-'))
t(lambda: binascii.hexlify(b'\x01\xff\x02\x03\x04', b':', 2))
t(lambda: binascii.hexlify(b'\x01\xff\x02\x03\x04', b':', -2))
t(lambda: binascii.hexlify(b'\x01\xff\x02\x03\x04', sep='_', bytes_per_sep=3))
t(lambda: binascii.hexlify(b'\x01', 'ab'))
t(lambda: binascii.hexlify('ab'))
t(lambda: binascii.b2a_hex(b'ab'))
t(lambda: binascii.unhexlify(b'01ff'))
t(lambda: binascii.unhexlify('01FF'))
t(lambda: binascii.unhexlify('01F'))
t(lambda: binascii.unhexlify('0g'))
t(lambda: binascii.a2b_hex(b'6162'))
t(lambda: binascii.crc32(b'hello'))
t(lambda: binascii.crc32(b'world', binascii.crc32(b'hello ')))
t(lambda: binascii.crc32(b''))
t(lambda: binascii.crc32(b'abc', -1))
t(lambda: binascii.crc32(b'a' * 1000))
t(lambda: binascii.crc_hqx(b'hello', 0))
t(lambda: binascii.crc_hqx(b'123456789', 0xffff))
t(lambda: binascii.b2a_uu(b'Cat'))
t(lambda: binascii.b2a_uu(b'\x00\x00', backtick=True))
t(lambda: binascii.a2b_uu(binascii.b2a_uu(b'hello world')))
t(lambda: binascii.a2b_uu(b''))
t(lambda: binascii.b2a_uu(b'x' * 46))
print(binascii.Error.__mro__, binascii.Incomplete.__mro__)
try:
    binascii.unhexlify(b'0')
except ValueError as e:
    print('caught as ValueError:', e)
binascii.a2b_base64(b'abcde')
