//! `array`: `array.array`, typed arrays of numbers (`b B h H i I l L q Q f d`) and characters (`u`), with
//! CPython 3.11's methods, operators, reprs and error texts.
//!
//! The items live in one typed Rust vector (`Vec<f64>` for `'d'`, `Vec<u8>` for `'B'`...), never as boxed
//! values: an array of a million doubles is 8 MB, as in CPython. The vector sits behind a hidden attribute
//! of an ordinary evalx class (`array`, so subclassing, `isinstance` and `type()` work as for any class);
//! `__getitem__`, `__setitem__` and `__len__` are the Rust functions themselves (no Python-level frame on
//! the item path scimark and raytrace hammer), the other methods thin wrappers over Rust functions.

use super::Kw;
use crate::interp::{Exc, Interp, PyResult};
use crate::value::{Class, Instance, NativeState, Value};
use num_traits::ToPrimitive;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The hidden attribute holding an array's [`Arr`].
const SLOT: &str = "__array_items__";

const TYPECODES: &str = "bBuhHiIlLqQfd";

/// The typed item storage.
#[derive(Clone)]
enum Store {
    I8(Vec<i8>),
    U8(Vec<u8>),
    I16(Vec<i16>),
    U16(Vec<u16>),
    I32(Vec<i32>),
    /// `'I'`, and `'u'` (a wchar_t of 4 bytes, a code point).
    U32(Vec<u32>),
    I64(Vec<i64>),
    U64(Vec<u64>),
    F32(Vec<f32>),
    F64(Vec<f64>),
}

/// Runs `$body` with `$v` bound to the store's vector, whatever its item type.
macro_rules! each {
    ($s:expr, $v:ident => $body:expr) => {
        match $s {
            Store::I8($v) => $body,
            Store::U8($v) => $body,
            Store::I16($v) => $body,
            Store::U16($v) => $body,
            Store::I32($v) => $body,
            Store::U32($v) => $body,
            Store::I64($v) => $body,
            Store::U64($v) => $body,
            Store::F32($v) => $body,
            Store::F64($v) => $body,
        }
    };
}

/// Runs `$body` with `$a` and `$b` bound to two stores' vectors of the same item type (`$else` when the
/// types differ).
macro_rules! pair {
    ($x:expr, $y:expr, $a:ident, $b:ident => $body:expr, $else:expr) => {
        match ($x, $y) {
            (Store::I8($a), Store::I8($b)) => $body,
            (Store::U8($a), Store::U8($b)) => $body,
            (Store::I16($a), Store::I16($b)) => $body,
            (Store::U16($a), Store::U16($b)) => $body,
            (Store::I32($a), Store::I32($b)) => $body,
            (Store::U32($a), Store::U32($b)) => $body,
            (Store::I64($a), Store::I64($b)) => $body,
            (Store::U64($a), Store::U64($b)) => $body,
            (Store::F32($a), Store::F32($b)) => $body,
            (Store::F64($a), Store::F64($b)) => $body,
            _ => $else,
        }
    };
}

/// One item converted from a Python value (range-checked for the typecode).
#[derive(Clone, Copy)]
enum Item {
    I(i64),
    U(u64),
    F(f64),
}

/// An item type of the store.
trait Elem: Copy + 'static {
    const SIZE: usize;
    fn from_item(x: Item) -> Self;
    fn value(self) -> Value;
    fn put_bytes(self, out: &mut Vec<u8>);
    fn from_bytes(b: &[u8]) -> Self;
    fn swapped(self) -> Self;
}

macro_rules! int_elem {
    ($t:ty) => {
        impl Elem for $t {
            const SIZE: usize = size_of::<$t>();
            #[inline]
            fn from_item(x: Item) -> Self {
                match x {
                    Item::I(i) => i as $t,
                    Item::U(u) => u as $t,
                    Item::F(f) => f as $t,
                }
            }
            #[inline]
            fn value(self) -> Value {
                let w = self as i128;
                match i64::try_from(w) {
                    Ok(i) => Value::Int(i),
                    Err(_) => Value::Big(Rc::new(num_bigint::BigInt::from(w))),
                }
            }
            fn put_bytes(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_ne_bytes());
            }
            fn from_bytes(b: &[u8]) -> Self {
                let mut a = [0u8; size_of::<$t>()];
                a.copy_from_slice(b);
                <$t>::from_ne_bytes(a)
            }
            fn swapped(self) -> Self {
                self.swap_bytes()
            }
        }
    };
}
int_elem!(i8);
int_elem!(u8);
int_elem!(i16);
int_elem!(u16);
int_elem!(i32);
int_elem!(u32);
int_elem!(i64);
int_elem!(u64);

macro_rules! float_elem {
    ($t:ty, $bits:ty) => {
        impl Elem for $t {
            const SIZE: usize = size_of::<$t>();
            #[inline]
            fn from_item(x: Item) -> Self {
                match x {
                    Item::I(i) => i as $t,
                    Item::U(u) => u as $t,
                    Item::F(f) => f as $t,
                }
            }
            #[inline]
            fn value(self) -> Value {
                Value::Float((self as f64).into())
            }
            fn put_bytes(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_ne_bytes());
            }
            fn from_bytes(b: &[u8]) -> Self {
                let mut a = [0u8; size_of::<$t>()];
                a.copy_from_slice(b);
                <$t>::from_ne_bytes(a)
            }
            fn swapped(self) -> Self {
                <$t>::from_bits(self.to_bits().swap_bytes())
            }
        }
    };
}
float_elem!(f32, u32);
float_elem!(f64, u64);

/// An array's state: its typecode and items.
#[derive(Clone)]
pub(crate) struct Arr {
    code: u8,
    store: Store,
}

