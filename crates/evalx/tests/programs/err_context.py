try:
    try:
        {}["a"]
    except KeyError:
        raise ValueError("second")
except ValueError as e:
    print(type(e.__context__).__name__)
