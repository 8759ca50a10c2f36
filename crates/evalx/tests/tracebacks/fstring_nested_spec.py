width = 5
val = 3
print(f"{val:{width}} {val / (width - 5):.2f}")
