//! `_thread`: starting threads, their idents, and the lock everything else (`threading`, `queue`,
//! `concurrent.futures`) is built on. Threads are evalx's green threads (`interp/threads.rs`): a lock
//! that is held makes the thread that wants it wait, and the scheduler runs the others meanwhile.
//!
//! The lock is an ordinary evalx class (`_thread.lock`) whose state (held or not) sits in a hidden
//! attribute; its methods are Rust functions, so taking and releasing a lock is one step no other thread
//! can come between. A release wakes the longest waiter, which takes the lock when it runs again if no one
//! took it first (CPython's locks are not fair either).

use super::Kw;
use crate::interp::{Exc, Interp, PyResult};
use crate::value::{NativeState, Value};
use std::cell::RefCell;
use std::rc::Rc;

/// The hidden attribute holding a lock's state.
const SLOT: &str = "__lock_state__";

/// The longest timeout a wait accepts (CPython's `_thread.TIMEOUT_MAX` on 64-bit Linux).
const TIMEOUT_MAX: f64 = 9_223_372_036.0;

struct LockSt {
    held: bool,
}

fn state(v: &Value) -> PyResult<Rc<NativeState>> {
    if let Value::Instance(i) = v {
        if let Some(Value::Native(s)) = i.dict.borrow().get_str(SLOT) {
            if s.0.borrow().is::<LockSt>() {
                return Ok(s.clone());
            }
        }
    }
    Err(Exc::type_err(format!(
        "descriptor requires a '_thread.lock' object but received a '{}'",
        crate::builtins::type_name(v)
    )))
}

fn held(st: &NativeState) -> bool {
    st.0.borrow()
        .downcast_ref::<LockSt>()
        .is_some_and(|l| l.held)
}

fn set_held(st: &NativeState, h: bool) {
    if let Some(l) = st.0.borrow_mut().downcast_mut::<LockSt>() {
        l.held = h;
    }
}

fn lock_init(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if let Some(Value::Instance(i)) = args.first() {
        let st = NativeState(RefCell::new(Box::new(LockSt { held: false })));
        i.dict
            .borrow_mut()
            .set_str(SLOT, Value::Native(Rc::new(st)));
    }
    Ok(Value::None)
}

fn float_arg(v: &Value, what: &str) -> PyResult<f64> {
    match crate::num::to_f64(v)? {
        Some(f) => Ok(f),
        None => Err(Exc::type_err(format!(
            "'{}' object cannot be interpreted as {what}",
            crate::builtins::type_name(v)
        ))),
    }
}