impl Arr {
    fn new(code: u8) -> Arr {
        let store = match code {
            b'b' => Store::I8(Vec::new()),
            b'B' => Store::U8(Vec::new()),
            b'h' => Store::I16(Vec::new()),
            b'H' => Store::U16(Vec::new()),
            b'i' => Store::I32(Vec::new()),
            b'I' | b'u' => Store::U32(Vec::new()),
            b'l' | b'q' => Store::I64(Vec::new()),
            b'L' | b'Q' => Store::U64(Vec::new()),
            b'f' => Store::F32(Vec::new()),
            _ => Store::F64(Vec::new()),
        };
        Arr { code, store }
    }
    fn len(&self) -> usize {
        each!(&self.store, v => v.len())
    }
    fn itemsize(&self) -> usize {
        each!(&self.store, v => elem_size(v))
    }
    /// The item at `i` (in range) as a Python value.
    #[inline]
    fn get(&self, i: usize) -> PyResult<Value> {
        if self.code == b'u' {
            if let Store::U32(v) = &self.store {
                return char_value(v[i]);
            }
        }
        Ok(each!(&self.store, v => v[i].value()))
    }
    #[inline]
    fn set(&mut self, i: usize, x: Item) {
        each!(&mut self.store, v => v[i] = Elem::from_item(x))
    }
    fn push(&mut self, x: Item) {
        each!(&mut self.store, v => v.push(Elem::from_item(x)))
    }
    fn insert(&mut self, i: usize, x: Item) {
        each!(&mut self.store, v => v.insert(i, Elem::from_item(x)))
    }
    fn remove(&mut self, i: usize) {
        each!(&mut self.store, v => { v.remove(i); })
    }
    fn values(&self) -> PyResult<Vec<Value>> {
        (0..self.len()).map(|i| self.get(i)).collect()
    }
    fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len() * self.itemsize());
        each!(&self.store, v => for x in v.iter() { x.put_bytes(&mut out) });
        out
    }
    fn extend_bytes(&mut self, b: &[u8]) {
        each!(&mut self.store, v => push_bytes(v, b))
    }
    /// The items at `pos`, as a new array of the same typecode.
    fn pick(&self, pos: &[usize]) -> Arr {
        let store = each!(&self.store, v => pick_from(v, pos));
        Arr {
            code: self.code,
            store,
        }
    }
    fn extend_from(&mut self, other: &Arr) -> bool {
        pair!(&mut self.store, &other.store, a, b => { a.extend_from_slice(b); true }, false)
    }
    fn repeat(&self, n: usize) -> Arr {
        let store = each!(&self.store, v => wrap(v.repeat(n)));
        Arr {
            code: self.code,
            store,
        }
    }
}

fn elem_size<T: Elem>(_: &[T]) -> usize {
    T::SIZE
}

fn push_bytes<T: Elem>(v: &mut Vec<T>, b: &[u8]) {
    v.extend(b.chunks_exact(T::SIZE).map(T::from_bytes));
}

fn pick_from<T: Elem + Wrap>(v: &[T], pos: &[usize]) -> Store {
    T::wrap(pos.iter().map(|&k| v[k]).collect())
}

fn wrap<T: Wrap>(v: Vec<T>) -> Store {
    T::wrap(v)
}

/// Puts a vector back into its [`Store`] variant.
trait Wrap: Sized {
    fn wrap(v: Vec<Self>) -> Store;
}
macro_rules! wrap_impl {
    ($t:ty, $var:ident) => {
        impl Wrap for $t {
            fn wrap(v: Vec<$t>) -> Store {
                Store::$var(v)
            }
        }
    };
}
wrap_impl!(i8, I8);
wrap_impl!(u8, U8);
wrap_impl!(i16, I16);
wrap_impl!(u16, U16);
wrap_impl!(i32, I32);
wrap_impl!(u32, U32);
wrap_impl!(i64, I64);
wrap_impl!(u64, U64);
wrap_impl!(f32, F32);
wrap_impl!(f64, F64);

fn char_value(c: u32) -> PyResult<Value> {
    match char::from_u32(c) {
        Some(ch) => Ok(Value::Str(ch.to_string().into())),
        None => Err(Exc::value_err(format!(
            "character U+{c:x} is not in range [U+0000; U+10ffff]"
        ))),
    }
}

// ------------------------------------------------------------------------------ reaching the state

/// The `array.array` class this thread's interpreter built last (its address, and a `Weak` that keeps
/// the allocation so that no other class can ever take that address), and the class epoch at which its
/// `__getitem__` and `__setitem__` were last seen to be this module's own functions (0: not yet).
struct ExactClass {
    ptr: Cell<*const Class>,
    epoch: Cell<u64>,
    keep: RefCell<std::rc::Weak<Class>>,
}

thread_local! {
    static EXACT: ExactClass = const {
        ExactClass {
            ptr: Cell::new(std::ptr::null()),
            epoch: Cell::new(0),
            keep: RefCell::new(std::rc::Weak::new()),
        }
    };
}

/// Whether `inst` is an instance of `array.array` itself (not of a subclass) whose item methods are still
/// this module's: then `a[i]` and `a[i] = x` call [`a_getitem`] and [`a_setitem`] directly, with no
/// special-method lookup (scimark's inner loops index arrays a few million times).
#[inline]
pub(crate) fn is_exact(inst: &Instance) -> bool {
    EXACT.with(|e| {
        if !std::ptr::eq(e.ptr.get(), Rc::as_ptr(&inst.class)) {
            return false;
        }
        e.epoch.get() == crate::value::class_epoch() || revalidate(e, inst)
    })
}

/// A class changed somewhere since the last check: whether the item methods are still the module's.
#[cold]
#[inline(never)]
fn revalidate(e: &ExactClass, inst: &Instance) -> bool {
    let own = |name: &str, qual: &str| matches!(inst.class.lookup_special(name), Some(Value::Builtin(b)) if b.this.is_none() && b.name == qual);
    let fine = inst.native.is_none()
        && own("__getitem__", "array.__getitem__")
        && own("__setitem__", "array.__setitem__");
    e.epoch
        .set(if fine { crate::value::class_epoch() } else { 0 });
    fine
}

/// Remembers the module's `array` class for [`is_exact`].
fn remember_class(m: &Value) {
    if let Value::Module(md) = m {
        if let Some(Value::Class(c)) = md.dict.borrow().get_str("array") {
            EXACT.with(|e| {
                e.ptr.set(Rc::as_ptr(c));
                e.epoch.set(0);
                *e.keep.borrow_mut() = Rc::downgrade(c);
            });
        }
    }
}

/// The array state of `v` (an instance of `array` or of a subclass).
fn state(v: &Value) -> PyResult<Rc<NativeState>> {
    if let Value::Instance(i) = v {
        if let Some(Value::Native(s)) = i.dict.borrow().get_str(SLOT) {
            return Ok(s.clone());
        }
    }
    Err(Exc::type_err(format!(
        "descriptor requires a 'array.array' object but received a '{}'",
        crate::builtins::type_name(v)
    )))
}

/// Runs `f` on the array state of `v` (`f` must not call back into the interpreter).
#[inline]
fn with<R>(v: &Value, f: impl FnOnce(&mut Arr) -> R) -> PyResult<R> {
    if let Value::Instance(i) = v {
        let d = i.dict.borrow();
        // `__init__` stores the state first, so entry 0 is nearly always it: no hashing on the item path.
        let found = match d.map().get_index(0) {
            Some((k, st @ Value::Native(_))) if matches!(&k.0, Value::Str(n) if &**n == SLOT) => {
                Some(st)
            }
            _ => d.get_str(SLOT),
        };
        if let Some(Value::Native(s)) = found {
            let mut b = s.0.borrow_mut();
            if let Some(a) = b.downcast_mut::<Arr>() {
                return Ok(f(a));
            }
        }
    }
    Err(state(v)
        .err()
        .unwrap_or_else(|| Exc::type_err("invalid array state")))
}

