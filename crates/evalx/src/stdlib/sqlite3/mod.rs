//! `sqlite3`: SQLite databases over [`rusqlite`] (SQLite built from the crate's bundled source, so no system
//! library is needed and every host runs the same SQLite).
//!
//! The sandbox: `":memory:"` always opens; a file opens only inside a mount the host granted, at the host
//! path the mount maps it to (read-only mounts open the database read-only, so a write raises SQLite's
//! `attempt to write a readonly database`). Memory and overlay mounts have no host file to give SQLite:
//! connecting to a file there raises `OperationalError`. `ATTACH` (and so `VACUUM INTO`, which attaches its
//! target) is refused (SQLite's attached-database limit is 0), URI filenames are not interpreted, and
//! extensions cannot be loaded: SQL reaches no file the host did not grant. A statement runs under the
//! interpreter's Limits: SQLite's progress handler stops it at the deadline, the host's interrupt or
//! the end of the instruction budget (a VM step is a tick).
//!
//! The Rust part is a few primitives on a connection (`_open`, `_exec`, `_script`...) kept in a native
//! slot of the evalx-level `Connection`; the DB-API classes are evalx code (`sqlite3.py`). A statement is
//! stepped to its end when executed (its rows are then fetched from the cursor's list).

use super::Kw;
use crate::interp::{Exc, ExcKind, Interp, PyResult};
use crate::value::{NativeState, Value};
use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{Connection, OpenFlags};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

const SOURCE: &str = include_str!("sqlite3.py");

thread_local! {
    // The interpreter running the statement now, for user functions SQLite calls back (null otherwise).
    static CURRENT: Cell<*mut Interp> = const { Cell::new(std::ptr::null_mut()) };
    // The error a user function raised, kept to re-raise a limit (deadline, interrupt) as itself.
    static PENDING: RefCell<Option<Box<Exc>>> = const { RefCell::new(None) };
}

/// Sets [`CURRENT`] for the length of one SQLite call, restoring the previous one (nested calls).
struct Running(*mut Interp);

impl Running {
    fn enter(it: &mut Interp) -> Running {
        Running(CURRENT.with(|c| c.replace(it as *mut Interp)))
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        CURRENT.with(|c| c.set(self.0));
    }
}

/// An open database and what its progress handler reads: the deadline and interrupt flag of the run now
/// stepping it (set by [`guard`] before each call into SQLite).
struct Db {
    c: Connection,
    stop: Arc<Mutex<Stop>>,
}

/// What the progress handler reads and counts: the deadline, the interrupt flag, the handler calls the
/// instruction budget still allows (`None`: no budget), and the calls made since [`guard`].
#[derive(Default)]
struct Stop {
    deadline: Option<Instant>,
    flag: Option<Arc<AtomicBool>>,
    calls_left: Option<u64>,
    calls: u64,
}

/// SQLite virtual-machine steps between two progress-handler calls; each step is charged as one tick of
/// the instruction budget.
const STEPS: u64 = 1000;

impl std::ops::Deref for Db {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.c
    }
}

fn conn(it: &mut Interp, args: &[Value]) -> PyResult<Rc<Db>> {
    let found = match args.first() {
        Some(Value::Native(s)) => s.0.borrow().downcast_ref::<Option<Rc<Db>>>().cloned(),
        _ => None,
    };
    match found {
        Some(Some(c)) => Ok(c),
        Some(None) => Err(raise(
            it,
            "ProgrammingError",
            "Cannot operate on a closed database.",
        )),
        None => Err(Exc::type_err("sqlite3: not a connection")),
    }
}

fn raise(it: &mut Interp, class: &str, msg: &str) -> Box<Exc> {
    super::module_exc(it, "sqlite3", class, msg)
}

