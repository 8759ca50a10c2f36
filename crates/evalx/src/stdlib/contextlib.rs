//! `contextlib`: `contextmanager` (generator-based context managers, usable as decorators too),
//! `ContextDecorator`, `AbstractContextManager`, `suppress`, `closing`, `nullcontext`, `redirect_stdout`,
//! `redirect_stderr` and `ExitStack` (`enter_context`, `push`, `callback`, `pop_all`, `close`), with
//! CPython 3.11's semantics for exceptions thrown into the generator, suppression and chaining; the async
//! side: `asynccontextmanager`, `AsyncContextDecorator`, `AbstractAsyncContextManager`, `aclosing` and
//! `AsyncExitStack`; and `chdir` (through `os.chdir`, so the host's file policy decides).
//!
//! `redirect_stdout` works by rebinding `sys.stdout`; [`redirected_stdout`] is how `print()` without a
//! `file` notices it (CPython's `print` looks `sys.stdout` up on every call too).

use crate::interp::{Interp, PyResult};
use crate::value::Value;

const SOURCE: &str = r#"
import sys as _sys
from functools import wraps as _wraps

class AbstractContextManager:
    def __enter__(self):
        return self
    def __exit__(self, exc_type, exc_value, traceback):
        return None

def _protocol_hooks(abc, names):
    # `abc.__subclasshook__` and the `_abc_impl` check isinstance/issubclass use: a class is one when
    # it has every method of `names` (the abc's subclasses answer as any class does).
    def check(cls, C):
        return cls is abc and all(hasattr(C, n) for n in names)
    def __subclasshook__(cls, C):
        if cls is abc:
            return check(cls, C)
        return NotImplemented
    __subclasshook__.__qualname__ = abc.__name__ + '.__subclasshook__'
    abc.__subclasshook__ = classmethod(__subclasshook__)
    abc._abc_impl = check

_protocol_hooks(AbstractContextManager, ('__enter__', '__exit__'))

class ContextDecorator:
    def _recreate_cm(self):
        return self
    def __call__(self, func):
        @_wraps(func)
        def inner(*args, **kwds):
            with self._recreate_cm():
                return func(*args, **kwds)
        return inner

class _GeneratorContextManager(ContextDecorator, AbstractContextManager):
    def __init__(self, func, args, kwds):
        self.gen = func(*args, **kwds)
        self.func, self.args, self.kwds = func, args, kwds
        doc = getattr(func, "__doc__", None)
        if doc is None:
            doc = type(self).__doc__
        self.__doc__ = doc

    def _recreate_cm(self):
        return self.__class__(self.func, self.args, self.kwds)

    def __enter__(self):
        del self.args, self.kwds, self.func
        try:
            return next(self.gen)
        except StopIteration:
            raise RuntimeError("generator didn't yield") from None

    def __exit__(self, typ, value, traceback):
        if typ is None:
            try:
                next(self.gen)
            except StopIteration:
                return False
            else:
                raise RuntimeError("generator didn't stop")
        if value is None:
            value = typ()
        try:
            self.gen.throw(value)
        except StopIteration as exc:
            return exc is not value
        except RuntimeError as exc:
            if exc is value:
                return False
            if isinstance(value, StopIteration) and exc.__cause__ is value:
                return False
            raise
        except BaseException as exc:
            if exc is not value:
                raise
            return False
        raise RuntimeError("generator didn't stop after throw()")

def contextmanager(func):
    """Make a generator function into a context manager factory: the\n    code before its yield runs on entry, the code after on exit."""
    @_wraps(func)
    def helper(*args, **kwds):
        return _GeneratorContextManager(func, args, kwds)
    return helper

class closing(AbstractContextManager):
    def __init__(self, thing):
        self.thing = thing
    def __enter__(self):
        return self.thing
    def __exit__(self, *exc_info):
        self.thing.close()

class nullcontext(AbstractContextManager):
    def __init__(self, enter_result=None):
        self.enter_result = enter_result
    def __enter__(self):
        return self.enter_result
    def __exit__(self, *excinfo):
        pass

class _RedirectStream(AbstractContextManager):
    _stream = None
    def __init__(self, new_target):
        self._new_target = new_target
        self._old_targets = []
    def __enter__(self):
        self._old_targets.append(getattr(_sys, self._stream))
        setattr(_sys, self._stream, self._new_target)
        return self._new_target
    def __exit__(self, exctype, excinst, exctb):
        setattr(_sys, self._stream, self._old_targets.pop())