/// One remembered array: the instance's address, a `Weak` that keeps that address from being reused by
/// another instance while it is remembered, and the instance's state.
type Recent = (*const Instance, std::rc::Weak<Instance>, Rc<NativeState>);

thread_local! {
    /// The states of the last few arrays indexed through [`item_fast`] / [`store_fast`] (replaced in turn):
    /// the loops of scimark index one to three arrays over and over, and each access then finds the items
    /// with an address compare instead of a walk through the attribute dict. [`install`] forgets them all.
    static RECENT: RefCell<([Option<Recent>; 4], usize)> = const { RefCell::new(([None, None, None, None], 0)) };
}

/// Runs `f` on the state of the exact array `rc`, remembered in [`RECENT`] (`None`: no state found).
#[inline]
fn with_recent<R>(rc: &Rc<Instance>, f: impl FnOnce(&mut Arr) -> R) -> Option<R> {
    let p = Rc::as_ptr(rc);
    let hit = RECENT.with(|r| {
        let r = r.try_borrow().ok()?;
        r.0.iter()
            .flatten()
            .find(|e| std::ptr::eq(e.0, p))
            .map(|e| e.2.clone())
    });
    let st = match hit {
        Some(st) => st,
        None => {
            let st = rc
                .dict
                .with_store(|s| {
                    let d = s.err()?.try_borrow().ok()?;
                    let (k, st) = d.map().get_index(0)?;
                    match (&k.0, st) {
                        (Value::Str(n), Value::Native(st)) if &**n == SLOT => Some(st.clone()),
                        _ => None,
                    }
                })
                .flatten()?;
            RECENT.with(|r| {
                if let Ok(mut r) = r.try_borrow_mut() {
                    let k = r.1;
                    r.1 = (k + 1) % r.0.len();
                    let old = r.0[k].replace((p, Rc::downgrade(rc), st.clone()));
                    drop(r);
                    drop(old);
                }
            });
            st
        }
    };
    let mut b = st.0.try_borrow_mut().ok()?;
    Some(f(b.downcast_mut::<Arr>()?))
}

/// How many of the `Weak`s at `inst` are [`RECENT`]'s own (not the program's weak references, which
/// `weakref.getweakrefcount` counts).
pub(crate) fn remembered_weaks(inst: &Rc<Instance>) -> usize {
    let p = Rc::as_ptr(inst);
    RECENT
        .try_with(|r| {
            r.try_borrow()
                .map(|r| {
                    r.0.iter()
                        .flatten()
                        .filter(|e| std::ptr::eq(e.0, p))
                        .count()
                })
                .unwrap_or(0)
        })
        .unwrap_or(0)
}

/// Forgets the remembered array states (an array's state is being replaced).
fn forget_recent() {
    let old = RECENT.with(|r| {
        r.try_borrow_mut()
            .map(|mut r| std::mem::take(&mut r.0))
            .ok()
    });
    drop(old);
}

/// `a[k]` for an `array.array` itself (not a subclass) and an int index in range: the item, read with no
/// argument vector and no call (scimark's loops); `None` for anything else (the general path, which also
/// raises the errors).
#[inline(never)]
pub(crate) fn item_fast(o: &Value, i: &Value) -> Option<Value> {
    let (Value::Instance(inst), Value::Int(k)) = (o, i) else {
        return None;
    };
    if !is_exact(inst) {
        return None;
    }
    with_recent(inst, |a| {
        if a.code == b'u' {
            return None;
        }
        let n = a.len() as i64;
        let k = if *k < 0 { k + n } else { *k };
        if k < 0 || k >= n {
            return None;
        }
        Some(each!(&a.store, v => v[k as usize].value()))
    })
    .flatten()
}

/// `a[k] = v` for an `array.array` itself, an int index in range and a value that goes in unchanged (a
/// float into a `'d'`/`'f'` array, an int in range into an `'i'`/`'l'`/`'q'` one); gives `v` back for
/// anything else (the general path converts, stores or raises).
#[inline(never)]
pub(crate) fn store_fast(o: &Value, i: &Value, v: Value) -> Result<(), Value> {
    let (Value::Instance(inst), Value::Int(k)) = (o, i) else {
        return Err(v);
    };
    if !is_exact(inst) {
        return Err(v);
    }
    let done = with_recent(inst, |a| {
        let n = a.len() as i64;
        let k = if *k < 0 { k + n } else { *k };
        if k < 0 || k >= n {
            return false;
        }
        let k = k as usize;
        match (&mut a.store, &v) {
            (Store::F64(x), Value::Float(f)) => x[k] = f.get(),
            (Store::F32(x), Value::Float(f)) => x[k] = f.get() as f32,
            (Store::I32(x), Value::Int(j)) if a.code == b'i' => match i32::try_from(*j) {
                Ok(j) => x[k] = j,
                Err(_) => return false,
            },
            (Store::I64(x), Value::Int(j)) if matches!(a.code, b'l' | b'q') => x[k] = *j,
            _ => return false,
        }
        true
    });
    if done == Some(true) { Ok(()) } else { Err(v) }
}

/// The items of an array as bytes (the buffer CPython's bytes-like consumers read).
pub(crate) fn bytes_of(v: &Value) -> PyResult<Vec<u8>> {
    with(v, |a| a.to_bytes())
}

/// Whether `v` is an `array.array` (or an instance of a subclass).
pub(crate) fn is_array(v: &Value) -> bool {
    matches!(v, Value::Instance(i) if matches!(i.dict.borrow().get_str(SLOT), Some(Value::Native(_))))
}

fn install(inst: &Instance, a: Arr) {
    forget_recent();
    let st = NativeState(RefCell::new(Box::new(a)));
    inst.dict
        .borrow_mut()
        .set_str(SLOT, Value::Native(Rc::new(st)));
}

/// A new plain `array.array` (the class `like` is an instance of, or its `array` base) holding `a`.
fn new_array(like: &Value, a: Arr) -> PyResult<Value> {
    let Value::Instance(i) = like else {
        return Err(Exc::type_err("invalid array state"));
    };
    let cls = i
        .class
        .mro
        .borrow()
        .iter()
        .find(|c| &*c.name == "array" && &*c.module == "array")
        .cloned()
        .unwrap_or_else(|| i.class.clone());
    let inst = Rc::new(Instance {
        class: cls,
        dict: crate::value::InstDict::from_dict(crate::value::Dict::new()),
        hash: crate::value::no_user_hash(),
        native: None,
    });
    install(&inst, a);
    Ok(Value::Instance(inst))
}

