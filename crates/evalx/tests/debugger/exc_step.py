def bad(d):
    return d["missing"]


def main():
    breakpoint()
    try:
        bad({})
    except KeyError as e:
        print("caught", e)
    return 1


main()
