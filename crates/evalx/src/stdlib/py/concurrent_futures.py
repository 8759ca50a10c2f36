"""Futures and executors: run calls on a pool of workers and collect their results.

ThreadPoolExecutor runs its workers on evalx's green threads. ProcessPoolExecutor cannot start processes
inside the sandbox: it runs its calls on the same green threads (one interpreter, shared memory, no
pickling), so programs that use it get the same results, without parallelism (see the evalx README).
"""

import threading
import itertools
import os as _os


def _cpus():
    count = getattr(_os, "cpu_count", None)
    return count() if count is not None else 1

from collections import namedtuple
from time import monotonic as _time

__all__ = ('FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED', 'CancelledError', 'TimeoutError',
           'BrokenExecutor', 'Future', 'Executor', 'wait', 'as_completed', 'ProcessPoolExecutor',
           'ThreadPoolExecutor')

FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'

_PENDING = 'PENDING'
_RUNNING = 'RUNNING'
_CANCELLED = 'CANCELLED'
_CANCELLED_AND_NOTIFIED = 'CANCELLED_AND_NOTIFIED'
_FINISHED = 'FINISHED'

_STATE_TO_DESCRIPTION_MAP = {
    _PENDING: "pending",
    _RUNNING: "running",
    _CANCELLED: "cancelled",
    _CANCELLED_AND_NOTIFIED: "cancelled",
    _FINISHED: "finished",
}


class Error(Exception):
    """Base class for the errors of this module."""
    __module__ = 'concurrent.futures._base'



class CancelledError(Error):
    """The future was cancelled."""
    __module__ = 'concurrent.futures._base'



TimeoutError = TimeoutError


class InvalidStateError(Error):
    """The future is not in a state that allows the operation."""
    __module__ = 'concurrent.futures._base'



class BrokenExecutor(RuntimeError):
    """An executor whose workers failed can take no more work."""
    __module__ = 'concurrent.futures._base'





class _Watch:
    # What wait() and as_completed() install on the futures they watch: told of each one that finishes.
    def __init__(self):
        self.lock = threading.Lock()
        self.event = threading.Event()
        self.finished = []

    def tell(self, f):
        with self.lock:
            self.finished.append(f)
        self.event.set()


class Future:
    """The result of a call that runs elsewhere: pending, running, then finished or cancelled."""
    __module__ = 'concurrent.futures._base'


    def __init__(self):
        self._condition = threading.Condition()
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._watches = []
        self._done_callbacks = []

    def _invoke_callbacks(self):
        for callback in self._done_callbacks:
            try:
                callback(self)
            except Exception:
                import logging
                logging.getLogger("concurrent.futures").exception(
                    'exception calling callback for %r', self)

    def __repr__(self):
        with self._condition:
            if self._state == _FINISHED:
                if self._exception:
                    return '<%s at %#x state=%s raised %s>' % (
                        self.__class__.__name__, id(self), _STATE_TO_DESCRIPTION_MAP[self._state],
                        self._exception.__class__.__name__)
                return '<%s at %#x state=%s returned %s>' % (
                    self.__class__.__name__, id(self), _STATE_TO_DESCRIPTION_MAP[self._state],
                    self._result.__class__.__name__)
            return '<%s at %#x state=%s>' % (
                self.__class__.__name__, id(self), _STATE_TO_DESCRIPTION_MAP[self._state])

    def cancel(self):
        with self._condition:
            if self._state in (_RUNNING, _FINISHED):
                return False
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED):
                return True
            self._state = _CANCELLED
            self._condition.notify_all()
        self._invoke_callbacks()
        return True

    def cancelled(self):
        with self._condition:
            return self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED)

    def running(self):
        with self._condition:
            return self._state == _RUNNING

    def done(self):
        with self._condition:
            return self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED)

    def _outcome(self):
        if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED):
            raise CancelledError()
        if self._exception is not None:
            try:
                raise self._exception
            finally:
                # No cycle through the traceback's frames.
                self = None
        return self._result

    def add_done_callback(self, fn):
        with self._condition:
            if self._state not in (_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED):
                self._done_callbacks.append(fn)
                return
        try:
            fn(self)
        except Exception:
            import logging
            logging.getLogger("concurrent.futures").exception('exception calling callback for %r', self)

    def _wait_done(self, timeout):
        with self._condition:
            if self._state not in (_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED):
                self._condition.wait(timeout)
            return self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED)

    def result(self, timeout=None):
        try:
            with self._condition:
                if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED):
                    raise CancelledError()
                if self._state == _FINISHED:
                    return self._outcome()
                self._condition.wait(timeout)
                if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED):
                    raise CancelledError()
                if self._state == _FINISHED:
                    return self._outcome()
                raise TimeoutError()
        finally:
            self = None

    def exception(self, timeout=None):
        with self._condition:
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED):
                raise CancelledError()
            if self._state == _FINISHED:
                return self._exception
            self._condition.wait(timeout)
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED):
                raise CancelledError()
            if self._state == _FINISHED:
                return self._exception
            raise TimeoutError()

    def set_running_or_notify_cancel(self):
        with self._condition:
            if self._state == _CANCELLED:
                self._state = _CANCELLED_AND_NOTIFIED
                for w in self._watches:
                    w.tell(self)
                return False
            if self._state == _PENDING:
                self._state = _RUNNING
                return True
            raise RuntimeError('Future in unexpected state')

    def _settle(self, attr, value):
        # Finishes the future with a result or an exception, wakes its waiters, then runs its callbacks.
        with self._condition:
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED):
                raise InvalidStateError('{}: {!r}'.format(self._state, self))
            setattr(self, attr, value)
            self._state = _FINISHED
            for w in self._watches:
                w.tell(self)
            self._condition.notify_all()
        self._invoke_callbacks()

    def set_result(self, result):
        self._settle('_result', result)

    def set_exception(self, exception):
        self._settle('_exception', exception)

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)



