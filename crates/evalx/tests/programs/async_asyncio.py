# asyncio without I/O: tasks, sleeps, gather, events, queues, timeouts and cancellation.
import asyncio

log = []


async def worker(name, delays):
    for d in delays:
        await asyncio.sleep(d)
        log.append((name, d))
    return name.upper()


async def scenario_gather():
    results = await asyncio.gather(
        worker("a", [0.12, 0.01]),
        worker("b", [0.04]),
        worker("c", [0, 0]),
    )
    print("gather:", results)
    print("order:", log)
    print("empty gather:", await asyncio.gather())


asyncio.run(scenario_gather())


async def interleave():
    order = []

    async def ping(tag, n):
        for i in range(n):
            order.append(f"{tag}{i}")
            await asyncio.sleep(0)
        return tag

    t1 = asyncio.create_task(ping("x", 3))
    t2 = asyncio.create_task(ping("y", 2), name="second")
    print("task names:", t1.get_name().startswith("Task-"), t2.get_name())
    print("done before:", t1.done(), t2.done())
    print(await t1, await t2)
    print("interleaved:", order)
    print("done after:", t1.done(), t2.result())
    print("current is task:", asyncio.current_task() is not None)


asyncio.run(interleave())


async def producer_consumer():
    q = asyncio.Queue(maxsize=2)
    seen = []

    async def producer():
        for i in range(5):
            await q.put(i)
            seen.append(f"put{i}")
        await q.put(None)

    async def consumer():
        while True:
            item = await q.get()
            q.task_done()
            if item is None:
                break
            seen.append(f"got{item}")

    await asyncio.gather(producer(), consumer())
    await q.join()
    print("queue:", seen)
    print("empty:", q.empty(), q.qsize(), q.maxsize, q.full())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty raised")


asyncio.run(producer_consumer())


async def events():
    ev = asyncio.Event()
    out = []

    async def waiter(i):
        await ev.wait()
        out.append(i)

    tasks = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0)
    print("waiting:", out, ev.is_set())
    ev.set()
    await asyncio.gather(*tasks)
    print("released:", out, ev.is_set())


asyncio.run(events())


async def timeouts():
    async def slow():
        await asyncio.sleep(10)
        return "slow"

    async def fast():
        await asyncio.sleep(0.001)
        return "fast"

    print("wait_for fast:", await asyncio.wait_for(fast(), timeout=1))
    try:
        await asyncio.wait_for(slow(), timeout=0.01)
    except asyncio.TimeoutError:
        print("wait_for timed out")


asyncio.run(timeouts())


async def cancellation():
    state = []

    async def sleeper():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            state.append("cancelled inside")
            raise
        finally:
            state.append("finally")

    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    print("cancel():", t.cancel())
    try:
        await t
    except asyncio.CancelledError:
        print("awaiting cancelled task raised CancelledError")
    print(state, t.cancelled(), t.done())
    print(issubclass(asyncio.CancelledError, BaseException), issubclass(asyncio.CancelledError, Exception))


asyncio.run(cancellation())


async def failures():
    async def boom(n):
        await asyncio.sleep(0)
        raise ValueError(f"boom {n}")

    async def ok():
        return "ok"

    print(await asyncio.gather(boom(1), ok(), return_exceptions=True))
    try:
        await asyncio.gather(ok(), boom(2))
    except ValueError as e:
        print("gather raised:", e)
    t = asyncio.create_task(boom(3))
    await asyncio.sleep(0.05)
    print("task exception:", repr(t.exception()))


asyncio.run(failures())


async def locks():
    lock = asyncio.Lock()
    trace = []

    async def critical(i):
        async with lock:
            trace.append(f"in{i}")
            await asyncio.sleep(0)
            trace.append(f"out{i}")

    await asyncio.gather(*(critical(i) for i in range(3)))
    print("lock:", trace, lock.locked())


asyncio.run(locks())


async def futures():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_soon(fut.set_result, 42)
    print("future result:", await fut, fut.done())
    fut2 = loop.create_future()
    loop.call_later(0.001, fut2.set_exception, KeyError("missing"))
    try:
        await fut2
    except KeyError as e:
        print("future exception:", repr(e))
    f3 = loop.create_future()
    try:
        f3.result()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    calls = []
    loop.call_soon(calls.append, "soon")
    loop.call_later(0.08, calls.append, "later")
    loop.call_later(0.02, calls.append, "sooner")
    await asyncio.sleep(0.15)
    print("callbacks:", calls)
    return "futures done"


print(asyncio.run(futures()))


async def returns_value():
    await asyncio.sleep(0)
    return {"answer": 42}


print(asyncio.run(returns_value()))
loop = asyncio.new_event_loop()
print(loop.run_until_complete(returns_value()))
loop.close()
print(loop.is_closed())
print(asyncio.iscoroutinefunction(returns_value), asyncio.iscoroutinefunction(print))
coro = returns_value()
print(asyncio.iscoroutine(coro))
coro.close()
try:
    asyncio.run(5)
except ValueError as e:
    print("ValueError:", e)
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("RuntimeError:", e)


async def nested_run():
    c = returns_value()
    try:
        asyncio.run(c)
    except RuntimeError as e:
        print("RuntimeError:", e)
    c.close()


asyncio.run(nested_run())


async def raises():
    await asyncio.sleep(0)
    raise LookupError("from main")


asyncio.run(raises())
