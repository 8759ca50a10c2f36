data = [1, 2, 3]
print("x",
      data[10],
      "y")
