try:
    try:
        1/0
    except ZeroDivisionError as e:
        raise ValueError("wrapped") from e
except ValueError as v:
    print(v, type(v.__cause__).__name__ if v.__cause__ else None)
