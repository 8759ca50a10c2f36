def readings(text):
    for tok in text.split(","):
        yield float(tok)


def report(text):
    values = list(v * 2 for v in readings(text))
    return [round(v, 1) for v in values]


print(report("1.5,2.25"))
print(report("3.5,n/a,4"))
