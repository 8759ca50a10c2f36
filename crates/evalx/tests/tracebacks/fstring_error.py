items = [1, 2]
print(f"first {items[0]} and {items[5]}")
