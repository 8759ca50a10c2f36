# More asyncio: methods as coroutines, async generator expressions, wait, as_completed, timeout,
# worker queues with cancellation, futures' reprs, shield and wait_for without a timeout.
import asyncio

class Service:
    def __init__(self):
        self.calls = 0
    async def fetch(self, k):
        self.calls += 1
        await asyncio.sleep(0)
        return f"v{k}"

async def agen():
    try:
        for i in range(3):
            yield i
    finally:
        print("agen finally")

async def ret_in_async_with():
    lock = asyncio.Lock()
    async with lock:
        return "from with"

async def main():
    s = Service()
    print(await asyncio.gather(*(s.fetch(i) for i in range(3))), s.calls)
    print(f"{await s.fetch(9)}!")
    print([x async for x in (y * 2 async for y in agen())])
    print(await ret_in_async_with())
    g = agen()
    async for x in g:
        if x == 1:
            break
    await g.aclose()
    tasks = [asyncio.create_task(s.fetch(i)) for i in range(3)]
    done, pending = await asyncio.wait(tasks)
    print(sorted(t.result() for t in done), pending)
    for c in asyncio.as_completed([s.fetch(5)]):
        print(await c)
    try:
        async with asyncio.timeout(0.01):
            await asyncio.sleep(1)
    except TimeoutError:
        print("timeout ctx")
    q = asyncio.Queue()
    async def w(name):
        while True:
            item = await q.get()
            print(name, item)
            q.task_done()
    ws = [asyncio.create_task(w(f"w{i}")) for i in range(2)]
    for i in range(4):
        q.put_nowait(i)
    await q.join()
    for t in ws:
        t.cancel()
    r = await asyncio.gather(*ws, return_exceptions=True)
    print([type(x).__name__ for x in r])
    t = asyncio.create_task(s.fetch(1))
    print(repr(t).startswith("<Task pending name='Task-"))
    await t
    print(t.done(), t.result())
    fut = asyncio.get_running_loop().create_future()
    print(fut)
    fut.set_result(3)
    print(fut)
    async def inner():
        raise ValueError("x")
    try:
        await inner()
    except ValueError as e:
        print("caught", e)
    print(await asyncio.shield(s.fetch(2)))
    print(await asyncio.wait_for(s.fetch(3), None))

asyncio.run(main())