fn typecode(v: &Value) -> PyResult<u8> {
    with(v, |a| a.code)
}

// ------------------------------------------------------------------------------------ conversions

fn int_of(it: &mut Interp, v: &Value) -> PyResult<num_bigint::BigInt> {
    match v {
        Value::Int(i) => Ok((*i).into()),
        Value::Bool(b) => Ok((**b as i64).into()),
        Value::Big(b) => Ok((**b).clone()),
        Value::Instance(_) if it.get_attr_opt(v, "__index__")?.is_some() => {
            let r = it.call_method(v, "__index__", Vec::new())?;
            match r {
                Value::Int(_) | Value::Bool(_) | Value::Big(_) => int_of(it, &r),
                other => Err(Exc::type_err(format!(
                    "__index__ returned non-int (type {})",
                    crate::builtins::type_name(&other)
                ))),
            }
        }
        _ => Err(Exc::type_err(format!(
            "'{}' object cannot be interpreted as an integer",
            crate::builtins::type_name(v)
        ))),
    }
}

fn overflow(msg: &str) -> Box<Exc> {
    Exc::new("OverflowError", msg)
}

/// `v` as an item of typecode `code`, with CPython's range checks and texts.
fn convert(it: &mut Interp, code: u8, v: &Value) -> PyResult<Item> {
    match code {
        b'f' | b'd' => {
            let f = match v {
                Value::Float(f) => f.get(),
                Value::Int(i) => *i as f64,
                Value::Bool(b) => **b as i64 as f64,
                Value::Big(b) => b
                    .to_f64()
                    .filter(|f| f.is_finite())
                    .ok_or_else(|| overflow("int too large to convert to float"))?,
                Value::Instance(_) if it.get_attr_opt(v, "__float__")?.is_some() => {
                    match it.call_method(v, "__float__", Vec::new())? {
                        Value::Float(f) => f.get(),
                        _ => return Err(Exc::type_err("__float__ returned non-float")),
                    }
                }
                other => {
                    return Err(Exc::type_err(format!(
                        "must be real number, not {}",
                        crate::builtins::type_name(other)
                    )));
                }
            };
            Ok(Item::F(f))
        }
        b'u' => match v {
            Value::Str(s) if s.chars().count() == 1 => {
                Ok(Item::U(s.chars().next().map_or(0, |c| c as u64)))
            }
            _ => Err(Exc::type_err("array item must be unicode character")),
        },
        _ => {
            if let Value::Int(i) = v {
                if let Some(x) = small_int(code, *i) {
                    return x;
                }
            }
            let n = int_of(it, v)?;
            let Some(i) = n.to_i64() else {
                return Err(match code {
                    b'q' => overflow("int too big to convert"),
                    b'Q' if n.sign() == num_bigint::Sign::Minus => {
                        overflow("can't convert negative int to unsigned")
                    }
                    b'Q' => match n.to_u64() {
                        Some(u) => return Ok(Item::U(u)),
                        None => overflow("int too big to convert"),
                    },
                    b'I' | b'L' if n.sign() == num_bigint::Sign::Minus => {
                        overflow("can't convert negative value to unsigned int")
                    }
                    b'I' | b'L' => match n.to_u64() {
                        Some(u) if code == b'L' => return Ok(Item::U(u)),
                        Some(_) => overflow("unsigned int is greater than maximum"),
                        None => overflow("Python int too large to convert to C unsigned long"),
                    },
                    _ => overflow("Python int too large to convert to C long"),
                });
            };
            small_int(code, i).unwrap_or(Ok(Item::I(i)))
        }
    }
}

/// Range-checks an int that fits in i64 (`None`: the typecode is not an integer one).
#[inline]
fn small_int(code: u8, i: i64) -> Option<PyResult<Item>> {
    let (lo, hi, low_msg, high_msg): (i64, i64, &str, &str) = match code {
        b'b' => (
            -128,
            127,
            "signed char is less than minimum",
            "signed char is greater than maximum",
        ),
        b'B' => (
            0,
            255,
            "unsigned byte integer is less than minimum",
            "unsigned byte integer is greater than maximum",
        ),
        b'h' => (
            i16::MIN as i64,
            i16::MAX as i64,
            "signed short integer is less than minimum",
            "signed short integer is greater than maximum",
        ),
        b'H' => (
            0,
            u16::MAX as i64,
            "unsigned short is less than minimum",
            "unsigned short is greater than maximum",
        ),
        b'i' => (
            i32::MIN as i64,
            i32::MAX as i64,
            "signed integer is less than minimum",
            "signed integer is greater than maximum",
        ),
        b'I' => (
            0,
            u32::MAX as i64,
            "can't convert negative value to unsigned int",
            "unsigned int is greater than maximum",
        ),
        b'l' | b'q' => (i64::MIN, i64::MAX, "", ""),
        b'L' => (
            0,
            i64::MAX,
            "can't convert negative value to unsigned int",
            "",
        ),
        b'Q' => (0, i64::MAX, "can't convert negative int to unsigned", ""),
        _ => return None,
    };
    Some(if i < lo {
        Err(overflow(low_msg))
    } else if i > hi {
        Err(overflow(high_msg))
    } else {
        Ok(Item::I(i))
    })
}

/// Converts every value (all or nothing), charged as it goes: ten million items are a native loop of
/// about a hundred milliseconds, which the deadline must be able to stop.
fn convert_all(it: &mut Interp, code: u8, vals: &[Value]) -> PyResult<Vec<Item>> {
    let mut out = Vec::new();
    out.try_reserve_exact(vals.len())
        .map_err(|_| Exc::new("MemoryError", ""))?;
    for part in vals.chunks(CONVERT_CHUNK) {
        for v in part {
            out.push(convert(it, code, v)?);
        }
        it.charge(part.len() as u64)?;
    }
    Ok(out)
}

/// How many items [`convert_all`] and [`push_all`] handle between two charges.
const CONVERT_CHUNK: usize = 4096;

/// Appends converted items to `a`, charged as it goes (see [`convert_all`]).
fn push_all(it: &mut Interp, a: &mut Arr, items: Vec<Item>) -> PyResult<()> {
    let mut items = items.into_iter();
    loop {
        let mut n = 0;
        for x in items.by_ref().take(CONVERT_CHUNK) {
            a.push(x);
            n += 1;
        }
        if n == 0 {
            return Ok(());
        }
        it.charge(n as u64)?;
    }
}

// --------------------------------------------------------------------------------- index helpers

