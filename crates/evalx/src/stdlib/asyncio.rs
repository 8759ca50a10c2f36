//! `asyncio`: a single-threaded event loop with CPython's observable behaviour for what programs without
//! I/O use: `run`, `sleep`, `gather`, `create_task`/`ensure_future`, `Task`, `Future`, `Event`, `Lock`,
//! `Semaphore`, `Queue`, `wait_for`, `wait`, `shield`, `timeout`, `current_task`/`all_tasks` and the loop
//! functions (`get_event_loop`, `new_event_loop`, `get_running_loop`, `set_event_loop`).
//!
//! Tasks step their coroutines with `send`/`throw` exactly as CPython's `Task.__step` does, so the order in
//! which tasks run, wake and print is CPython's. There is no I/O: the loop waits only for timers, through
//! `time.sleep`, which the host's deadline bounds; a loop with nothing ready and no timer left would wait
//! forever in CPython, here it raises `RuntimeError` instead, so a sandboxed program cannot hang.

use super::Kw;
use crate::interp::{Interp, PyResult};
use crate::value::Value;

/// `types.coroutine`'s marking, for the `types` module too.
pub(crate) fn types_coroutine(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    super::arity("coroutine", args, kw, 1, 1)?;
    it.types_coroutine(args[0].clone())
}

/// Where a coroutine is: (file, line, running) — the line it is suspended at (its `def` line before it
/// starts), or its `def` line with `running` false once it finished.
fn coro_where(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    super::arity("_coro_where", args, kw, 1, 1)?;
    let Value::Iter(i) = &args[0] else {
        return Ok(Value::None);
    };
    let b = i.borrow();
    let crate::value::Iter::Generator(st) = &*b else {
        return Ok(Value::None);
    };
    let (file, first, line) = match (&st.pending, st.frames.first()) {
        (Some(f), _) => (f.code.filename.clone(), f.code.firstline, Some(f.line)),
        (None, _) if st.finished => match &st.code {
            Some(c) => (c.filename.clone(), c.firstline, None),
            None => return Ok(Value::None),
        },
        // SAFETY: a suspended coroutine's shadow-stack entries point at frames that live on its own
        // (suspended) stack until it is resumed or dropped; we hold it borrowed, so neither happens here.
        (None, Some(&f)) if !st.finished => {
            let f = unsafe { &*f };
            (f.code.filename.clone(), f.code.firstline, Some(f.line))
        }
        _ => return Ok(Value::None),
    };
    Ok(match line {
        Some(l) => Value::tuple(vec![
            Value::Str(file),
            Value::Int(l as i64),
            Value::bool(true),
        ]),
        None => Value::tuple(vec![
            Value::Str(file),
            Value::Int(first as i64),
            Value::bool(false),
        ]),
    })
}

fn iscoroutinefunction(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    super::arity("iscoroutinefunction", args, kw, 1, 1)?;
    let mut f = args[0].clone();
    // Bound methods and `functools.partial` objects answer for their function.
    loop {
        f = match &f {
            Value::Bound(b) if !matches!(b.1, Value::Str(_)) => b.1.clone(),
            Value::Func(func) => return Ok(Value::bool(func.code.coro == 1)),
            _ => return Ok(Value::bool(false)),
        };
    }
}

const SOURCE: &str = r#"
import sys as _sys
import time as _time
import heapq as _heapq
from collections import deque as _deque

coroutine = _coroutine
del _coroutine

class CancelledError(BaseException):
    pass

class InvalidStateError(Exception):
    pass

class QueueEmpty(Exception):
    pass

class QueueFull(Exception):
    pass

TimeoutError = TimeoutError

FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'

_PENDING = 'PENDING'
_CANCELLED = 'CANCELLED'
_FINISHED = 'FINISHED'

def iscoroutine(obj):
    return type(obj).__name__ == 'coroutine'

iscoroutinefunction = _iscoroutinefunction
del _iscoroutinefunction

def isfuture(obj):
    return getattr(type(obj), '_asyncio_future_blocking', None) is not None and obj._asyncio_future_blocking is not None

class Handle:
    def __init__(self, callback, args, loop):
        self._callback = callback
        self._args = args
        self._loop = loop
        self._cancelled = False

    def cancel(self):
        self._cancelled = True
        self._callback = None
        self._args = None

    def cancelled(self):
        return self._cancelled

    def get_context(self):
        return None

    def _run(self):
        try:
            self._callback(*self._args)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._loop.call_exception_handler({
                'message': 'Exception in callback ' + _cb_name(self._callback),
                'exception': exc,
                'handle': self,
            })

    def __repr__(self):
        if self._cancelled:
            return '<Handle cancelled>'
        return '<Handle ' + _cb_name(self._callback) + '>'