class redirect_stdout(_RedirectStream):
    _stream = "stdout"

class redirect_stderr(_RedirectStream):
    _stream = "stderr"

class suppress(AbstractContextManager):
    def __init__(self, *exceptions):
        self._exceptions = exceptions
    def __enter__(self):
        pass
    def __exit__(self, exctype, excinst, exctb):
        return exctype is not None and issubclass(exctype, self._exceptions)

def _chain_onto(new_exc, old):
    # A callback's exception replaces the one being handled: its chain of contexts ends in that one, as
    # if it had been raised while handling it.
    if old is not None and old is not new_exc:
        ctx = new_exc
        while ctx.__context__ is not None and ctx.__context__ is not old:
            ctx = ctx.__context__
        if ctx.__context__ is None:
            ctx.__context__ = old

class _BaseExitStack:
    def __init__(self):
        self._exit_callbacks = []

    def pop_all(self):
        new_stack = type(self)()
        new_stack._exit_callbacks = self._exit_callbacks
        self._exit_callbacks = []
        return new_stack

    def push(self, exit):
        _cb_type = type(exit)
        try:
            exit_method = _cb_type.__exit__
        except AttributeError:
            self._exit_callbacks.append(exit)
        else:
            self._push_cm_exit(exit, exit_method)
        return exit

    def enter_context(self, cm):
        cls = type(cm)
        try:
            _enter = cls.__enter__
            _exit = cls.__exit__
        except AttributeError:
            raise TypeError("'" + cls.__module__ + "." + cls.__qualname__ +
                            "' object does not support the context manager protocol") from None
        result = _enter(cm)
        self._push_cm_exit(cm, _exit)
        return result

    def callback(self, callback, /, *args, **kwds):
        def _exit_wrapper(exc_type, exc, tb):
            callback(*args, **kwds)
        _exit_wrapper.__wrapped__ = callback
        self._exit_callbacks.append(_exit_wrapper)
        return callback

    def _push_cm_exit(self, cm, cm_exit):
        def _exit_wrapper(exc_type, exc, tb):
            return cm_exit(cm, exc_type, exc, tb)
        _exit_wrapper.__self__ = cm
        self._exit_callbacks.append(_exit_wrapper)

class ExitStack(_BaseExitStack, AbstractContextManager):
    def __enter__(self):
        return self

    def __exit__(self, *exc_details):
        received_exc = exc_details[0] is not None
        suppressed_exc = False
        pending = None
        details = exc_details
        while self._exit_callbacks:
            cb = self._exit_callbacks.pop()
            try:
                if cb(*details):
                    suppressed_exc = True
                    pending = None
                    details = (None, None, None)
            except BaseException as new_exc:
                _chain_onto(new_exc, details[1])
                pending = new_exc
                details = (type(new_exc), new_exc, new_exc.__traceback__)
        if pending is not None:
            fixed = pending.__context__
            try:
                raise pending
            except BaseException:
                pending.__context__ = fixed
                raise
        return received_exc and suppressed_exc

    def close(self):
        self.__exit__(None, None, None)

class AbstractAsyncContextManager:
    async def __aenter__(self):
        return self
    async def __aexit__(self, exc_type, exc_value, traceback):
        return None

_protocol_hooks(AbstractAsyncContextManager, ('__aenter__', '__aexit__'))

class AsyncContextDecorator:
    def _recreate_cm(self):
        return self
    def __call__(self, func):
        @_wraps(func)
        async def inner(*args, **kwds):
            async with self._recreate_cm():
                return await func(*args, **kwds)
        return inner

class _AsyncGeneratorContextManager(AsyncContextDecorator, AbstractAsyncContextManager):
    def __init__(self, func, args, kwds):
        self.gen = func(*args, **kwds)
        self.func, self.args, self.kwds = func, args, kwds
        doc = getattr(func, "__doc__", None)
        if doc is None:
            doc = type(self).__doc__
        self.__doc__ = doc

    def _recreate_cm(self):
        return self.__class__(self.func, self.args, self.kwds)

    async def __aenter__(self):
        del self.args, self.kwds, self.func
        try:
            return await self.gen.__anext__()
        except StopAsyncIteration:
            raise RuntimeError("generator didn't yield") from None

    async def __aexit__(self, typ, value, traceback):
        if typ is None:
            try:
                await self.gen.__anext__()
            except StopAsyncIteration:
                return False
            else:
                raise RuntimeError("generator didn't stop")
        if value is None:
            value = typ()
        try:
            await self.gen.athrow(value)
        except StopAsyncIteration as exc:
            return exc is not value
        except RuntimeError as exc:
            if exc is value:
                return False
            if isinstance(value, (StopIteration, StopAsyncIteration)) and exc.__cause__ is value:
                return False
            raise
        except BaseException as exc:
            if exc is not value:
                raise
            return False
        raise RuntimeError("generator didn't stop after athrow()")