fn index_arg(v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(**b as i64),
        Value::Big(b) => Ok(if b.sign() == num_bigint::Sign::Minus {
            i64::MIN
        } else {
            i64::MAX
        }),
        _ => Err(Exc::type_err("array indices must be integers")),
    }
}

fn norm(i: i64, len: usize, msg: &str) -> PyResult<usize> {
    let k = if i < 0 {
        i.saturating_add(len as i64)
    } else {
        i
    };
    if k < 0 || k >= len as i64 {
        return Err(Exc::new("IndexError", msg.to_string()));
    }
    Ok(k as usize)
}

fn slice_int(v: &Value) -> PyResult<Option<i64>> {
    match v {
        Value::None => Ok(None),
        Value::Int(i) => Ok(Some(*i)),
        Value::Bool(b) => Ok(Some(**b as i64)),
        Value::Big(b) => Ok(Some(if b.sign() == num_bigint::Sign::Minus {
            i64::MIN / 2
        } else {
            i64::MAX / 2
        })),
        _ => Err(Exc::type_err(
            "slice indices must be integers or None or have an __index__ method",
        )),
    }
}

/// The positions a slice selects in a sequence of `len` items (CPython's `slice.indices` rules).
fn slice_positions(s: &(Value, Value, Value), len: usize) -> PyResult<(Vec<usize>, i64, i64)> {
    let len = len as i64;
    let step = slice_int(&s.2)?.unwrap_or(1);
    if step == 0 {
        return Err(Exc::value_err("slice step cannot be zero"));
    }
    let clamp = |v: Option<i64>, default: i64| -> i64 {
        match v {
            None => default,
            Some(mut i) => {
                if i < 0 {
                    i += len;
                    if i < 0 {
                        i = if step > 0 { 0 } else { -1 };
                    }
                } else if i >= len {
                    i = if step > 0 { len } else { len - 1 };
                }
                i
            }
        }
    };
    let (lo, hi) = if step > 0 { (0, len) } else { (len - 1, -1) };
    let start = clamp(slice_int(&s.0)?, lo);
    let stop = clamp(slice_int(&s.1)?, hi);
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        i += step;
    }
    Ok((out, start, stop))
}

// ------------------------------------------------------------------------------------- natives

fn need(name: &str, args: &[Value], n: usize) -> PyResult<()> {
    if args.len() != n + 1 {
        let given = args.len().saturating_sub(1);
        return Err(Exc::type_err(match n {
            0 => format!("array.{name}() takes no arguments ({given} given)"),
            _ => format!("array.{name}() takes exactly one argument ({given} given)"),
        }));
    }
    Ok(())
}

fn this(args: &[Value]) -> PyResult<&Value> {
    args.first()
        .ok_or_else(|| Exc::type_err("descriptor needs an argument"))
}

fn a_init(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let me = this(args)?.clone();
    let rest = &args[1..];
    if !kw.is_empty() {
        return Err(Exc::type_err("array.array() takes no keyword arguments"));
    }
    if rest.is_empty() {
        return Err(Exc::type_err("array() takes at least 1 argument (0 given)"));
    }
    if rest.len() > 2 {
        return Err(Exc::type_err(format!(
            "array() takes at most 2 arguments ({} given)",
            rest.len()
        )));
    }
    let code = match &rest[0] {
        Value::Str(s) if s.chars().count() == 1 => {
            let c = s.chars().next().unwrap_or(' ');
            if !c.is_ascii() || !TYPECODES.contains(c) {
                return Err(Exc::value_err(
                    "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)",
                ));
            }
            c as u8
        }
        other => {
            return Err(Exc::type_err(format!(
                "array() argument 1 must be a unicode character, not {}",
                crate::builtins::type_name(other)
            )));
        }
    };
    let mut a = Arr::new(code);
    if let Some(init) = rest.get(1) {
        match init {
            Value::None => {}
            Value::Bytes(b) => {
                if b.len() % a.itemsize() != 0 {
                    return Err(Exc::value_err("bytes length not a multiple of item size"));
                }
                a.extend_bytes(b);
            }
            Value::Str(s) => {
                if code != b'u' {
                    return Err(Exc::type_err(format!(
                        "cannot use a str to initialize an array with typecode '{}'",
                        code as char
                    )));
                }
                for c in s.chars() {
                    a.push(Item::U(c as u64));
                }
            }
            v if is_array(v) => {
                let other = with(v, |o| o.clone())?;
                if code == b'u' && other.code != b'u' {
                    return Err(Exc::type_err("array item must be unicode character"));
                }
                if code != b'u' && other.code == b'u' {
                    return Err(Exc::type_err(format!(
                        "cannot use a unicode array to initialize an array with typecode '{}'",
                        code as char
                    )));
                }
                let vals = other.values()?;
                let items = convert_all(it, code, &vals);
                crate::teardown::release(vals.into_iter());
                push_all(it, &mut a, items?)?;
            }
            v => {
                let vals = it.collect(v)?;
                let items = convert_all(it, code, &vals);
                // A big copy of the initializer is freed a chunk at a time under a deadline.
                crate::teardown::release(vals.into_iter());
                push_all(it, &mut a, items?)?;
            }
        }
    }
    match &me {
        Value::Instance(i) => install(i, a),
        _ => return Err(Exc::type_err("invalid array state")),
    }
    Ok(Value::None)
}

pub(crate) fn a_getitem(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, i] = args else {
        return Err(Exc::type_err(format!(
            "expected 1 argument, got {}",
            args.len().saturating_sub(1)
        )));
    };
    if let Value::Slice(s) = i {
        let s = s.clone();
        let part = with(me, |a| -> PyResult<Arr> {
            let (pos, _, _) = slice_positions(&s, a.len())?;
            Ok(a.pick(&pos))
        })??;
        return new_array(me, part);
    }
    let _ = it;
    let k = index_arg(i)?;
    with(me, |a| {
        let k = norm(k, a.len(), "array index out of range")?;
        a.get(k)
    })?
}

