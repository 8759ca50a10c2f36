def load(cfg):
    return cfg["missing"]


def main():
    cfg = {"a": 1}
    return load(cfg)


main()
