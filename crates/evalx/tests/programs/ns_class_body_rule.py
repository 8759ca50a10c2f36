gl = {}
lo = {}
exec("y = 10\ndef f():\n    return y\n", gl, lo)
print(sorted(lo), sorted(gl))
try:
    lo['f']()
except NameError as e:
    print("NameError:", e)
g = {}
exec("y=10\ndef f(): return y\nr=f()", g)
print(g['r'])
