async def leaf(n):
    total = n * 2
    return total


async def middle(n):
    a = await leaf(n)
    b = await leaf(a)
    return a + b


def drive(coro):
    try:
        coro.send(None)
    except StopIteration as stop:
        return stop.value


breakpoint()
result = drive(middle(3))
print("result", result)
