print(eval("x", {"x": 1}, {"x": 2}))
print(eval("x + y", {"x": 1, "y": 10}, {"x": 2}))
