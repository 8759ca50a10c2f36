# cpython: runs past 10 s
import base64
b = b'ab' * (5 * 10**7)
while True:
    base64.b64encode(b)
    base64.b16encode(b)