/// An exception of SQLite's error `e`, in `sqlite3`'s hierarchy, with SQLite's message.
fn sql_err(it: &mut Interp, e: rusqlite::Error) -> Box<Exc> {
    // A limit (deadline, interrupt) met inside a user function stops the program as itself.
    if let Some(p) = PENDING.with(|p| p.borrow_mut().take()) {
        if matches!(p.kind, ExcKind::Limit(_)) {
            return p;
        }
    }
    use rusqlite::ErrorCode as C;
    let failure = match &e {
        rusqlite::Error::SqliteFailure(f, m) => {
            Some((f, m.clone().unwrap_or_else(|| f.to_string())))
        }
        // A statement that does not compile: SQLite's message alone, as CPython shows it.
        rusqlite::Error::SqlInputError { error, msg, .. } => Some((error, msg.clone())),
        _ => None,
    };
    let (class, msg) = match (&e, failure) {
        (_, Some((f, msg))) => {
            let class = match f.code {
                C::ConstraintViolation => "IntegrityError",
                C::TooBig => "DataError",
                C::ApiMisuse => "InterfaceError",
                C::ParameterOutOfRange => "ProgrammingError",
                C::InternalMalfunction => "InternalError",
                C::OperationInterrupted => {
                    if let Err(l) = it.check_limits() {
                        return l;
                    }
                    "OperationalError"
                }
                C::NotADatabase | C::DatabaseCorrupt => "DatabaseError",
                _ => "OperationalError",
            };
            (class, msg)
        }
        (rusqlite::Error::MultipleStatement, _) => (
            "ProgrammingError",
            "You can only execute one statement at a time.".to_string(),
        ),
        (rusqlite::Error::UserFunctionError(_), _) => (
            "OperationalError",
            "user-defined function raised exception".to_string(),
        ),
        (other, None) => ("OperationalError", other.to_string()),
    };
    raise(it, class, &msg)
}

/// Hands the progress handler the deadline, interrupt flag and instruction budget of this run.
fn guard(it: &mut Interp, db: &Db) {
    let calls_left = it
        .limits
        .instructions
        .map(|m| it.tick_base.saturating_add(m).saturating_sub(it.ticks) / STEPS + 1);
    if let Ok(mut s) = db.stop.lock() {
        *s = Stop {
            deadline: it.limits.deadline,
            flag: it.interrupt.as_ref().map(|h| h.flag()),
            calls_left,
            calls: 0,
        };
    }
}

/// Charges the steps SQLite ran to the instruction budget (its error, when that stopped the statement).
fn settle(it: &mut Interp, db: &Db) -> PyResult<()> {
    let calls = match db.stop.lock() {
        Ok(mut s) => std::mem::take(&mut s.calls),
        Err(_) => 0,
    };
    it.charge(calls.saturating_mul(STEPS))
}

/// The progress handler: stops a statement at the deadline, the host's interrupt or the end of the
/// instruction budget.
fn must_stop(stop: &Mutex<Stop>) -> bool {
    let Ok(mut s) = stop.lock() else {
        return false;
    };
    s.calls += 1;
    s.calls_left.is_some_and(|l| s.calls > l)
        || s.deadline.is_some_and(|d| Instant::now() >= d)
        || s.flag.as_ref().is_some_and(|f| f.load(Ordering::Relaxed))
}

/// `_open(path)`: a connection's native slot. The path is `":memory:"` or a guest path, mapped through the
/// host's mounts.
fn open(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let Some(Value::Str(path)) = args.first() else {
        return Err(Exc::type_err("sqlite3: the path must be a str"));
    };
    let base = OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let made = if &**path == ":memory:" || path.is_empty() {
        Connection::open_in_memory_with_flags(
            base | OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )
    } else {
        let Some((host, writable)) = it.policy.mounts().host_file(path) else {
            return Err(raise(
                it,
                "OperationalError",
                "unable to open database file",
            ));
        };
        let flags = if writable {
            base | OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
        } else {
            base | OpenFlags::SQLITE_OPEN_READ_ONLY
        };
        Connection::open_with_flags(host, flags)
    };
    let mut c = match made {
        Ok(c) => c,
        // rusqlite's text names the host path: the program gets SQLite's own message only.
        Err(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::CannotOpen => {
            return Err(raise(
                it,
                "OperationalError",
                "unable to open database file",
            ));
        }
        Err(e) => return Err(sql_err(it, e)),
    };
    let stop: Arc<Mutex<Stop>> = Arc::new(Mutex::new(Stop::default()));
    let s2 = stop.clone();
    let _ = c.progress_handler(STEPS as i32, Some(move || must_stop(&s2)));
    let _ = c.set_limit(rusqlite::limits::Limit::SQLITE_LIMIT_ATTACHED, 0);
    // Sorts and temporary tables stay in memory rather than in the host's temporary folder.
    let _ = c.execute_batch("PRAGMA temp_store = MEMORY");
    let slot: Box<dyn std::any::Any> = Box::new(Some(Rc::new(Db { c, stop })));
    Ok(Value::Native(Rc::new(NativeState(RefCell::new(slot)))))
}

/// `_close(db)`.
fn close(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if let Some(Value::Native(s)) = args.first() {
        if let Some(c) = s.0.borrow_mut().downcast_mut::<Option<Rc<Db>>>() {
            *c = None;
        }
    }
    Ok(Value::None)
}

fn to_sql(it: &mut Interp, v: &Value, i: usize) -> PyResult<SqlValue> {
    Ok(match v {
        Value::None => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(b.get() as i64),
        Value::Int(n) => SqlValue::Integer(*n),
        Value::Big(_) => {
            return Err(Exc::new(
                "OverflowError",
                "Python int too large to convert to SQLite INTEGER",
            ));
        }
        Value::Float(f) => SqlValue::Real(f.get()),
        Value::Str(s) => SqlValue::Text(s.to_string()),
        Value::Bytes(b) => SqlValue::Blob(b.to_vec()),
        _ => {
            let t = crate::builtins::type_name(v);
            return Err(raise(
                it,
                "ProgrammingError",
                &format!("Error binding parameter {i}: type '{t}' is not supported"),
            ));
        }
    })
}

fn from_sql(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::None,
        ValueRef::Integer(n) => Value::Int(n),
        ValueRef::Real(f) => Value::float(f),
        ValueRef::Text(t) => Value::str(&String::from_utf8_lossy(t)),
        ValueRef::Blob(b) => Value::Bytes(b.to_vec().into()),
    }
}