DoneAndNotDoneFutures = namedtuple('DoneAndNotDoneFutures', 'done not_done',
                                   module='concurrent.futures._base')


def _is_done(f):
    return f._state in (_CANCELLED_AND_NOTIFIED, _FINISHED)


def _watch(fs):
    # Installs one watch on every future of `fs` (under their locks, so none finishes unseen).
    w = _Watch()
    for f in fs:
        with f._condition:
            f._watches.append(w)
    return w


def _unwatch(fs, w):
    for f in fs:
        with f._condition:
            try:
                f._watches.remove(w)
            except ValueError:
                pass


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    """Waits until the futures in `fs` are done as `return_when` says (or `timeout` passes); returns the
    (done, not_done) sets."""
    fs = set(fs)
    until = None if timeout is None else _time() + timeout
    w = _watch(fs)
    try:
        while True:
            done = set(f for f in fs if _is_done(f))
            not_done = fs - done
            if not not_done:
                break
            if return_when == FIRST_COMPLETED and done:
                break
            if return_when == FIRST_EXCEPTION and any(
                    not f.cancelled() and f._exception is not None for f in done):
                break
            if not _await_change(w, until):
                break
            w.event.clear()
        return DoneAndNotDoneFutures(done, not_done)
    finally:
        _unwatch(fs, w)


def _await_change(w, until):
    # Waits until a watched future changes state; False when the deadline `until` passed first.
    if until is None:
        w.event.wait()
        return True
    left = until - _time()
    return left > 0 and w.event.wait(left)


def as_completed(fs, timeout=None):
    """Yields the futures of `fs` as they finish (those already done first); TimeoutError when
    `timeout` passes with some still pending."""
    until = None if timeout is None else _time() + timeout
    fs = set(fs)
    total = len(fs)
    w = _watch(fs)
    try:
        seen = set()
        pending = []
        for f in fs:
            if _is_done(f):
                seen.add(f)
                pending.append(f)
        while True:
            while pending:
                yield pending.pop(0)
            if len(seen) == total:
                return
            if not _await_change(w, until):
                raise TimeoutError('%d (of %d) futures unfinished' % (total - len(seen), total))
            with w.lock:
                got = w.finished
                w.finished = []
                w.event.clear()
            for f in got:
                if f not in seen:
                    seen.add(f)
                    pending.append(f)
    finally:
        _unwatch(fs, w)


class Executor:
    """What every executor offers: submit(), map() and shutdown(), and a with block."""
    __module__ = 'concurrent.futures._base'


    def submit(self, fn, /, *args, **kwargs):
        raise NotImplementedError()

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        until = None if timeout is None else _time() + timeout
        fs = [self.submit(fn, *args) for args in zip(*iterables)]

        def results():
            try:
                fs.reverse()
                while fs:
                    if until is None:
                        yield fs.pop().result()
                    else:
                        yield fs.pop().result(until - _time())
            finally:
                for f in fs:
                    f.cancel()
        return results()

    def shutdown(self, wait=True, *, cancel_futures=False):
        pass

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False




class BrokenThreadPool(BrokenExecutor):
    """A worker's initializer failed: the pool takes no more work."""
    __module__ = 'concurrent.futures.thread'




_pools_closing = False
_next_pool = itertools.count().__next__
_live_pools = []


def _stop_pools():
    # At the end of a run (threading's exit hooks): the idle workers of pools never shut down are told to
    # stop, and waited for, as CPython does at exit. A pool stays usable: a later run (the next REPL
    # entry, the host's next exec) that submits to it starts new workers.
    global _pools_closing
    _pools_closing = True
    try:
        for pool in list(_live_pools):
            pool._wake_all()
        for pool in list(_live_pools):
            for t in list(pool._threads):
                t.join()
            pool._reset_workers()
        _live_pools.clear()
    finally:
        _pools_closing = False


