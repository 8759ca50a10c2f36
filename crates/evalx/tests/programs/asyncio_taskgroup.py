# asyncio.TaskGroup (3.11): children awaited on exit, the first failure cancels the rest and the body,
# failures raised together, the body's own exception joins them, misuse errors.
import asyncio

log = []

async def work(name, delay, fail=None):
    try:
        if delay is not None:
            await asyncio.sleep(delay)
    except asyncio.CancelledError:
        log.append(name + " cancelled")
        raise
    if fail:
        raise fail
    log.append(name + " done")
    return name

async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(work("a", 0.01))
        b = tg.create_task(work("b", 0.02), name="bee")
        print(repr(tg).split()[0], b.get_name())
    print("results", a.result(), b.result(), repr(tg))

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("c", None, ValueError("c failed")))
            tg.create_task(work("d", 1))
            tg.create_task(work("e", None, KeyError("e")))
            await asyncio.sleep(5)
            log.append("body not reached")
    except* ValueError as eg:
        print("ValueError group:", eg.message, eg.exceptions)
    except* KeyError as eg:
        print("KeyError group:", eg.exceptions)

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("f", 1))
            raise TypeError("body failed")
    except BaseExceptionGroup as eg:
        print(type(eg).__name__, eg.message, [type(e).__name__ for e in eg.exceptions])

    tg = asyncio.TaskGroup()
    coro = work("g", 0)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print(e)
    coro.close()
    async with tg:
        pass
    coro = work("h", 0)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print(e)
    coro.close()
    try:
        async with tg:
            pass
    except RuntimeError as e:
        print(e)

    outer = asyncio.create_task(asyncio.sleep(0))
    async def cancelled_from_outside():
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("i", 1))
            await asyncio.sleep(1)
    t = asyncio.create_task(cancelled_from_outside())
    await asyncio.sleep(0.01)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("outer cancel propagated", t.cancelled())
    await outer
    print(sorted(log))

asyncio.run(main())