/// `_exec(db, sql, params)` → `(description names or None, rows, rowcount, lastrowid)`. `params` is a
/// tuple (qmark) or a dict (named).
fn exec(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let c = conn(it, args)?;
    let Some(Value::Str(sql)) = args.get(1) else {
        return Err(Exc::type_err("execute() argument 1 must be str"));
    };
    guard(it, &c);
    let r = exec_in(it, &c, sql, args.get(2));
    settle(it, &c)?;
    r
}

fn exec_in(it: &mut Interp, c: &Db, sql: &str, params: Option<&Value>) -> PyResult<Value> {
    let mut st = c.prepare(sql).map_err(|e| sql_err(it, e))?;
    let n = st.parameter_count();
    match params {
        Some(Value::Dict(d)) => {
            for i in 1..=n {
                let name = st.parameter_name(i).unwrap_or("").to_string();
                let key = name.get(1..).unwrap_or("");
                let v = d.borrow().get_str(key).cloned();
                let Some(v) = v else {
                    return Err(raise(
                        it,
                        "ProgrammingError",
                        &format!("You did not supply a value for binding parameter {name}."),
                    ));
                };
                let sv = to_sql(it, &v, i)?;
                st.raw_bind_parameter(i, sv).map_err(|e| sql_err(it, e))?;
            }
        }
        Some(Value::Tuple(t)) => {
            if t.len() != n {
                return Err(raise(
                    it,
                    "ProgrammingError",
                    &format!(
                        "Incorrect number of bindings supplied. The current statement uses {n}, and there are {} supplied.",
                        t.len()
                    ),
                ));
            }
            for (i, v) in t.iter().enumerate() {
                let sv = to_sql(it, v, i + 1)?;
                st.raw_bind_parameter(i + 1, sv)
                    .map_err(|e| sql_err(it, e))?;
            }
        }
        _ => {
            if n > 0 {
                return Err(raise(
                    it,
                    "ProgrammingError",
                    &format!(
                        "Incorrect number of bindings supplied. The current statement uses {n}, and there are 0 supplied."
                    ),
                ));
            }
        }
    }
    let ncol = st.column_count();
    let names: Vec<Value> = st.column_names().map(Value::str).collect();
    let readonly = st.readonly();
    let mut out = Vec::new();
    {
        let mut rows = st.raw_query();
        loop {
            // Stepping may call the program's functions (`create_function`): they reach the interpreter
            // through `CURRENT`, derived here from this function's own `it`, which is not used again
            // until SQLite returns.
            let step = {
                let _run = Running::enter(it);
                rows.next()
            };
            let row = match step {
                Ok(Some(r)) => r,
                Ok(None) => break,
                Err(e) => return Err(sql_err(it, e)),
            };
            let mut vals = Vec::with_capacity(ncol);
            for i in 0..ncol {
                let v = row.get_ref(i).map_err(|e| sql_err(it, e))?;
                vals.push(from_sql(v));
            }
            out.push(Value::tuple(vals));
            it.charge(ncol as u64 + 1)?;
            it.check_len(out.len())?;
        }
    }
    let rowcount = if readonly { -1 } else { c.changes() as i64 };
    Ok(Value::tuple(vec![
        if ncol == 0 {
            Value::None
        } else {
            Value::tuple(names)
        },
        Value::list(out),
        Value::Int(rowcount),
        Value::Int(c.last_insert_rowid()),
    ]))
}

