x = 1
print(x)
y = x + 1
raise SystemExit(3)