pub(crate) fn a_setitem(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, i, v] = args else {
        return Err(Exc::type_err(format!(
            "expected 2 arguments, got {}",
            args.len().saturating_sub(1)
        )));
    };
    if let Value::Slice(s) = i {
        if !is_array(v) {
            return Err(Exc::type_err(format!(
                "can only assign array (not \"{}\") to array slice",
                crate::builtins::type_name(v)
            )));
        }
        let src = with(v, |o| o.clone())?;
        let s = s.clone();
        return with(me, |a| -> PyResult<()> {
            if src.code != a.code {
                return Err(Exc::type_err("bad argument type for built-in operation"));
            }
            let (pos, start, stop) = slice_positions(&s, a.len())?;
            let step = slice_int(&s.2)?.unwrap_or(1);
            if step == 1 {
                let start = start.max(0) as usize;
                let stop = (stop.max(start as i64)) as usize;
                pair!(&mut a.store, &src.store, x, y => {
                    x.splice(start..stop, y.iter().copied());
                }, {});
                return Ok(());
            }
            if pos.len() != src.len() {
                return Err(Exc::value_err(format!(
                    "attempt to assign array of size {} to extended slice of size {}",
                    src.len(),
                    pos.len()
                )));
            }
            pair!(&mut a.store, &src.store, x, y => {
                for (p, q) in pos.iter().zip(y.iter()) {
                    x[*p] = *q;
                }
            }, {});
            Ok(())
        })?
        .map(|_| Value::None);
    }
    let k = index_arg(i)?;
    // The common case in one visit: a float into a float array.
    if let Value::Float(f) = v {
        let done = with(me, |a| -> Option<PyResult<Value>> {
            if !matches!(a.code, b'd' | b'f') {
                return None;
            }
            Some(
                norm(k, a.len(), "array assignment index out of range").map(|k| {
                    a.set(k, Item::F(f.get()));
                    Value::None
                }),
            )
        })?;
        if let Some(r) = done {
            return r;
        }
    }
    let code = typecode(me)?;
    let x = convert(it, code, v)?;
    with(me, |a| {
        let k = norm(k, a.len(), "array assignment index out of range")?;
        a.set(k, x);
        Ok(Value::None)
    })?
}

fn a_delitem(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, i] = args else {
        return Err(Exc::type_err("expected 1 argument"));
    };
    if let Value::Slice(s) = i {
        let s = s.clone();
        return with(me, |a| -> PyResult<Value> {
            let (mut pos, _, _) = slice_positions(&s, a.len())?;
            pos.sort_unstable();
            let mut keep = vec![true; a.len()];
            for p in pos {
                keep[p] = false;
            }
            each!(&mut a.store, v => {
                let mut n = 0;
                v.retain(|_| {
                    n += 1;
                    keep[n - 1]
                });
            });
            Ok(Value::None)
        })?;
    }
    let k = index_arg(i)?;
    with(me, |a| {
        let k = norm(k, a.len(), "array assignment index out of range")?;
        a.remove(k);
        Ok(Value::None)
    })?
}

pub(crate) fn a_len(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    Ok(Value::Int(with(this(args)?, |a| a.len())? as i64))
}

fn a_append(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    need("append", args, 1)?;
    let code = typecode(&args[0])?;
    let x = convert(it, code, &args[1])?;
    with(&args[0], |a| a.push(x))?;
    Ok(Value::None)
}

fn extend_with(it: &mut Interp, me: &Value, v: &Value) -> PyResult<()> {
    let code = typecode(me)?;
    if is_array(v) {
        let src = with(v, |o| o.clone())?;
        return with(me, |a| {
            if a.extend_from(&src) {
                Ok(())
            } else {
                Err(Exc::type_err("can only extend with array of same kind"))
            }
        })?;
    }
    let vals = it.collect(v)?;
    for x in &vals {
        let item = convert(it, code, x)?;
        with(me, |a| a.push(item))?;
    }
    Ok(())
}

fn a_extend(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if args.len() != 2 {
        return Err(Exc::type_err(format!(
            "extend() takes exactly 1 positional argument ({} given)",
            args.len().saturating_sub(1)
        )));
    }
    extend_with(it, &args[0], &args[1])?;
    Ok(Value::None)
}

fn a_iadd(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, v] = args else {
        return Err(Exc::type_err("expected 1 argument"));
    };
    if !is_array(v) {
        return Err(Exc::type_err(format!(
            "can only extend array with array (not \"{}\")",
            crate::builtins::type_name(v)
        )));
    }
    extend_with(it, me, v)?;
    Ok(me.clone())
}

fn a_insert(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if args.len() != 3 {
        return Err(Exc::type_err(format!(
            "insert expected 2 arguments, got {}",
            args.len().saturating_sub(1)
        )));
    }
    let i = crate::builtins::to_index(&args[1]).or_else(|e| match &args[1] {
        Value::Big(b) => Ok(if b.sign() == num_bigint::Sign::Minus {
            i64::MIN
        } else {
            i64::MAX
        }),
        _ => Err(e),
    })?;
    let code = typecode(&args[0])?;
    let x = convert(it, code, &args[2])?;
    with(&args[0], |a| {
        let n = a.len() as i64;
        let k = if i < 0 { (i + n).max(0) } else { i.min(n) };
        a.insert(k as usize, x)
    })?;
    Ok(Value::None)
}

fn a_pop(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if args.len() > 2 {
        return Err(Exc::type_err(format!(
            "pop expected at most 1 argument, got {}",
            args.len() - 1
        )));
    }
    let me = this(args)?;
    let i = match args.get(1) {
        Some(v) => crate::builtins::to_index(v)?,
        None => -1,
    };
    with(me, |a| {
        if a.len() == 0 {
            return Err(Exc::new("IndexError", "pop from empty array"));
        }
        let k = norm(i, a.len(), "pop index out of range")?;
        let v = a.get(k)?;
        a.remove(k);
        Ok(v)
    })?
}

/// The index of the first item `== x` in `start..stop`.
fn find(it: &mut Interp, me: &Value, x: &Value, start: i64, stop: i64) -> PyResult<Option<usize>> {
    let vals = with(me, |a| a.values())??;
    let n = vals.len() as i64;
    let clamp = |i: i64| if i < 0 { (i + n).max(0) } else { i.min(n) };
    for k in clamp(start)..clamp(stop) {
        if it.eq(&vals[k as usize], x)? {
            return Ok(Some(k as usize));
        }
    }
    Ok(None)
}

fn a_index(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if args.len() < 2 || args.len() > 4 {
        return Err(Exc::type_err(format!(
            "index expected at least 1 argument, got {}",
            args.len().saturating_sub(1)
        )));
    }
    let start = match args.get(2) {
        Some(v) => slice_int(v)?.unwrap_or(0),
        None => 0,
    };
    let stop = match args.get(3) {
        Some(v) => slice_int(v)?.unwrap_or(i64::MAX),
        None => i64::MAX,
    };
    match find(it, &args[0], &args[1], start, stop)? {
        Some(k) => Ok(Value::Int(k as i64)),
        None => Err(Exc::value_err("array.index(x): x not in array")),
    }
}

fn a_remove(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    need("remove", args, 1)?;
    match find(it, &args[0], &args[1], 0, i64::MAX)? {
        Some(k) => {
            with(&args[0], |a| a.remove(k))?;
            Ok(Value::None)
        }
        None => Err(Exc::value_err("array.remove(x): x not in array")),
    }
}