/// `_script(db, sql)`: runs every statement of a script.
fn script(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let c = conn(it, args)?;
    let Some(Value::Str(sql)) = args.get(1) else {
        return Err(Exc::type_err("executescript() argument 1 must be str"));
    };
    guard(it, &c);
    let run = Running::enter(it);
    let r = c.execute_batch(sql);
    drop(run);
    settle(it, &c)?;
    r.map_err(|e| sql_err(it, e))?;
    Ok(Value::None)
}

/// `_in_transaction(db)`.
fn in_transaction(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let c = conn(it, args)?;
    Ok(Value::bool(!c.is_autocommit()))
}

/// `_total_changes(db)`.
fn total_changes(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let c = conn(it, args)?;
    Ok(Value::Int(c.total_changes() as i64))
}

/// `_create_function(db, name, narg, func)`: `func` is called back with the interpreter running the
/// statement; its exception becomes SQLite's error (`user-defined function raised exception`).
fn create_function(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let c = conn(it, args)?;
    let (Some(Value::Str(name)), Some(Value::Int(narg)), Some(func)) =
        (args.get(1), args.get(2), args.get(3))
    else {
        return Err(Exc::type_err("create_function(name, narg, func)"));
    };
    let narg = i32::try_from(*narg).unwrap_or(-1);
    if matches!(func, Value::None) {
        let r = c.remove_function(&**name, narg);
        r.map_err(|e| sql_err(it, e))?;
        return Ok(Value::None);
    }
    // The callable is kept in a table of this thread (a `Value` is not `Send`); the closure holds its key.
    let key = FUNCS.with(|f| {
        let mut f = f.borrow_mut();
        f.push(func.clone());
        f.len() - 1
    });
    let r = c.create_scalar_function(
        &**name,
        narg,
        rusqlite::functions::FunctionFlags::SQLITE_UTF8,
        move |ctx| call_udf(key, ctx),
    );
    r.map_err(|e| sql_err(it, e))?;
    Ok(Value::None)
}

thread_local! {
    /// The callables of `create_function`, by key.
    static FUNCS: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
}

#[derive(Debug)]
struct Raised;

impl std::fmt::Display for Raised {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("user-defined function raised exception")
    }
}

impl std::error::Error for Raised {}

fn call_udf(key: usize, ctx: &rusqlite::functions::Context<'_>) -> rusqlite::Result<SqlValue> {
    let fail = || rusqlite::Error::UserFunctionError(Box::new(Raised));
    let Some(func) = FUNCS.with(|f| f.borrow().get(key).cloned()) else {
        return Err(fail());
    };
    let p = CURRENT.with(|c| c.get());
    if p.is_null() {
        return Err(fail());
    }
    // SAFETY: `CURRENT` is set by `Running::enter` right around the one call into SQLite that may run this
    // callback (a step, or a script), from the `&mut Interp` of the function making that call, which does
    // not use it until SQLite returns; this callback runs inside that call, on the same thread, so this
    // is the only live use of the interpreter, and the pointer is derived from that very borrow.
    let it: &mut Interp = unsafe { &mut *p };
    let mut args = Vec::with_capacity(ctx.len());
    for i in 0..ctx.len() {
        args.push(from_sql(ctx.get_raw(i)));
    }
    let r = it
        .call(&func, args, Vec::new())
        .and_then(|v| to_sql(it, &v, 0));
    match r {
        Ok(v) => Ok(v),
        Err(e) => {
            PENDING.with(|p| *p.borrow_mut() = Some(e));
            Err(fail())
        }
    }
}

/// `sqlite3.sqlite_version`.
fn version(_it: &mut Interp, _args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    Ok(Value::str(rusqlite::version()))
}

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "sqlite3",
        "The sqlite3 extension module (SQLite databases, DB-API 2.0).",
        &[
            ("_open", open),
            ("_close", close),
            ("_exec", exec),
            ("_script", script),
            ("_in_transaction", in_transaction),
            ("_total_changes", total_changes),
            ("_create_function", create_function),
            ("_version", version),
        ],
        SOURCE,
    )
}
