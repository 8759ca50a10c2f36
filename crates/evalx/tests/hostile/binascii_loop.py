# cpython: runs past 10 s
import binascii
b = b'ab' * (5 * 10**7)
while True:
    binascii.hexlify(b)
    binascii.crc32(b)
