# cpython: stdout: False False\n
b = b'a' * 10**7
sub = b'a' * 10**5 + b'b'
print(sub in b, bytearray(sub) in bytearray(b))
