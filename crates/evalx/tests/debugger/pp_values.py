def report(rows):
    table = {"rows": rows, "count": len(rows), "names": [r[0] for r in rows], "empty": {}}
    nested = [table, (1, 2), "x" * 90]
    breakpoint()
    return table


report([("alpha", 1, 2.5), ("beta", 22, 0.125), ("gamma", 333, 1e-7), ("delta", 4, -3.0)])