threading._register_atexit(_stop_pools)


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self):
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            self.future.set_exception(exc)
            self = None
        else:
            self.future.set_result(result)

    def __class_getitem__(cls, item):
        return cls


def _worker(pool, initializer, initargs):
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException:
            import logging
            logging.getLogger("concurrent.futures").critical('Exception in initializer:', exc_info=True)
            pool._initializer_failed()
            return
    q = pool._work_queue
    while True:
        item = q.get(block=True)
        if item is not None:
            item.run()
            del item
            pool._idle.release()
            continue
        # The stop mark: passed on so every other worker sees it too.
        q.put(None)
        return


class ThreadPoolExecutor(Executor):
    """Runs calls on up to max_workers green threads, started as work arrives."""
    __module__ = 'concurrent.futures.thread'


    def __init__(self, max_workers=None, thread_name_prefix='', initializer=None, initargs=()):
        import queue
        if max_workers is None:
            max_workers = min(32, (_cpus() or 1) + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._max_workers = max_workers
        self._work_queue = queue.SimpleQueue()
        self._idle = threading.Semaphore(0)
        self._threads = set()
        self._broken = False
        self._shutdown = False
        self._shutdown_lock = threading.Lock()
        self._thread_name_prefix = thread_name_prefix or ("ThreadPoolExecutor-%d" % _next_pool())
        self._initializer = initializer
        self._initargs = initargs

    def submit(self, fn, /, *args, **kwargs):
        with self._shutdown_lock:
            if self._broken:
                raise BrokenThreadPool(self._broken)
            if self._shutdown:
                raise RuntimeError('cannot schedule new futures after shutdown')
            if _pools_closing:
                raise RuntimeError('cannot schedule new futures after interpreter shutdown')
            f = Future()
            self._work_queue.put(_WorkItem(f, fn, args, kwargs))
            self._add_worker()
            return f

    def _add_worker(self):
        # An idle worker takes the new item; otherwise a new worker starts, up to max_workers.
        if self._idle.acquire(timeout=0):
            return
        if len(self._threads) < self._max_workers:
            name = '%s_%d' % (self._thread_name_prefix or self, len(self._threads))
            t = threading.Thread(name=name, target=_worker,
                                 args=(self, self._initializer, self._initargs))
            if not self._threads:
                _live_pools.append(self)
            self._threads.add(t)
            t.start()

    def _initializer_failed(self):
        with self._shutdown_lock:
            self._broken = ('A thread initializer failed, the thread pool '
                            'is not usable anymore')
            while True:
                try:
                    item = self._work_queue.get_nowait()
                except Exception:
                    break
                if item is not None:
                    item.future.set_exception(BrokenThreadPool(self._broken))
            self._work_queue.put(None)

    def _wake_all(self):
        self._work_queue.put(None)

    def _reset_workers(self):
        # Every worker has ended: take back the stop marks and start again from no worker.
        leftover = []
        while True:
            try:
                item = self._work_queue.get_nowait()
            except Exception:
                break
            if item is not None:
                leftover.append(item)
        for item in leftover:
            self._work_queue.put(item)
        self._threads = set()
        self._idle = threading.Semaphore(0)

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._shutdown_lock:
            self._shutdown = True
            if cancel_futures:
                while True:
                    try:
                        item = self._work_queue.get_nowait()
                    except Exception:
                        break
                    if item is not None:
                        item.future.cancel()
            self._work_queue.put(None)
        if wait:
            for t in list(self._threads):
                t.join()
            if self in _live_pools:
                _live_pools.remove(self)




class BrokenProcessPool(BrokenExecutor):
    """A worker of a process pool ended abruptly."""
    __module__ = 'concurrent.futures.process'





class ProcessPoolExecutor(ThreadPoolExecutor):
    __module__ = 'concurrent.futures.process'
    """The process pool's interface over evalx's green threads: the sandbox starts no processes, so the
    calls run in this interpreter (sharing its memory) and give the same results, one at a time."""

    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(), *,
                 max_tasks_per_child=None):
        if max_workers is None:
            max_workers = _cpus() or 1
        elif max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if max_tasks_per_child is not None:
            if type(max_tasks_per_child) is not int:
                raise TypeError("max_tasks_per_child must be an integer")
            elif max_tasks_per_child <= 0:
                raise ValueError("max_tasks_per_child must be >= 1")
        ThreadPoolExecutor.__init__(self, max_workers, "ProcessPoolExecutor-%d" % _next_pool(),
                                    initializer, initargs)

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        if chunksize < 1:
            raise ValueError("chunksize must be >= 1.")
        return ThreadPoolExecutor.map(self, fn, *iterables, timeout=timeout)