/// `acquire(blocking=True, timeout=-1)`'s arguments: `None` = do not wait, `Some(None)` = wait forever,
/// `Some(Some(t))` = wait up to `t` seconds.
pub(crate) fn wait_args(
    it: &mut Interp,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Option<Option<f64>>> {
    let mut blocking = args.get(1).cloned();
    let mut timeout = args.get(2).cloned();
    if args.len() > 3 {
        return Err(Exc::type_err(format!(
            "{name}() takes at most 2 arguments ({} given)",
            args.len() - 1
        )));
    }
    for (k, v) in kw {
        match &**k {
            "blocking" if blocking.is_none() => blocking = Some(v.clone()),
            "timeout" if timeout.is_none() => timeout = Some(v.clone()),
            _ => {
                return Err(Exc::type_err(format!(
                    "'{k}' is an invalid keyword argument for {name}()"
                )));
            }
        }
    }
    let blocking = match blocking {
        Some(b) => it.truthy(&b)?,
        None => true,
    };
    let timeout = match timeout {
        Some(t) => float_arg(&t, "a float")?,
        None => -1.0,
    };
    if timeout.is_nan() {
        return Err(Exc::value_err("Invalid value NaN (not a number)"));
    }
    if timeout.abs() > 9_223_372_036.854_775 {
        return Err(Exc::new(
            "OverflowError",
            "timestamp out of range for platform time_t",
        ));
    }
    if !blocking {
        if timeout != -1.0 {
            return Err(Exc::value_err(
                "can't specify a timeout for a non-blocking call",
            ));
        }
        return Ok(None);
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(Exc::value_err("timeout value must be positive"));
    }
    if timeout > TIMEOUT_MAX {
        return Err(Exc::new("OverflowError", "timeout value is too large"));
    }
    Ok(Some((timeout >= 0.0).then_some(timeout)))
}

/// Takes the lock behind `st`, waiting as `wait` says; whether it was taken.
pub(crate) fn acquire_state(
    it: &mut Interp,
    st: &Rc<NativeState>,
    wait: Option<Option<f64>>,
) -> PyResult<bool> {
    if !held(st) {
        set_held(st, true);
        return Ok(true);
    }
    let timeout = match wait {
        None | Some(Some(0.0)) => return Ok(false),
        Some(t) => t,
    };
    let key = Rc::as_ptr(st) as *const u8 as usize;
    let start = if timeout.is_some() {
        Some(std::time::Instant::now())
    } else {
        None
    };
    let slept0 = it.policy.host_time.slept.get();
    loop {
        let left = match (timeout, start) {
            (Some(t), Some(s)) => {
                let passed = s.elapsed().as_secs_f64() + (it.policy.host_time.slept.get() - slept0);
                let left = t - passed;
                if left <= 0.0 {
                    return Ok(false);
                }
                Some(left)
            }
            _ => None,
        };
        let woken = it.wait_on(key, left, "waits for a lock")?;
        if !held(st) {
            set_held(st, true);
            return Ok(true);
        }
        if !woken && left.is_some() {
            // The timeout passed (the loop's check ends it unless time was left over).
            continue;
        }
    }
}

/// Releases the lock behind `st` and wakes one waiter.
pub(crate) fn release_state(it: &mut Interp, st: &Rc<NativeState>) -> PyResult<()> {
    if !held(st) {
        return Err(Exc::new("RuntimeError", "release unlocked lock"));
    }
    set_held(st, false);
    let key = Rc::as_ptr(st) as *const u8 as usize;
    it.notify_waiters(key, 1);
    Ok(())
}

fn this(args: &[Value]) -> PyResult<Rc<NativeState>> {
    match args.first() {
        Some(v) => state(v),
        None => Err(Exc::type_err("descriptor needs an argument")),
    }
}

fn lock_acquire(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let st = this(args)?;
    let wait = wait_args(it, "acquire", args, kw)?;
    acquire_state(it, &st, wait).map(Value::bool)
}

fn lock_enter(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let st = this(args)?;
    acquire_state(it, &st, Some(None)).map(Value::bool)
}

fn lock_release(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    crate::methods::arity("release", args, 1, 1)?;
    let st = this(args)?;
    release_state(it, &st)?;
    Ok(Value::None)
}

fn lock_exit(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let st = this(args)?;
    release_state(it, &st)?;
    Ok(Value::None)
}

fn lock_locked(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    crate::methods::arity("locked", args, 1, 1)?;
    let st = this(args)?;
    Ok(Value::bool(held(&st)))
}

fn start(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    super::arity("_start", args, kw, 2, 2)?;
    let name = match &args[1] {
        Value::Str(s) => s.to_string(),
        other => it.to_str(other)?.to_string(),
    };
    it.start_thread(args[0].clone(), name).map(Value::Int)
}

fn get_ident(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    super::arity("get_ident", args, kw, 0, 0)?;
    Ok(Value::Int(it.thread_ident()))
}

fn count(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    super::arity("_count", args, kw, 0, 0)?;
    Ok(Value::Int(it.thread_count() as i64 - 1))
}

fn set_name(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    super::arity("_set_name", args, kw, 1, 1)?;
    let name = it.to_str(&args[0])?.to_string();
    it.set_thread_name(name);
    Ok(Value::None)
}

fn is_main(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    super::arity("_is_main", args, kw, 0, 0)?;
    Ok(Value::bool(it.in_main_thread()))
}

/// `_thread._sleep(secs)`: waits that long while the other threads run (what `time.sleep` does once
/// there are threads).
fn sleep(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    super::arity("_sleep", args, kw, 1, 1)?;
    let secs = float_arg(&args[0], "a float")?;
    it.sleep_thread(secs)?;
    Ok(Value::None)
}

const METHODS: &[(&str, &str, crate::value::NativeFn)] = &[
    ("__init__", "lock.__init__", lock_init),
    ("acquire", "lock.acquire", lock_acquire),
    ("acquire_lock", "lock.acquire_lock", lock_acquire),
    ("__enter__", "lock.__enter__", lock_enter),
    ("release", "lock.release", lock_release),
    ("release_lock", "lock.release_lock", lock_release),
    ("__exit__", "lock.__exit__", lock_exit),
    ("locked", "lock.locked", lock_locked),
    ("locked_lock", "lock.locked_lock", lock_locked),
];

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    let m = super::module_from(
        it,
        "_thread",
        "This module provides primitive operations to write multi-threaded programs.\nThe 'threading' module provides a more convenient interface.",
        &[
            ("_start", start),
            ("get_ident", get_ident),
            ("get_native_id", get_ident),
            ("_count", count),
            ("_set_name", set_name),
            ("_is_main", is_main),
            ("_sleep", sleep),
        ],
        SOURCE,
    )?;
    super::add_methods(&m, "lock", METHODS)?;
    Ok(m)
}