class TimerHandle(Handle):
    def __init__(self, when, callback, args, loop, seq):
        super().__init__(callback, args, loop)
        self._when = when
        self._seq = seq

    def when(self):
        return self._when

    def __lt__(self, other):
        return (self._when, self._seq) < (other._when, other._seq)

    def cancel(self):
        if not self._cancelled:
            self._loop._timer_cancelled += 1
        super().cancel()

    def __repr__(self):
        if self._cancelled:
            return '<TimerHandle cancelled when=' + repr(self._when) + '>'
        return '<TimerHandle when=' + repr(self._when) + ' ' + _cb_name(self._callback) + '>'

def _cb_name(cb):
    name = getattr(cb, '__qualname__', None) or getattr(cb, '__name__', None)
    if name is None:
        return repr(cb)
    return name + '()'

_running_loop = None
_event_loop = None
_task_counter = 0
_current_tasks = {}

class AbstractEventLoop:
    pass

class BaseEventLoop(AbstractEventLoop):
    def __init__(self):
        self._ready = _deque()
        self._scheduled = []
        self._seq = 0
        self._timer_cancelled = 0
        self._stopping = False
        self._closed = False
        self._running = False
        self._tasks = []
        self._debug = False
        self._exception_handler = None
        self._asyncgens = []

    def __repr__(self):
        return '<_UnixSelectorEventLoop running=' + str(self._running) + ' closed=' + str(self._closed) + ' debug=' + str(self._debug) + '>'

    def time(self):
        return _time.monotonic()

    def _check_closed(self):
        if self._closed:
            raise RuntimeError('Event loop is closed')

    def call_soon(self, callback, *args, context=None):
        self._check_closed()
        h = Handle(callback, args, self)
        self._ready.append(h)
        return h

    call_soon_threadsafe = call_soon

    def call_later(self, delay, callback, *args, context=None):
        if delay is None:
            raise TypeError('delay must not be None')
        return self.call_at(self.time() + delay, callback, *args)

    def call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError('when cannot be None')
        self._check_closed()
        self._seq += 1
        h = TimerHandle(when, callback, args, self, self._seq)
        _heapq.heappush(self._scheduled, h)
        return h

    def create_future(self):
        return Future(loop=self)

    def create_task(self, coro, *, name=None, context=None):
        self._check_closed()
        return Task(coro, loop=self, name=name)

    def is_running(self):
        return self._running

    def is_closed(self):
        return self._closed

    def get_debug(self):
        return self._debug

    def set_debug(self, enabled):
        self._debug = enabled

    def stop(self):
        self._stopping = True

    def close(self):
        if self._running:
            raise RuntimeError('Cannot close a running event loop')
        self._closed = True
        self._ready.clear()
        self._scheduled.clear()

    def set_exception_handler(self, handler):
        self._exception_handler = handler

    def get_exception_handler(self):
        return self._exception_handler

    def default_exception_handler(self, context):
        message = context.get('message') or 'Unhandled exception in event loop'
        lines = [message]
        for key in sorted(context):
            if key in ('message', 'exception'):
                continue
            lines.append(key + ': ' + repr(context[key]))
        exc = context.get('exception')
        if exc is not None:
            lines.append(type(exc).__name__ + ': ' + str(exc))
        print('\n'.join(lines), file=_sys.stderr)

    def call_exception_handler(self, context):
        if self._exception_handler is None:
            self.default_exception_handler(context)
        else:
            self._exception_handler(self, context)

    def run_forever(self):
        global _running_loop
        self._check_closed()
        if self._running:
            raise RuntimeError('This event loop is already running')
        if _running_loop is not None:
            raise RuntimeError('Cannot run the event loop while another loop is running')
        self._running = True
        _running_loop = self
        try:
            while True:
                self._run_once()
                if self._stopping:
                    break
        finally:
            self._stopping = False
            self._running = False
            _running_loop = None

    def run_until_complete(self, future):
        self._check_closed()
        new_task = not isfuture(future)
        future = ensure_future(future, loop=self)
        future.add_done_callback(_run_until_complete_cb)
        try:
            self.run_forever()
        except BaseException:
            if new_task and future.done() and not future.cancelled():
                future.exception()
            raise
        finally:
            future.remove_done_callback(_run_until_complete_cb)
        if not future.done():
            raise RuntimeError('Event loop stopped before Future completed.')
        return future.result()

    def _run_once(self):
        sched = self._scheduled
        while sched and sched[0]._cancelled:
            _heapq.heappop(sched)
            self._timer_cancelled -= 1
        if not self._ready and not self._stopping:
            if not sched:
                raise RuntimeError('the event loop has nothing left to run: no task is ready and no timer is set (CPython would wait forever)')
            wait = sched[0]._when - self.time()
            if wait > 0:
                _time.sleep(wait)
        end = self.time()
        while sched:
            h = sched[0]
            if h._when > end:
                break
            _heapq.heappop(sched)
            if h._cancelled:
                self._timer_cancelled -= 1
                continue
            self._ready.append(h)
        ntodo = len(self._ready)
        for _ in range(ntodo):
            h = self._ready.popleft()
            if h._cancelled:
                continue
            h._run()

    async def shutdown_asyncgens(self):
        gens = self._asyncgens
        self._asyncgens = []
        for g in gens:
            await g.aclose()

    async def shutdown_default_executor(self):
        pass

