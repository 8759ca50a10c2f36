def boom(x):
    return {}[x]

handlers = {"a": lambda v: v + boom(v)}
list(map(lambda k: handlers[k](k), ["a"]))