fn a_count(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    need("count", args, 1)?;
    let vals = with(&args[0], |a| a.values())??;
    let mut n = 0;
    for v in &vals {
        if it.eq(v, &args[1])? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn a_contains(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    need("__contains__", args, 1)?;
    Ok(Value::bool(
        find(it, &args[0], &args[1], 0, i64::MAX)?.is_some(),
    ))
}

fn a_reverse(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    need("reverse", args, 0)?;
    with(&args[0], |a| each!(&mut a.store, v => v.reverse()))?;
    Ok(Value::None)
}

fn a_byteswap(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    need("byteswap", args, 0)?;
    with(
        &args[0],
        |a| each!(&mut a.store, v => for x in v.iter_mut() { *x = x.swapped() }),
    )?;
    Ok(Value::None)
}

fn a_tolist(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    need("tolist", args, 0)?;
    Ok(Value::list(with(&args[0], |a| a.values())??))
}

fn a_tobytes(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    need("tobytes", args, 0)?;
    Ok(Value::Bytes(with(&args[0], |a| a.to_bytes())?.into()))
}

fn a_frombytes(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    need("frombytes", args, 1)?;
    let Value::Bytes(b) = &args[1] else {
        return Err(Exc::type_err(format!(
            "a bytes-like object is required, not '{}'",
            crate::builtins::type_name(&args[1])
        )));
    };
    let b = b.clone();
    with(&args[0], |a| {
        if b.len() % a.itemsize() != 0 {
            return Err(Exc::value_err("bytes length not a multiple of item size"));
        }
        a.extend_bytes(&b);
        Ok(Value::None)
    })?
}

fn a_fromlist(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    need("fromlist", args, 1)?;
    let Value::List(l) = &args[1] else {
        return Err(Exc::type_err("arg must be list"));
    };
    let vals: Vec<Value> = l.borrow().iter().cloned().collect();
    let code = typecode(&args[0])?;
    // All or nothing: a bad item leaves the array as it was.
    let items = convert_all(it, code, &vals)?;
    with(&args[0], |a| {
        for x in items {
            a.push(x)
        }
    })?;
    Ok(Value::None)
}

fn a_fromunicode(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    need("fromunicode", args, 1)?;
    let Value::Str(s) = &args[1] else {
        return Err(Exc::type_err(format!(
            "fromunicode() argument must be str, not {}",
            crate::builtins::type_name(&args[1])
        )));
    };
    let s = s.clone();
    with(&args[0], |a| {
        if a.code != b'u' {
            return Err(Exc::value_err(
                "fromunicode() may only be called on unicode type arrays",
            ));
        }
        for c in s.chars() {
            a.push(Item::U(c as u64));
        }
        Ok(Value::None)
    })?
}

fn a_tounicode(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    need("tounicode", args, 0)?;
    with(&args[0], |a| {
        if a.code != b'u' {
            return Err(Exc::value_err(
                "tounicode() may only be called on unicode type arrays",
            ));
        }
        unicode_of(a).map(|s| Value::Str(s.into()))
    })?
}

fn unicode_of(a: &Arr) -> PyResult<String> {
    let mut s = String::new();
    if let Store::U32(v) = &a.store {
        for &c in v {
            match char::from_u32(c) {
                Some(ch) => s.push(ch),
                None => {
                    return Err(Exc::value_err(format!(
                        "character U+{c:x} is not in range [U+0000; U+10ffff]"
                    )));
                }
            }
        }
    }
    Ok(s)
}

fn a_buffer_info(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    need("buffer_info", args, 0)?;
    let (addr, n) = with(&args[0], |a| {
        (each!(&a.store, v => v.as_ptr() as usize), a.len())
    })?;
    Ok(Value::tuple(vec![
        Value::Int(addr as i64),
        Value::Int(n as i64),
    ]))
}

fn a_typecode(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let c = typecode(this(args)?)?;
    Ok(Value::Str((c as char).to_string().into()))
}

fn a_itemsize(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    Ok(Value::Int(with(this(args)?, |a| a.itemsize())? as i64))
}

fn a_repr(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let me = this(args)?;
    let name = match me {
        Value::Instance(i) => i.class.name.to_string(),
        _ => "array".to_string(),
    };
    let a = with(me, |a| a.clone())?;
    let code = a.code as char;
    if a.len() == 0 {
        return Ok(Value::str(&format!("{name}('{code}')")));
    }
    let body = if a.code == b'u' {
        it.repr(&Value::Str(unicode_of(&a)?.into()))?
    } else {
        it.repr(&Value::list(a.values()?))?
    };
    Ok(Value::str(&format!("{name}('{code}', {body})")))
}

fn a_add(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, other] = args else {
        return Err(Exc::type_err("expected 1 argument"));
    };
    if !is_array(other) {
        return Err(Exc::type_err(format!(
            "can only append array (not \"{}\") to array",
            crate::builtins::type_name(other)
        )));
    }
    let b = with(other, |o| o.clone())?;
    let mut a = with(me, |a| a.clone())?;
    if !a.extend_from(&b) || a.code != b.code {
        return Err(Exc::type_err("bad argument type for built-in operation"));
    }
    new_array(me, a)
}

fn repeat_count(v: &Value) -> PyResult<usize> {
    match v {
        Value::Int(n) => Ok((*n).max(0) as usize),
        Value::Bool(b) => Ok(**b as usize),
        Value::Big(b) if b.sign() == num_bigint::Sign::Minus => Ok(0),
        Value::Big(_) => Err(Exc::new("MemoryError", "")),
        other => Err(Exc::type_err(format!(
            "can't multiply sequence by non-int of type '{}'",
            crate::builtins::type_name(other)
        ))),
    }
}

fn a_mul(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, n] = args else {
        return Err(Exc::type_err("expected 1 argument"));
    };
    let n = repeat_count(n)?;
    let a = with(me, |a| a.repeat(n))?;
    new_array(me, a)
}

fn a_imul(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, n] = args else {
        return Err(Exc::type_err("expected 1 argument"));
    };
    let n = repeat_count(n)?;
    with(me, |a| *a = a.repeat(n))?;
    Ok(me.clone())
}