def asynccontextmanager(func):
    """Make an async generator function into an async context manager factory: the\n    code before its yield runs on entry, the code after on exit."""
    @_wraps(func)
    def helper(*args, **kwds):
        return _AsyncGeneratorContextManager(func, args, kwds)
    return helper

class aclosing(AbstractAsyncContextManager):
    def __init__(self, thing):
        self.thing = thing
    async def __aenter__(self):
        return self.thing
    async def __aexit__(self, *exc_info):
        await self.thing.aclose()

class chdir(AbstractContextManager):
    def __init__(self, path):
        self.path = path
        self._old_cwd = []
    def __enter__(self):
        import os
        self._old_cwd.append(os.getcwd())
        os.chdir(self.path)
    def __exit__(self, *excinfo):
        import os
        os.chdir(self._old_cwd.pop())

class AsyncExitStack(_BaseExitStack, AbstractAsyncContextManager):
    async def enter_async_context(self, cm):
        cls = type(cm)
        try:
            _enter = cls.__aenter__
            _exit = cls.__aexit__
        except AttributeError:
            raise TypeError("'" + cls.__module__ + "." + cls.__qualname__ +
                            "' object does not support the asynchronous context manager protocol"
                            ) from None
        result = await _enter(cm)
        self._push_async_cm_exit(cm, _exit)
        return result

    def push_async_exit(self, exit):
        _cb_type = type(exit)
        try:
            exit_method = _cb_type.__aexit__
        except AttributeError:
            self._exit_callbacks.append((True, exit))
        else:
            self._push_async_cm_exit(exit, exit_method)
        return exit

    def push_async_callback(self, callback, /, *args, **kwds):
        async def _exit_wrapper(exc_type, exc, tb):
            await callback(*args, **kwds)
        _exit_wrapper.__wrapped__ = callback
        self._exit_callbacks.append((True, _exit_wrapper))
        return callback

    def _push_async_cm_exit(self, cm, cm_exit):
        async def _exit_wrapper(exc_type, exc, tb):
            return await cm_exit(cm, exc_type, exc, tb)
        _exit_wrapper.__self__ = cm
        self._exit_callbacks.append((True, _exit_wrapper))

    async def aclose(self):
        await self.__aexit__(None, None, None)

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc_details):
        received_exc = exc_details[0] is not None
        suppressed_exc = False
        pending = None
        details = exc_details
        while self._exit_callbacks:
            cb = self._exit_callbacks.pop()
            is_async = False
            if isinstance(cb, tuple):
                is_async, cb = cb
            try:
                if is_async:
                    cb_suppress = await cb(*details)
                else:
                    cb_suppress = cb(*details)
                if cb_suppress:
                    suppressed_exc = True
                    pending = None
                    details = (None, None, None)
            except BaseException as new_exc:
                _chain_onto(new_exc, details[1])
                pending = new_exc
                details = (type(new_exc), new_exc, new_exc.__traceback__)
        if pending is not None:
            fixed = pending.__context__
            try:
                raise pending
            except BaseException:
                pending.__context__ = fixed
                raise
        return received_exc and suppressed_exc
"#;

/// `sys.stdout` when a program rebound it (`redirect_stdout`, or `sys.stdout = ...`): where `print()`
/// without `file` writes instead of the host's output. `None` while it is the original stream.
pub(crate) fn redirected_stdout(it: &Interp) -> Option<Value> {
    let sys = it.modules.borrow().get_str("sys").cloned();
    let Some(Value::Module(m)) = sys else {
        return None;
    };
    let d = m.dict.borrow();
    let now = d.get_str("stdout")?;
    let orig = d.get_str("__stdout__")?;
    if now.is(orig) {
        return None;
    }
    Some(now.clone())
}

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "contextlib",
        "Utilities for with-statement contexts.  See PEP 343.",
        &[],
        SOURCE,
    )
}
