# cpython: crashes (SIGSEGV, rc 139)
a = ()
for i in range(200000):
    a = (a,)
print(hash(a))