/// `a <op> b` for two arrays: item by item as Python values, then by length (CPython's order).
fn compare(it: &mut Interp, me: &Value, other: &Value, op: &str) -> PyResult<Value> {
    if !is_array(other) {
        return Ok(Value::NotImplemented);
    }
    let x = with(me, |a| a.values())??;
    let y = with(other, |a| a.values())??;
    if (op == "==" || op == "!=") && x.len() != y.len() {
        return Ok(Value::bool(op == "!="));
    }
    for (p, q) in x.iter().zip(y.iter()) {
        if !it.eq(p, q)? {
            if op == "==" {
                return Ok(Value::bool(false));
            }
            if op == "!=" {
                return Ok(Value::bool(true));
            }
            let cop = match op {
                "<" => crate::ast::CmpOp::Lt,
                "<=" => crate::ast::CmpOp::Le,
                ">" => crate::ast::CmpOp::Gt,
                _ => crate::ast::CmpOp::Ge,
            };
            return it.compare(p, cop, q);
        }
    }
    let (n, m) = (x.len(), y.len());
    Ok(Value::bool(match op {
        "==" => true,
        "!=" => false,
        "<" => n < m,
        "<=" => n <= m,
        ">" => n > m,
        _ => n >= m,
    }))
}

macro_rules! cmp_fn {
    ($name:ident, $op:literal) => {
        fn $name(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
            let [me, other] = args else {
                return Err(Exc::type_err("expected 1 argument"));
            };
            compare(it, me, other, $op)
        }
    };
}
cmp_fn!(a_eq, "==");
cmp_fn!(a_ne, "!=");
cmp_fn!(a_lt, "<");
cmp_fn!(a_le, "<=");
cmp_fn!(a_gt, ">");
cmp_fn!(a_ge, ">=");

fn a_copy(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let me = this(args)?;
    let a = with(me, |a| a.clone())?;
    new_array(me, a)
}

fn a_iter(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let vals = with(this(args)?, |a| a.values())??;
    Ok(Value::Iter(Rc::new(RefCell::new(
        crate::value::Iter::Vec {
            items: vals.into_iter(),
        },
    ))))
}

const SOURCE: &str = r#"
typecodes = 'bBuhHiIlLqQfd'

class array:
    __hash__ = None
    def __deepcopy__(self, memo):
        return self.__copy__()
    def __reduce_ex__(self, protocol):
        return (type(self), (self.typecode, self.tolist()), None)
    @property
    def typecode(self):
        return _typecode(self)
    @property
    def itemsize(self):
        return _itemsize(self)
    def tofile(self, f):
        f.write(self.tobytes())
    def fromfile(self, f, n):
        if not isinstance(n, int):
            raise TypeError("'" + type(n).__name__ + "' object cannot be interpreted as an integer")
        if n < 0:
            raise ValueError("negative count")
        size = self.itemsize * n
        b = f.read(size)
        if not isinstance(b, bytes):
            raise TypeError("read() didn't return bytes")
        self.frombytes(b[:len(b) - len(b) % self.itemsize])
        if len(b) != size:
            raise EOFError("read() didn't return enough bytes")

array.__module__ = "array"
ArrayType = array
"#;

/// The methods written in Rust, bound to instances like CPython's method descriptors (see
/// `stdlib::add_methods`).
const METHODS: &[(&str, &str, crate::value::NativeFn)] = &[
    ("__init__", "array.__init__", a_init),
    ("__getitem__", "array.__getitem__", a_getitem),
    ("__setitem__", "array.__setitem__", a_setitem),
    ("__delitem__", "array.__delitem__", a_delitem),
    ("__len__", "array.__len__", a_len),
    ("__iter__", "array.__iter__", a_iter),
    ("__contains__", "array.__contains__", a_contains),
    ("__repr__", "array.__repr__", a_repr),
    ("__add__", "array.__add__", a_add),
    ("__iadd__", "array.__iadd__", a_iadd),
    ("__mul__", "array.__mul__", a_mul),
    ("__rmul__", "array.__rmul__", a_mul),
    ("__imul__", "array.__imul__", a_imul),
    ("__eq__", "array.__eq__", a_eq),
    ("__ne__", "array.__ne__", a_ne),
    ("__lt__", "array.__lt__", a_lt),
    ("__le__", "array.__le__", a_le),
    ("__gt__", "array.__gt__", a_gt),
    ("__ge__", "array.__ge__", a_ge),
    ("__copy__", "array.__copy__", a_copy),
    ("append", "array.append", a_append),
    ("extend", "array.extend", a_extend),
    ("insert", "array.insert", a_insert),
    ("pop", "array.pop", a_pop),
    ("remove", "array.remove", a_remove),
    ("index", "array.index", a_index),
    ("count", "array.count", a_count),
    ("reverse", "array.reverse", a_reverse),
    ("byteswap", "array.byteswap", a_byteswap),
    ("tolist", "array.tolist", a_tolist),
    ("tobytes", "array.tobytes", a_tobytes),
    ("frombytes", "array.frombytes", a_frombytes),
    ("fromlist", "array.fromlist", a_fromlist),
    ("fromunicode", "array.fromunicode", a_fromunicode),
    ("tounicode", "array.tounicode", a_tounicode),
    ("buffer_info", "array.buffer_info", a_buffer_info),
];

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    let m = super::module_from(
        it,
        "array",
        "This module defines an object type which can efficiently represent\nan array of basic values: characters, integers, floating point\nnumbers.",
        &[("_typecode", a_typecode), ("_itemsize", a_itemsize)],
        SOURCE,
    )?;
    super::add_methods(&m, "array", METHODS)?;
    remember_class(&m);
    Ok(m)
}

// ------------------------------------------------------------------------------ buffer export

/// What `memoryview` sees of an array: its typecode and its items' native bytes (`None`: not an array).
pub(crate) fn buffer_bytes(v: &Value) -> Option<(u8, usize, Vec<u8>)> {
    let st = state(v).ok()?;
    let s = st.0.borrow();
    let a = s.downcast_ref::<Arr>()?;
    Some((a.code, a.itemsize(), a.to_bytes()))
}

/// The array state `memoryview` writes through (see [`buffer_write`]).
pub(crate) fn buffer_state(v: &Value) -> Option<Rc<NativeState>> {
    state(v).ok()
}

/// Reads an array state's bytes (for a memoryview over it).
pub(crate) fn state_bytes(st: &NativeState) -> Vec<u8> {
    st.0.borrow()
        .downcast_ref::<Arr>()
        .map(|a| a.to_bytes())
        .unwrap_or_default()
}

/// Overwrites `b.len()` bytes at byte `offset` of an array state (a memoryview's item assignment).
pub(crate) fn buffer_write(st: &NativeState, offset: usize, b: &[u8]) {
    let mut s = st.0.borrow_mut();
    if let Some(a) = s.downcast_mut::<Arr>() {
        let mut all = a.to_bytes();
        if offset + b.len() <= all.len() {
            all[offset..offset + b.len()].copy_from_slice(b);
            let mut fresh = Arr::new(a.code);
            fresh.extend_bytes(&all);
            *a = fresh;
        }
    }
}
