gl = {}
lo = {"y": [1, 2]}
exec("r = [i for i in y]", gl, lo)
print(lo["r"])
try:
    exec("[y for _ in range(2)]", gl, lo)
except NameError as e:
    print("NameError:", e)
exec("global q\nq = 5", gl, lo)
print(gl["q"], "q" in lo)
