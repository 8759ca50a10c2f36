try:
    int("x")
except ValueError:
    try:
        [][0]
    except IndexError:
        {}["k"]