/// `threading` (`py/threading.py`, on this module's lock).
pub(crate) fn threading(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "threading",
        "Thread module emulating a subset of Java's threading model.",
        &[],
        include_str!("py/threading.py"),
    )
}

/// `concurrent`, the package that holds `concurrent.futures`.
pub(crate) fn concurrent(it: &mut Interp) -> PyResult<Value> {
    super::module_from(it, "concurrent", "", &[], "")
}

/// `concurrent.futures` (`py/concurrent_futures.py`): futures, thread pools, and process pools that run
/// on the same green threads.
pub(crate) fn concurrent_futures(it: &mut Interp) -> PyResult<Value> {
    let m = super::module_from(
        it,
        "concurrent.futures",
        "Execute computations asynchronously using threads or processes.",
        &[],
        include_str!("py/concurrent_futures.py"),
    )?;
    super::bind_submodule(it, "concurrent.futures", &m)?;
    Ok(m)
}

/// `concurrent.futures._base`, `.thread` and `.process`: CPython's submodules, as views of the one
/// `concurrent.futures` module (evalx keeps it in one file).
pub(crate) fn futures_submodule(
    it: &mut Interp,
    name: &'static str,
    names: &str,
) -> PyResult<Value> {
    let src = format!("from concurrent.futures import *\nfrom concurrent.futures import {names}\n");
    let m = super::module_from(it, name, "", &[], &src)?;
    super::bind_submodule(it, name, &m)?;
    Ok(m)
}

pub(crate) fn futures_base(it: &mut Interp) -> PyResult<Value> {
    futures_submodule(
        it,
        "concurrent.futures._base",
        "Error, InvalidStateError, DoneAndNotDoneFutures, Executor, Future, _STATE_TO_DESCRIPTION_MAP",
    )
}

pub(crate) fn futures_thread(it: &mut Interp) -> PyResult<Value> {
    futures_submodule(
        it,
        "concurrent.futures.thread",
        "BrokenThreadPool, ThreadPoolExecutor, _WorkItem, _worker",
    )
}

pub(crate) fn futures_process(it: &mut Interp) -> PyResult<Value> {
    futures_submodule(
        it,
        "concurrent.futures.process",
        "BrokenProcessPool, ProcessPoolExecutor",
    )
}

/// The Python-level part: the lock class (its methods are the natives above), the reentrant lock,
/// thread-local data, and `start_new_thread`.
const SOURCE: &str = r#"
error = RuntimeError
TIMEOUT_MAX = 9223372036.0


class lock:
    __module__ = "_thread"

    def __repr__(self):
        return "<%s _thread.lock object at %#x>" % ("locked" if self.locked() else "unlocked", id(self))

LockType = lock


def allocate_lock():
    return lock()


allocate = allocate_lock