def _run_until_complete_cb(fut):
    if not fut.cancelled():
        exc = fut.exception()
        if isinstance(exc, (SystemExit, KeyboardInterrupt)):
            return
    fut.get_loop().stop()

SelectorEventLoop = BaseEventLoop
DefaultEventLoopPolicy = None

def new_event_loop():
    return BaseEventLoop()

def get_running_loop():
    if _running_loop is None:
        raise RuntimeError('no running event loop')
    return _running_loop

def _get_running_loop():
    return _running_loop

def get_event_loop():
    global _event_loop
    if _running_loop is not None:
        return _running_loop
    if _event_loop is None:
        _event_loop = new_event_loop()
    return _event_loop

def set_event_loop(loop):
    global _event_loop
    if loop is not None and not isinstance(loop, AbstractEventLoop):
        raise TypeError("loop must be an instance of AbstractEventLoop or None, not '" + type(loop).__name__ + "'")
    _event_loop = loop

class Future:
    _asyncio_future_blocking = False
    _state = _PENDING
    _result = None
    _exception = None
    _cancel_message = None
    _log_traceback = False

    def __init__(self, *, loop=None):
        self._loop = get_event_loop() if loop is None else loop
        self._callbacks = []
        self._state = _PENDING

    def __repr__(self):
        return '<' + type(self).__name__ + ' ' + ' '.join(self._repr_info()) + '>'

    def _repr_info(self):
        info = [self._state.lower()]
        if self._state == _FINISHED:
            if self._exception is not None:
                info.append('exception=' + repr(self._exception))
            else:
                info.append('result=' + _short_repr(self._result))
        cbs = self._callbacks
        if cbs:
            if len(cbs) > 2:
                shown = [_cb_name(cbs[0]), '<' + str(len(cbs) - 2) + ' more>', _cb_name(cbs[-1])]
            else:
                shown = [_cb_name(cb) for cb in cbs]
            info.append('cb=[' + ', '.join(shown) + ']')
        return info

    def get_loop(self):
        return self._loop

    def cancel(self, msg=None):
        if self._state != _PENDING:
            return False
        self._state = _CANCELLED
        self._cancel_message = msg
        self._schedule_callbacks()
        return True

    def _schedule_callbacks(self):
        callbacks = self._callbacks[:]
        if not callbacks:
            return
        self._callbacks[:] = []
        for callback in callbacks:
            self._loop.call_soon(callback, self)

    def cancelled(self):
        return self._state == _CANCELLED

    def done(self):
        return self._state != _PENDING

    def _make_cancelled_error(self):
        if self._cancel_message is None:
            return CancelledError()
        return CancelledError(self._cancel_message)

    def result(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise InvalidStateError('Result is not set.')
        self._log_traceback = False
        if self._exception is not None:
            raise self._exception
        return self._result

    def exception(self):
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise InvalidStateError('Exception is not set.')
        self._log_traceback = False
        return self._exception

    def add_done_callback(self, fn, *, context=None):
        if self._state != _PENDING:
            self._loop.call_soon(fn, self)
        else:
            self._callbacks.append(fn)

    def remove_done_callback(self, fn):
        kept = [f for f in self._callbacks if f != fn]
        removed = len(self._callbacks) - len(kept)
        if removed:
            self._callbacks[:] = kept
        return removed

    def set_result(self, result):
        if self._state != _PENDING:
            raise InvalidStateError(self._state + ': ' + repr(self))
        self._result = result
        self._state = _FINISHED
        self._schedule_callbacks()

    def set_exception(self, exception):
        if self._state != _PENDING:
            raise InvalidStateError(self._state + ': ' + repr(self))
        if isinstance(exception, type):
            exception = exception()
        if type(exception) is StopIteration:
            raise TypeError('StopIteration interacts badly with generators and cannot be raised into a Future')
        self._exception = exception
        self._state = _FINISHED
        self._schedule_callbacks()
        self._log_traceback = True

    def __await__(self):
        if not self.done():
            self._asyncio_future_blocking = True
            yield self
        if not self.done():
            raise RuntimeError("await wasn't used with future")
        return self.result()

    __iter__ = __await__

def _short_repr(v):
    r = repr(v)
    if len(r) > 20:
        r = r[:9] + '...' + r[-8:]
    return r

def _set_result_unless_cancelled(fut, result):
    if fut.cancelled():
        return
    fut.set_result(result)

def _coro_repr(coro):
    name = (getattr(coro, '__qualname__', None) or type(coro).__name__) + '()'
    where = _coro_where(coro)
    if where is None:
        return name
    filename, line, running = where
    if running:
        return name + ' running at ' + filename + ':' + str(line)
    return name + ' done, defined at ' + filename + ':' + str(line)

class Task(Future):
    def __init__(self, coro, *, loop=None, name=None, context=None):
        global _task_counter
        super().__init__(loop=loop)
        if not iscoroutine(coro):
            raise TypeError('a coroutine was expected, got ' + repr(coro))
        if name is None:
            _task_counter += 1
            self._name = 'Task-' + str(_task_counter)
        else:
            self._name = str(name)
        self._must_cancel = False
        self._fut_waiter = None
        self._coro = coro
        self._num_cancels_requested = 0
        self._loop.call_soon(self._step)
        self._loop._tasks.append(self)

    def __repr__(self):
        info = self._repr_info()
        info.insert(1, 'name=' + repr(self._name))
        info.insert(2, 'coro=<' + _coro_repr(self._coro) + '>')
        if self._fut_waiter is not None:
            info.append('wait_for=' + repr(self._fut_waiter))
        return '<Task ' + ' '.join(info) + '>'

    def get_coro(self):
        return self._coro

    def get_name(self):
        return self._name

    def set_name(self, value):
        self._name = str(value)

    def get_context(self):
        return None

    def set_result(self, result):
        raise RuntimeError('Task does not support set_result operation')

    def set_exception(self, exception):
        raise RuntimeError('Task does not support set_exception operation')

    def get_stack(self, *, limit=None):
        return []

    def cancelling(self):
        return self._num_cancels_requested

    def uncancel(self):
        if self._num_cancels_requested > 0:
            self._num_cancels_requested -= 1
        return self._num_cancels_requested

    def cancel(self, msg=None):
        if self.done():
            return False
        self._num_cancels_requested += 1
        if self._fut_waiter is not None:
            if self._fut_waiter.cancel(msg=msg):
                return True
        self._must_cancel = True
        self._cancel_message = msg
        return True

    def _finish(self):
        try:
            self._loop._tasks.remove(self)
        except ValueError:
            pass

    def _step(self, exc=None):
        if self.done():
            raise InvalidStateError('_step(): already done: ' + repr(self) + ', ' + repr(exc))
        if self._must_cancel:
            if not isinstance(exc, CancelledError):
                exc = self._make_cancelled_error()
            self._must_cancel = False
        self._fut_waiter = None
        coro = self._coro
        loop = self._loop
        prev = _current_tasks.get(id(loop))
        _current_tasks[id(loop)] = self
        try:
            if exc is None:
                result = coro.send(None)
            else:
                result = coro.throw(exc)
        except StopIteration as e:
            if self._must_cancel:
                self._must_cancel = False
                Future.cancel(self, msg=self._cancel_message)
            else:
                Future.set_result(self, e.value)
            self._finish()
        except CancelledError as e:
            self._cancelled_exc = e
            Future.cancel(self)
            self._finish()
        except (KeyboardInterrupt, SystemExit) as e:
            Future.set_exception(self, e)
            self._finish()
            raise
        except BaseException as e:
            Future.set_exception(self, e)
            self._finish()
        else:
            blocking = getattr(result, '_asyncio_future_blocking', None)
            if blocking is not None:
                if result._loop is not self._loop:
                    new_exc = RuntimeError('Task ' + repr(self) + ' got Future ' + repr(result) + ' attached to a different loop')
                    self._loop.call_soon(self._step, new_exc)
                elif blocking:
                    if result is self:
                        new_exc = RuntimeError('Task cannot await on itself: ' + repr(self))
                        self._loop.call_soon(self._step, new_exc)
                    else:
                        result._asyncio_future_blocking = False
                        result.add_done_callback(self.task_wakeup)
                        self._fut_waiter = result
                        if self._must_cancel:
                            if self._fut_waiter.cancel(msg=self._cancel_message):
                                self._must_cancel = False
                else:
                    new_exc = RuntimeError('yield was used instead of yield from in task ' + repr(self) + ' with ' + repr(result))
                    self._loop.call_soon(self._step, new_exc)
            elif result is None:
                self._loop.call_soon(self._step)
            else:
                new_exc = RuntimeError('Task got bad yield: ' + repr(result))
                self._loop.call_soon(self._step, new_exc)
        finally:
            if prev is None:
                _current_tasks.pop(id(loop), None)
            else:
                _current_tasks[id(loop)] = prev
            self = None

    def task_wakeup(self, future):
        try:
            future.result()
        except BaseException as exc:
            self._step(exc)
        else:
            self._step()

def current_task(loop=None):
    if loop is None:
        loop = get_running_loop()
    return _current_tasks.get(id(loop))

def all_tasks(loop=None):
    if loop is None:
        loop = get_running_loop()
    return {t for t in loop._tasks if not t.done()}

def create_task(coro, *, name=None, context=None):
    return get_running_loop().create_task(coro, name=name)

async def _wrap_awaitable(awaitable):
    return await awaitable

def ensure_future(coro_or_future, *, loop=None):
    if isfuture(coro_or_future):
        if loop is not None and loop is not coro_or_future.get_loop():
            raise ValueError('The future belongs to a different loop than the one specified as the loop argument')
        return coro_or_future
    if iscoroutine(coro_or_future):
        if loop is None:
            loop = get_event_loop()
        return loop.create_task(coro_or_future)
    if hasattr(type(coro_or_future), '__await__'):
        if loop is None:
            loop = get_event_loop()
        return loop.create_task(_wrap_awaitable(coro_or_future))
    raise TypeError('An asyncio.Future, a coroutine or an awaitable is required')

@coroutine
def __sleep0():
    yield

async def sleep(delay, result=None):
    if delay <= 0:
        await __sleep0()
        return result
    loop = get_running_loop()
    future = loop.create_future()
    h = loop.call_later(delay, _set_result_unless_cancelled, future, result)
    try:
        return await future
    finally:
        h.cancel()

class _GatheringFuture(Future):
    def __init__(self, children, *, loop):
        super().__init__(loop=loop)
        self._children = children
        self._cancel_requested = False

    def cancel(self, msg=None):
        if self.done():
            return False
        ret = False
        for child in self._children:
            if child.cancel(msg=msg):
                ret = True
        if ret:
            self._cancel_requested = True
        return ret

def gather(*coros_or_futures, return_exceptions=False):
    if not coros_or_futures:
        loop = get_event_loop()
        outer = loop.create_future()
        outer.set_result([])
        return outer
    state = {'nfinished': 0}
    arg_to_fut = {}
    children = []
    loop = None
    for arg in coros_or_futures:
        key = id(arg)
        if key not in arg_to_fut:
            fut = ensure_future(arg, loop=loop)
            if loop is None:
                loop = fut.get_loop()
            arg_to_fut[key] = (arg, fut)
        else:
            fut = arg_to_fut[key][1]
        children.append(fut)
    nfuts = len(arg_to_fut)
    outer = _GatheringFuture(children, loop=loop)

    def _done_callback(fut):
        state['nfinished'] += 1
        if outer.done():
            if not fut.cancelled():
                fut.exception()
            return
        if not return_exceptions:
            if fut.cancelled():
                outer.set_exception(fut._make_cancelled_error())
                return
            exc = fut.exception()
            if exc is not None:
                outer.set_exception(exc)
                return
        if state['nfinished'] == nfuts:
            results = []
            for f in children:
                if f.cancelled():
                    res = f._make_cancelled_error()
                else:
                    res = f.exception()
                    if res is None:
                        res = f.result()
                results.append(res)
            if outer._cancel_requested:
                outer.set_exception(CancelledError())
            else:
                outer.set_result(results)

    for _arg, fut in arg_to_fut.values():
        fut.add_done_callback(_done_callback)
    return outer

def shield(arg):
    inner = ensure_future(arg)
    if inner.done():
        return inner
    loop = inner.get_loop()
    outer = loop.create_future()

    def _inner_done_callback(inner):
        if outer.cancelled():
            if not inner.cancelled():
                inner.exception()
            return
        if inner.cancelled():
            outer.cancel()
        else:
            exc = inner.exception()
            if exc is not None:
                outer.set_exception(exc)
            else:
                outer.set_result(inner.result())

    def _outer_done_callback(outer):
        if not inner.done():
            inner.remove_done_callback(_inner_done_callback)

    inner.add_done_callback(_inner_done_callback)
    outer.add_done_callback(_outer_done_callback)
    return outer

def _release_waiter(waiter, *args):
    if not waiter.done():
        waiter.set_result(None)

async def _cancel_and_wait(fut):
    loop = get_running_loop()
    waiter = loop.create_future()
    cb = lambda f: _release_waiter(waiter)
    fut.add_done_callback(cb)
    try:
        fut.cancel()
        await waiter
    finally:
        fut.remove_done_callback(cb)

async def wait_for(fut, timeout):
    loop = get_running_loop()
    if timeout is None:
        return await fut
    if timeout <= 0:
        fut = ensure_future(fut, loop=loop)
        if fut.done():
            return fut.result()
        await _cancel_and_wait(fut)
        try:
            return fut.result()
        except CancelledError as exc:
            raise TimeoutError() from exc
    waiter = loop.create_future()
    timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    cb = lambda f: _release_waiter(waiter)
    fut = ensure_future(fut, loop=loop)
    fut.add_done_callback(cb)
    try:
        try:
            await waiter
        except CancelledError:
            if fut.done():
                return fut.result()
            else:
                fut.remove_done_callback(cb)
                await _cancel_and_wait(fut)
                raise
        if fut.done():
            return fut.result()
        else:
            fut.remove_done_callback(cb)
            await _cancel_and_wait(fut)
            try:
                return fut.result()
            except CancelledError as exc:
                raise TimeoutError() from exc
    finally:
        timeout_handle.cancel()

async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
    if isfuture(fs) or iscoroutine(fs):
        raise TypeError('expect a list of futures, not ' + type(fs).__name__)
    if not fs:
        raise ValueError('Set of Tasks/Futures is empty.')
    if return_when not in (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED):
        raise ValueError('Invalid return_when value: ' + str(return_when))
    loop = get_running_loop()
    fs = set(fs)
    if any(iscoroutine(f) for f in fs):
        raise TypeError('Passing coroutines is forbidden, use tasks explicitly.')
    waiter = loop.create_future()
    timeout_handle = None
    if timeout is not None:
        timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    counter = {'n': len(fs)}

    def _on_completion(f):
        counter['n'] -= 1
        if (counter['n'] <= 0 or return_when == FIRST_COMPLETED or
                return_when == FIRST_EXCEPTION and (not f.cancelled() and f.exception() is not None)):
            if timeout_handle is not None:
                timeout_handle.cancel()
            if not waiter.done():
                waiter.set_result(None)

    for f in fs:
        f.add_done_callback(_on_completion)
    try:
        await waiter
    finally:
        if timeout_handle is not None:
            timeout_handle.cancel()
        for f in fs:
            f.remove_done_callback(_on_completion)
    done, pending = set(), set()
    for f in fs:
        if f.done():
            done.add(f)
        else:
            pending.add(f)
    return done, pending

def as_completed(fs, *, timeout=None):
    if isfuture(fs) or iscoroutine(fs):
        raise TypeError('expect an iterable of futures, not ' + type(fs).__name__)
    loop = get_event_loop()
    todo = {ensure_future(f, loop=loop) for f in set(fs)}
    done = Queue()

    def _on_completion(f):
        if not todo:
            return
        todo.remove(f)
        done.put_nowait(f)

    async def _wait_for_one():
        f = await done.get()
        if f is None:
            raise TimeoutError
        return f.result()

    for f in todo:
        f.add_done_callback(_on_completion)
    for _ in range(len(todo)):
        yield _wait_for_one()

class Timeout:
    def __init__(self, when):
        self._when = when
        self._timeout_handler = None
        self._task = None
        self._expired = False

    def when(self):
        return self._when

    def reschedule(self, when):
        if self._timeout_handler is not None:
            self._timeout_handler.cancel()
        self._when = when
        if when is None:
            self._timeout_handler = None
        else:
            loop = get_running_loop()
            if when <= loop.time():
                self._timeout_handler = loop.call_soon(self._on_timeout)
            else:
                self._timeout_handler = loop.call_at(when, self._on_timeout)

    def expired(self):
        return self._expired

    async def __aenter__(self):
        self._task = current_task()
        if self._task is None:
            raise RuntimeError('Timeout should be used inside a task')
        self.reschedule(self._when)
        return self

    async def __aexit__(self, exc_type, exc_val, exc_tb):
        if self._timeout_handler is not None:
            self._timeout_handler.cancel()
            self._timeout_handler = None
        if self._expired and exc_type is CancelledError:
            self._task.uncancel()
            raise TimeoutError from exc_val
        return None

    def _on_timeout(self):
        self._task.cancel()
        self._expired = True
        self._timeout_handler = None

class TaskGroup:
    # A group of child tasks tied to the task that runs `async with TaskGroup() as tg`. Leaving the block
    # waits for every child. The first child failure cancels the other children and the body; then all the
    # failures (and the body's own exception) are raised together as one exception group. A child's
    # KeyboardInterrupt or SystemExit is raised as itself.

    def __init__(self):
        self._loop = None
        self._parent = None
        self._entered = False
        self._exiting = False
        self._aborting = False
        self._parent_cancelled = False
        self._tasks = set()
        self._errors = []
        self._fatal = None
        self._emptied = None

    def __repr__(self):
        words = []
        if self._tasks:
            words.append('tasks=' + str(len(self._tasks)))
        if self._errors:
            words.append('errors=' + str(len(self._errors)))
        if self._aborting:
            words.append('cancelling')
        elif self._entered:
            words.append('entered')
        return '<TaskGroup' + ''.join(' ' + w for w in words) + '>'

    async def __aenter__(self):
        if self._entered:
            raise RuntimeError('TaskGroup ' + repr(self) + ' has been already entered')
        self._entered = True
        if self._loop is None:
            self._loop = get_running_loop()
        self._parent = current_task(self._loop)
        if self._parent is None:
            raise RuntimeError('TaskGroup ' + repr(self) + ' cannot determine the parent task')
        return self

    async def __aexit__(self, et, exc, tb):
        self._exiting = True
        cancel_to_raise = None
        if et is not None:
            if et is CancelledError:
                # A cancellation this group asked for (to stop the body) ends here; any other goes on.
                if not (self._parent_cancelled and not self._parent.uncancel()):
                    cancel_to_raise = exc
            if not self._aborting:
                self._abort()
        while self._tasks:
            # Our own task may be cancelled again while it waits: each time, wait again.
            if self._emptied is None:
                self._emptied = self._loop.create_future()
            try:
                await self._emptied
            except CancelledError as again:
                if not self._aborting:
                    cancel_to_raise = again
                    self._abort()
            self._emptied = None
        if self._fatal is not None:
            raise self._fatal
        if cancel_to_raise is not None and not self._errors:
            raise cancel_to_raise
        if et is not None and et is not CancelledError:
            self._errors.append(exc)
        if self._errors:
            errors = self._errors
            self._errors = None
            raise BaseExceptionGroup('unhandled errors in a TaskGroup', errors) from None

    def create_task(self, coro, *, name=None, context=None):
        if not self._entered:
            raise RuntimeError('TaskGroup ' + repr(self) + ' has not been entered')
        if self._exiting and not self._tasks:
            raise RuntimeError('TaskGroup ' + repr(self) + ' is finished')
        task = self._loop.create_task(coro, name=name)
        task.add_done_callback(self._child_done)
        self._tasks.add(task)
        return task

    def _abort(self):
        self._aborting = True
        for t in self._tasks:
            if not t.done():
                t.cancel()

    def _child_done(self, task):
        self._tasks.discard(task)
        if self._emptied is not None and not self._tasks and not self._emptied.done():
            self._emptied.set_result(True)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        self._errors.append(exc)
        if isinstance(exc, (KeyboardInterrupt, SystemExit)) and self._fatal is None:
            self._fatal = exc
        if self._parent.done():
            return
        if not self._aborting and not self._parent_cancelled:
            # Stop the other children, and the body if it is still running.
            self._abort()
            self._parent_cancelled = True
            self._parent.cancel()

def timeout(delay):
    loop = get_running_loop()
    return Timeout(loop.time() + delay if delay is not None else None)

def timeout_at(when):
    return Timeout(when)

class Event:
    def __init__(self):
        self._waiters = _deque()
        self._value = False

    def __repr__(self):
        extra = 'set' if self._value else 'unset'
        if self._waiters:
            extra = extra + ', waiters:' + str(len(self._waiters))
        return '<asyncio.locks.Event object at ' + hex(id(self)) + ' [' + extra + ']>'

    def is_set(self):
        return self._value

    def set(self):
        if not self._value:
            self._value = True
            for fut in self._waiters:
                if not fut.done():
                    fut.set_result(True)

    def clear(self):
        self._value = False

    async def wait(self):
        if self._value:
            return True
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            await fut
            return True
        finally:
            self._waiters.remove(fut)

class Lock:
    def __init__(self):
        self._waiters = None
        self._locked = False

    def locked(self):
        return self._locked

    async def acquire(self):
        if not self._locked and (self._waiters is None or all(w.cancelled() for w in self._waiters)):
            self._locked = True
            return True
        if self._waiters is None:
            self._waiters = _deque()
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            try:
                await fut
            finally:
                self._waiters.remove(fut)
        except CancelledError:
            if not self._locked:
                self._wake_up_first()
            raise
        self._locked = True
        return True

    def release(self):
        if self._locked:
            self._locked = False
            self._wake_up_first()
        else:
            raise RuntimeError('Lock is not acquired.')

    def _wake_up_first(self):
        if not self._waiters:
            return
        fut = self._waiters[0]
        if not fut.done():
            fut.set_result(True)

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()

class Semaphore:
    def __init__(self, value=1):
        if value < 0:
            raise ValueError('Semaphore initial value must be >= 0')
        self._waiters = None
        self._value = value

    def locked(self):
        return self._value == 0 or any(not w.cancelled() for w in (self._waiters or ()))

    async def acquire(self):
        if not self.locked():
            self._value -= 1
            return True
        if self._waiters is None:
            self._waiters = _deque()
        fut = get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            try:
                await fut
            finally:
                self._waiters.remove(fut)
        except CancelledError:
            if fut.done() and not fut.cancelled():
                self._value += 1
                self._wake_up_next()
            raise
        if self._value > 0:
            self._wake_up_next()
        return True

    def release(self):
        self._value += 1
        self._wake_up_next()

    def _wake_up_next(self):
        if not self._waiters:
            return False
        for fut in self._waiters:
            if not fut.done():
                self._value -= 1
                fut.set_result(True)
                return True
        return False

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()

class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        self._bound_value = value
        super().__init__(value)

    def release(self):
        if self._value >= self._bound_value:
            raise ValueError('BoundedSemaphore released too many times')
        super().release()

class Queue:
    def __init__(self, maxsize=0):
        self._maxsize = maxsize
        self._getters = _deque()
        self._putters = _deque()
        self._unfinished_tasks = 0
        self._finished = Event()
        self._finished.set()
        self._init(maxsize)

    def _init(self, maxsize):
        self._queue = _deque()

    def _get(self):
        return self._queue.popleft()

    def _put(self, item):
        self._queue.append(item)

    def _wakeup_next(self, waiters):
        while waiters:
            waiter = waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                break

    def __repr__(self):
        return '<' + type(self).__name__ + ' at ' + hex(id(self)) + ' maxsize=' + repr(self._maxsize) + '>'

    def qsize(self):
        return len(self._queue)

    @property
    def maxsize(self):
        return self._maxsize

    def empty(self):
        return not self._queue

    def full(self):
        if self._maxsize <= 0:
            return False
        return self.qsize() >= self._maxsize

    async def put(self, item):
        while self.full():
            putter = get_running_loop().create_future()
            self._putters.append(putter)
            try:
                await putter
            except:
                putter.cancel()
                try:
                    self._putters.remove(putter)
                except ValueError:
                    pass
                if not self.full() and not putter.cancelled():
                    self._wakeup_next(self._putters)
                raise
        return self.put_nowait(item)

    def put_nowait(self, item):
        if self.full():
            raise QueueFull
        self._put(item)
        self._unfinished_tasks += 1
        self._finished.clear()
        self._wakeup_next(self._getters)

    async def get(self):
        while self.empty():
            getter = get_running_loop().create_future()
            self._getters.append(getter)
            try:
                await getter
            except:
                getter.cancel()
                try:
                    self._getters.remove(getter)
                except ValueError:
                    pass
                if not self.empty() and not getter.cancelled():
                    self._wakeup_next(self._getters)
                raise
        return self.get_nowait()

    def get_nowait(self):
        if self.empty():
            raise QueueEmpty
        item = self._get()
        self._wakeup_next(self._putters)
        return item

    def task_done(self):
        if self._unfinished_tasks <= 0:
            raise ValueError('task_done() called too many times')
        self._unfinished_tasks -= 1
        if self._unfinished_tasks == 0:
            self._finished.set()

    async def join(self):
        if self._unfinished_tasks > 0:
            await self._finished.wait()

class PriorityQueue(Queue):
    def _init(self, maxsize):
        self._queue = []

    def _put(self, item):
        _heapq.heappush(self._queue, item)

    def _get(self):
        return _heapq.heappop(self._queue)

class LifoQueue(Queue):
    def _init(self, maxsize):
        self._queue = []

    def _put(self, item):
        self._queue.append(item)

    def _get(self):
        return self._queue.pop()

def _cancel_all_tasks(loop):
    to_cancel = all_tasks(loop)
    if not to_cancel:
        return
    for task in to_cancel:
        task.cancel()
    loop.run_until_complete(gather(*to_cancel, return_exceptions=True))
    for task in to_cancel:
        if task.cancelled():
            continue
        if task.exception() is not None:
            loop.call_exception_handler({
                'message': 'unhandled exception during asyncio.run() shutdown',
                'exception': task.exception(),
                'task': task,
            })

class Runner:
    def __init__(self, *, debug=None, loop_factory=None):
        self._loop = None
        self._debug = debug
        self._loop_factory = loop_factory
        self._closed = False

    def __enter__(self):
        self._lazy_init()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.close()

    def get_loop(self):
        self._lazy_init()
        return self._loop

    def _lazy_init(self):
        if self._closed:
            raise RuntimeError('Runner is closed')
        if self._loop is None:
            self._loop = new_event_loop() if self._loop_factory is None else self._loop_factory()
            if self._loop_factory is None:
                set_event_loop(self._loop)
            if self._debug is not None:
                self._loop.set_debug(self._debug)

    def run(self, coro, *, context=None):
        if not iscoroutine(coro):
            raise ValueError('a coroutine was expected, got ' + repr(coro))
        if _running_loop is not None:
            raise RuntimeError('Runner.run() cannot be called from a running event loop')
        self._lazy_init()
        task = self._loop.create_task(coro)
        return self._loop.run_until_complete(task)

    def close(self):
        if self._closed or self._loop is None:
            self._closed = True
            return
        loop = self._loop
        try:
            _cancel_all_tasks(loop)
            loop.run_until_complete(loop.shutdown_asyncgens())
        finally:
            if self._loop_factory is None:
                set_event_loop(None)
            loop.close()
            self._loop = None
            self._closed = True

def run(main, *, debug=None):
    if _running_loop is not None:
        raise RuntimeError('asyncio.run() cannot be called from a running event loop')
    runner = Runner(debug=debug)
    try:
        result = runner.run(main)
    finally:
        runner.close()
    return result
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "asyncio",
        "A single-threaded event loop for coroutines, tasks and futures (no I/O).",
        &[
            ("_coroutine", types_coroutine),
            ("_iscoroutinefunction", iscoroutinefunction),
            ("_coro_where", coro_where),
        ],
        SOURCE,
    )
}
