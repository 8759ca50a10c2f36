def bad(n):
    return n // 0


msg = f"value: {bad(3)}!"
