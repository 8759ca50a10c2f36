config = {
    "a": 1,
    "b": 1 / 0,
}
