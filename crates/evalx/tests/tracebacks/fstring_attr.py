class P:
    name = "p"


p = P()
line = f"name={p.name!r} size={p.size:>4}"
