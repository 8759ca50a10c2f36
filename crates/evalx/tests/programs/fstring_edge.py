d = {"k": "v"}
print(f"{d['k']}", f"{d}", f"{[1, 2]}", f"{3 + 4}", f"{'x' if True else 'y'}", f"{(lambda: 5)()}")
name = "a"
print(f"{name!r:>5}", f"{3:{'>'}{5}}", f"{'{'}", f"{1:,.2f}", f"{1e6:,.0f}", f"{123:e}")