class RLock:
    # A lock its owner may take again: an owner ident and a depth over a plain lock.
    __module__ = "_thread"

    def __init__(self):
        self._block = lock()
        self._owner = None
        self._depth = 0

    def acquire(self, blocking=True, timeout=-1):
        me = get_ident()
        if self._owner == me:
            self._depth += 1
            return True
        if not self._block.acquire(blocking, timeout):
            return False
        self._owner = me
        self._depth = 1
        return True

    def release(self):
        if self._owner != get_ident():
            raise RuntimeError("cannot release un-acquired lock")
        self._depth -= 1
        if not self._depth:
            self._owner = None
            self._block.release()

    def __enter__(self):
        return self.acquire()

    def __exit__(self, t, v, tb):
        self.release()

    def _is_owned(self):
        return self._owner == get_ident()

    def _release_save(self):
        # Condition.wait: give the lock up entirely, whatever the depth, and say how to take it back.
        if not self._depth:
            raise RuntimeError("cannot release un-acquired lock")
        saved = (self._depth, self._owner)
        self._depth = 0
        self._owner = None
        self._block.release()
        return saved

    def _acquire_restore(self, saved):
        self._block.acquire()
        self._depth, self._owner = saved

    def _recursion_count(self):
        return self._depth if self._owner == get_ident() else 0

    def __repr__(self):
        return "<%s _thread.RLock object owner=%d count=%d at %#x>" % (
            "locked" if self._block.locked() else "unlocked",
            self._owner or 0, self._depth, id(self))



def start_new_thread(function, args, kwargs=None):
    if not isinstance(args, tuple):
        raise TypeError("2nd arg must be a tuple")
    if kwargs is not None and not isinstance(kwargs, dict):
        raise TypeError("optional 3rd arg must be a dictionary")
    kw = {} if kwargs is None else kwargs

    def run():
        try:
            function(*args, **kw)
        except SystemExit:
            pass
        except BaseException as e:
            import sys, traceback
            print("Exception ignored in thread started by: %r" % (function,), file=sys.stderr)
            traceback.print_exception(type(e), e, e.__traceback__, file=sys.stderr)

    return _start(run, "Thread")


start_new = start_new_thread


def exit():
    raise SystemExit


exit_thread = exit


def stack_size(size=0):
    if size != 0 and size < 32768:
        raise ValueError("size not valid: %d bytes" % size)
    return 0


def interrupt_main(signum=2):
    raise RuntimeError("interrupt_main: evalx threads share one interpreter; raise in the main thread instead")


class _local:
    # Attributes seen by one thread only: a dict per thread ident, created on the thread's first access
    # (running __init__ again there with the constructor's arguments, as the instance was made with them).
    __module__ = "_thread"

    def __new__(cls, *args, **kw):
        if (args or kw) and cls.__init__ is object.__init__:
            raise TypeError("Initialization arguments are not supported")
        self = object.__new__(cls)
        object.__setattr__(self, "_local__args", (args, kw))
        object.__setattr__(self, "_local__dicts", {get_ident(): {}})
        return self

    def __getattribute__(self, name):
        if name.startswith("_local__"):
            return object.__getattribute__(self, name)
        d = _local_dict(self)
        if name == "__dict__":
            return d
        if name in d and not _data_descriptor(type(self), name):
            return d[name]
        return object.__getattribute__(self, name)

    def __setattr__(self, name, value):
        if name == "__dict__":
            raise AttributeError("'%s' object attribute '__dict__' is read-only" % type(self).__name__)
        if _data_descriptor(type(self), name):
            return object.__setattr__(self, name, value)
        _local_dict(self)[name] = value

    def __delattr__(self, name):
        if name == "__dict__":
            raise AttributeError("'%s' object attribute '__dict__' is read-only" % type(self).__name__)
        if _data_descriptor(type(self), name):
            return object.__delattr__(self, name)
        d = _local_dict(self)
        if name not in d:
            raise AttributeError("'%s' object has no attribute '%s'" % (type(self).__name__, name))
        del d[name]



def _data_descriptor(cls, name):
    for k in cls.__mro__:
        if name in k.__dict__:
            a = k.__dict__[name]
            return hasattr(type(a), "__set__") or hasattr(type(a), "__delete__")
    return False


def _local_dict(self):
    dicts = object.__getattribute__(self, "_local__dicts")
    me = get_ident()
    d = dicts.get(me)
    if d is None:
        d = dicts[me] = {}
        args, kw = object.__getattribute__(self, "_local__args")
        init = type(self).__init__
        if init is not object.__init__:
            init(self, *args, **kw)
    return d
"#;
