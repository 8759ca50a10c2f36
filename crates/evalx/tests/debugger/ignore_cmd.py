def f(n):
    m = n * 2
    return m


breakpoint()
for i in range(8):
    f(i)
print("end")
