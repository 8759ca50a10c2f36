//! Runtime values: the 16-byte [`Value`] enum (ints and floats inline, everything else behind a one-pointer
//! `Rc`), the insertion-ordered [`Dict`] with Python key semantics, and the object types (functions,
//! classes, instances, iterators) the interpreter creates.

use crate::compile::Code;
use crate::interp::GenState;
use crate::thin::{RcSlice, RcStr};
use indexmap::IndexMap;
use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};
use std::cell::{Cell, RefCell};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

/// A Python value.
///
/// Every payload is one machine word at offset 8 and is an integer or a pointer (bools and floats are
/// stored as words too: [`PyBool`], [`PyFloat`]). That makes `Value` a *scalar pair* to the compiler: it is
/// returned in two registers and copied field by field, never as a 16-byte block read back from two
/// separate stores (which stalls the CPU's store forwarding on every copy).
#[derive(Clone, Default)]
pub enum Value {
    /// `None`.
    #[default]
    None,
    /// `True` / `False`.
    Bool(PyBool),
    /// An int that fits in 64 bits.
    Int(i64),
    /// An int that does not (always normalised: never holds a value that fits in i64).
    Big(Rc<BigInt>),
    /// A float.
    Float(PyFloat),
    /// A str.
    Str(RcStr),
    /// A bytes object.
    Bytes(RcSlice<u8>),
    /// A list.
    List(Rc<RefCell<PyList>>),
    /// A tuple.
    Tuple(RcSlice<Value>),
    /// A dict.
    Dict(Rc<RefCell<Dict>>),
    /// A set (`frozen` = frozenset).
    Set(Rc<SetObj>),
    /// `range(start, stop, step)`.
    Range(Rc<(i64, i64, i64)>),
    /// A `range` whose numbers or length do not fit in an i64 (`range(10**20)`): see `methods::bigrange`.
    BigRange(Rc<BigRange>),
    /// A user-defined function.
    Func(Rc<Function>),
    /// A built-in function or a bound built-in method.
    Builtin(Rc<Builtin>),
    /// A method bound to its instance.
    Bound(Rc<(Value, Value)>),
    /// A class (built-in types are classes too).
    Class(Rc<Class>),
    /// An instance of a user class (and every exception).
    Instance(Rc<Instance>),
    /// A module (`math`).
    Module(Rc<Module>),
    /// An iterator (list/str/dict/... iterators, map, zip, enumerate, generators).
    Iter(Rc<RefCell<Iter>>),
    /// A slice object.
    Slice(Rc<(Value, Value, Value)>),
    /// A dict view: `keys()` (0), `values()` (1) or `items()` (2).
    View(Rc<(Rc<RefCell<Dict>>, u8)>),
    /// `...`
    Ellipsis,
    /// `NotImplemented`
    NotImplemented,
    /// A closure cell (internal: lives only in frame slots).
    Cell(Rc<RefCell<Value>>),
    /// Native state a standard-library object keeps in a hidden attribute (internal: `array`'s typed
    /// storage). Programs never see it as a value of its own.
    Native(Rc<NativeState>),
    /// A complex number (`1j`): its real and imaginary parts.
    Complex(Rc<(f64, f64)>),
    /// An unbound local slot (internal: never visible to programs).
    Undef,
}

/// A bool stored as a full word (see [`Value`]); `*b` or [`PyBool::get`] reads it.
#[repr(u64)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum PyBool {
    /// `False`.
    False = 0,
    /// `True`.
    True = 1,
}

impl PyBool {
    /// The bool.
    #[inline(always)]
    pub fn get(self) -> bool {
        self == PyBool::True
    }
}

impl From<bool> for PyBool {
    #[inline(always)]
    fn from(b: bool) -> Self {
        if b { PyBool::True } else { PyBool::False }
    }
}

impl std::ops::Deref for PyBool {
    type Target = bool;
    #[inline(always)]
    fn deref(&self) -> &bool {
        if self.get() { &true } else { &false }
    }
}

/// A float stored as its bits (see [`Value`]); `*f` or [`PyFloat::get`] reads it.
///
/// It has no `==`: compare the floats (`*a == *b`), not their bits.
#[repr(transparent)]
#[derive(Clone, Copy)]
pub struct PyFloat(u64);

impl PyFloat {
    /// The float.
    #[inline(always)]
    pub fn get(self) -> f64 {
        f64::from_bits(self.0)
    }
}

impl From<f64> for PyFloat {
    #[inline(always)]
    fn from(f: f64) -> Self {
        PyFloat(f.to_bits())
    }
}

impl std::ops::Deref for PyFloat {
    type Target = f64;
    #[inline(always)]
    fn deref(&self) -> &f64 {
        // SAFETY: `PyFloat` is a transparent `u64`, which has the size and alignment of `f64`, and every
        // bit pattern is a valid `f64`.
        unsafe { &*(self as *const PyFloat).cast::<f64>() }
    }
}

impl fmt::Debug for PyFloat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", crate::format::repr_plain(self))
    }
}

/// A set or frozenset.
#[derive(Debug)]
pub struct SetObj {
    pub items: crate::settable::SetItems,
    pub frozen: bool,
}

pub use crate::instdict::{AttrCache, InstDict, SharedKeys};
pub use crate::thin::{FxBuild, FxHasher};

/// A hashable value used as a dict key or set element. Equality and hashing follow Python:
/// `1 == 1.0 == True` hash alike. Objects without value semantics compare by identity.
#[derive(Clone)]
pub struct Key(pub Value);

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The dict-level hash of a str key, computed once (at compile time for names) and reused for lookups.
pub fn str_key_hash(s: &str) -> u64 {
    let mut outer = FxHasher::default();
    outer.write_u64(crate::thin::str_hash(s));
    outer.finish()
}

// `Value` fits in two registers (a tag word and an 8-byte payload), and so does the evaluator's result, so
// both are returned in registers rather than through memory.
const _: () = assert!(size_of::<Value>() == 16);
const _: () = assert!(size_of::<crate::interp::PyResult<Value>>() == 16);

/// Python's hash of a hashable value (`None` for unhashable ones).
pub fn hash_value(v: &Value) -> Option<u64> {
    match v {
        Value::Str(s) => return Some(s.key_hash()),
        // The same key as its value (see `key_native`).
        Value::Instance(_) => {
            if let Some(n) = instance_key_native(v) {
                return hash_value(n);
            }
        }
        _ => {}
    }
    let mut h = FxHasher::default();
    hash_into(v, &mut h)?;
    Some(h.finish())
}

fn hash_into(v: &Value, h: &mut FxHasher) -> Option<()> {
    match v {
        Value::None => h.write_u64(0x5bd1e995),
        Value::Bool(b) => h.write_u64(*b as u64),
        Value::Int(i) => h.write_u64(*i as u64),
        Value::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 9.2e18 {
                h.write_u64(f.get() as i64 as u64)
            } else if f.is_finite() && f.fract() == 0.0 {
                let b = num_bigint::BigInt::from(f.get() as i128);
                b.hash(h)
            } else {
                h.write_u64(f.to_bits())
            }
        }
        Value::Big(b) => b.hash(h),
        // A complex with no imaginary part equals (and so hashes like) its real part.
        Value::Complex(c) if c.1 == 0.0 => hash_into(&Value::float(c.0), h)?,
        Value::Complex(c) => {
            h.write_u64(c.0.to_bits());
            h.write_u64(c.1.to_bits());
        }
        Value::Str(s) => h.write_u64(s.key_hash()),
        Value::Bytes(b) => {
            h.write_u8(0xb);
            b.hash(h)
        }
        Value::Tuple(_) | Value::Set(_) if crate::guard::stop_here() => return None,
        Value::Tuple(t) => {
            h.write_usize(t.len());
            for x in t.iter() {
                hash_into(x, h)?;
            }
        }
        Value::Set(s) if s.frozen => {
            // Cached on the members (see `SetItems::key_hash_cached`): nested frozensets hash in linear time.
            let acc = s.items.key_hash_cached(|| {
                s.items
                    .try_fold_keys(0u64, |acc, k| Some(acc ^ hash_value(&k.0)?))
            })?;
            h.write_u64(acc)
        }
        Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Slice(_) => return None,
        Value::Range(r) => {
            h.write_u64(r.0 as u64);
            h.write_u64(r.1 as u64);
            h.write_u64(r.2 as u64);
        }
        Value::BigRange(r) => crate::methods::bigrange::hash_key(r).hash(h),
        // A user `__hash__` hashes like the int it returned, so `1` and an instance equal to it can meet.
        Value::Instance(i) => match i.user_hash() {
            // An instance of a str/int/... subclass that keeps its base's hash is the same key as its
            // value (`{'k': 1}[S('k')]`, str-valued enum members as keys).
            Some(x) => match key_native(i, x) {
                Some(n) => hash_into(n, h)?,
                None => h.write_u64(x as u64),
            },
            None => h.write_usize(v.identity()),
        },
        other => h.write_usize(other.identity()),
    }
    Some(())
}

/// [`key_native`] of `v` when it is an instance with a recorded hash.
fn instance_key_native(v: &Value) -> Option<&Value> {
    match v {
        Value::Instance(i) => i.user_hash().and_then(|h| key_native(i, h)),
        _ => None,
    }
}

/// The built-in value an instance of a subclass of str, int, float, bytes, tuple or frozenset stands for
/// as a key: its native value, when the instance's hash (`user_hash`, what its `__hash__` returned) is
/// that value's own hash, that is when the subclass keeps its base's `__hash__` (and so, as Python asks
/// of hashable types, an `__eq__` consistent with it).
fn key_native(i: &Instance, user_hash: i64) -> Option<&Value> {
    let n = i.native.as_ref()?;
    let keyable = match n {
        Value::Str(_)
        | Value::Int(_)
        | Value::Big(_)
        | Value::Float(_)
        | Value::Bytes(_)
        | Value::Tuple(_) => true,
        Value::Set(s) => s.frozen,
        _ => false,
    };
    (keyable && crate::pyhash::py_hash(n) == user_hash).then_some(n)
}

/// A borrowed str that looks up a [`Key`] without allocating (hashes exactly like `Key(Value::Str(..))`).
#[derive(Debug, Clone, Copy)]
pub struct StrRef<'a>(pub &'a str);

impl Hash for StrRef<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(crate::thin::str_hash(self.0));
    }
}

impl indexmap::Equivalent<Key> for StrRef<'_> {
    fn equivalent(&self, key: &Key) -> bool {
        matches!(&key.0, Value::Str(s) if **s == *self.0)
    }
}

impl Key {
    /// Whether finding this key in a map takes a class's `__eq__` (it is, or is a tuple holding, an instance
    /// whose class defines `__hash__`), beyond the identity and value equality that [`Key`]'s `Eq` gives.
    #[inline]
    pub fn by_eq(&self) -> bool {
        // str/int/float keys answer with one discriminant test.
        matches!(&self.0, Value::Instance(_) | Value::Tuple(_)) && needs_eq(&self.0)
    }
}

fn needs_eq(v: &Value) -> bool {
    match v {
        Value::Instance(i) => i.user_hash().is_some(),
        Value::Tuple(t) => t
            .iter()
            .any(|x| matches!(x, Value::Instance(_) | Value::Tuple(_)) && needs_eq(x)),
        _ => false,
    }
}

/// The stored keys of `map` whose hash equals `k`'s (found through the table, not by a scan): the ones
/// CPython would compare `k` with by `==`. Cloned so that `__eq__` can run with the map unborrowed.
pub fn same_hash_keys<V>(map: &IndexMap<Key, V, FxBuild>, k: &Key) -> Vec<Value> {
    use indexmap::map::RawEntryApiV1;
    use std::hash::BuildHasher;
    let h = hash_value(&k.0);
    let mut out = Vec::new();
    let _ = map.raw_entry_v1().from_hash(map.hasher().hash_one(k), |c| {
        if hash_value(&c.0) == h {
            out.push(c.0.clone());
        }
        false
    });
    out
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(hash_value(&self.0).unwrap_or(0));
    }
}
impl PartialEq for Key {
    /// Ints, and a str met again by its own pointer, answer inline (most probes of set and dict tables).
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Value::Int(x), Value::Int(y)) => x == y,
            (Value::Str(x), Value::Str(y)) if RcStr::ptr_eq(x, y) => true,
            _ => value_eq(&self.0, &other.0),
        }
    }
}
impl Eq for Key {}

/// Python `==` for values that do not need the interpreter (numbers, strings, containers of them);
/// objects compare by identity.
pub fn value_eq(a: &Value, b: &Value) -> bool {
    use Value::*;
    if matches!(a, Tuple(_) | List(_) | Dict(_)) && crate::guard::stop_here() {
        return a.identity() == b.identity();
    }
    match (a, b) {
        (None, None) | (Ellipsis, Ellipsis) | (NotImplemented, NotImplemented) => true,
        (Int(x), Int(y)) => x == y,
        (Str(x), Str(y)) => RcStr::ptr_eq(x, y) || x == y,
        (Bool(x), Bool(y)) => x == y,
        (Float(x), Float(y)) => **x == **y,
        (Int(_) | Bool(_) | Float(_) | Big(_), Int(_) | Bool(_) | Float(_) | Big(_)) => {
            crate::num::num_cmp(a, b) == Some(std::cmp::Ordering::Equal)
        }
        (Bytes(x), Bytes(y)) => x == y,
        (Complex(_), _) | (_, Complex(_)) => crate::complex::eq(a, b).unwrap_or(false),
        (Tuple(x), Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| value_eq(p, q))
        }
        (List(x), List(y)) => {
            Rc::ptr_eq(x, y) || {
                let (x, y) = (x.borrow(), y.borrow());
                x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| value_eq(p, q))
            }
        }
        (Dict(x), Dict(y)) => {
            Rc::ptr_eq(x, y) || {
                let (x, y) = (x.borrow(), y.borrow());
                x.map().len() == y.map().len()
                    && x.map()
                        .iter()
                        .all(|(k, v)| y.map().get(k).is_some_and(|w| value_eq(v, w)))
            }
        }
        (Set(x), Set(y)) => x.items.len() == y.items.len() && x.items.is_subset_of(&y.items),
        (Range(x), Range(y)) => {
            let lx = crate::builtins::range_len(x);
            let ly = crate::builtins::range_len(y);
            lx == ly && (lx == 0 || (x.0 == y.0 && (lx == 1 || x.2 == y.2)))
        }
        (BigRange(_), Range(_) | BigRange(_)) | (Range(_), BigRange(_)) => {
            crate::methods::bigrange::ranges_equal(a, b)
        }
        (Bound(x), Bound(y)) => {
            x.0.identity() == y.0.identity() && x.1.identity() == y.1.identity()
        }
        // A subclass instance of a hashable built-in that keeps its base's hash compares as its value.
        _ => match (instance_key_native(a), instance_key_native(b)) {
            (Some(n), _) => value_eq(n, b),
            (Option::None, Some(n)) => value_eq(a, n),
            (Option::None, Option::None) => a.identity() == b.identity() && a.identity() != 0,
        },
    }
}

/// An insertion-ordered dict. Every structural change (a key added or removed) gives it a new, globally
/// unique version, which lets name lookups cache "not in this dict" safely.
#[derive(Debug)]
pub struct Dict {
    map: IndexMap<Key, Value, FxBuild>,
    ver: u64,
}

thread_local! {
    static DICT_VERSION: Cell<u64> = const { Cell::new(1) };
}

fn next_dict_version() -> u64 {
    DICT_VERSION.with(|v| {
        let n = v.get() + 1;
        v.set(n);
        n
    })
}

impl Default for Dict {
    fn default() -> Self {
        Dict {
            map: IndexMap::default(),
            ver: next_dict_version(),
        }
    }
}

impl Clone for Dict {
    fn clone(&self) -> Self {
        Dict {
            map: self.map.clone(),
            ver: next_dict_version(),
        }
    }
}

impl Dict {
    /// An empty dict.
    pub fn new() -> Self {
        Dict::default()
    }
    /// A dict holding `map`.
    pub fn from_map(map: IndexMap<Key, Value, FxBuild>) -> Self {
        Dict {
            map,
            ver: next_dict_version(),
        }
    }
    /// The entries, read-only.
    #[inline]
    pub fn map(&self) -> &IndexMap<Key, Value, FxBuild> {
        &self.map
    }
    /// The entries, for changes (counts as a structural change).
    #[inline]
    pub fn map_mut(&mut self) -> &mut IndexMap<Key, Value, FxBuild> {
        self.ver = next_dict_version();
        &mut self.map
    }
    /// The current version (changes whenever a key may have been added or removed).
    #[inline]
    pub fn version(&self) -> u64 {
        self.ver
    }
    /// Looks up a str key.
    #[inline]
    pub fn get_str(&self, k: &str) -> Option<&Value> {
        self.map().get(&StrRef(k))
    }
    /// Looks up a str key by its precomputed [`str_key_hash`], returning its entry index too.
    #[inline]
    pub fn get_h(&self, k: &str, h: u64) -> Option<(usize, &Value)> {
        use indexmap::map::RawEntryApiV1;
        self.map()
            .raw_entry_v1()
            .from_hash_full(h, |key| key_is_str(key, k))
            .map(|(i, _, v)| (i, v))
    }
    /// [`Dict::get_h`], trying the entry at `hint` first (a compare instead of a hash probe) and leaving
    /// there the index where the key was found.
    #[inline]
    pub fn get_hinted(&self, k: &str, h: u64, hint: &Cell<u32>) -> Option<&Value> {
        if let Some((key, v)) = self.map.get_index(hint.get() as usize) {
            if key_is_str(key, k) {
                return Some(v);
            }
        }
        let (i, v) = self.get_h(k, h)?;
        hint.set(i as u32);
        Some(v)
    }
    /// Sets a str key by its precomputed hash (no allocation when the key exists or `k` is shared).
    #[inline]
    pub fn set_h(&mut self, k: &RcStr, h: u64, v: Value) {
        use indexmap::map::RawEntryApiV1;
        use indexmap::map::raw_entry_v1::RawEntryMut;
        match self
            .map
            .raw_entry_mut_v1()
            .from_hash(h, |key| matches!(&key.0, Value::Str(s) if **s == **k))
        {
            RawEntryMut::Occupied(mut o) => {
                *o.get_mut() = v;
            }
            RawEntryMut::Vacant(vac) => {
                vac.insert_hashed_nocheck(h, Key(Value::Str(k.clone())), v);
                self.ver = next_dict_version();
            }
        }
    }
    /// Looks up a str key, returning its entry index too.
    #[inline]
    pub fn get_str_full(&self, k: &RcStr) -> Option<(usize, &Value)> {
        self.map().get_full(&StrRef(k)).map(|(i, _, v)| (i, v))
    }
    /// Sets a str key.
    pub fn set_str(&mut self, k: &str, v: Value) {
        if let Some(slot) = self.map.get_mut(&StrRef(k)) {
            *slot = v;
            return;
        }
        self.map_mut().insert(Key(Value::Str(k.into())), v);
    }
    /// Removes a key, keeping the order of the others.
    pub fn remove(&mut self, k: &Value) -> Option<Value> {
        self.map_mut().shift_remove(&Key(k.clone()))
    }
}

/// Whether `key` is the str `k`: the same string by address (names share their `Rc`), else by contents.
#[inline]
fn key_is_str(key: &Key, k: &str) -> bool {
    matches!(&key.0, Value::Str(s) if (s.as_ptr() == k.as_ptr() && s.len() == k.len()) || **s == *k)
}

/// What an `obj.name` site found on a class (see [`Class::lookup_site`]).
#[derive(Clone, Copy, Default)]
enum SiteHit {
    /// Nothing remembered.
    #[default]
    Unset,
    /// The name is on no class of the MRO.
    Absent,
    /// Another value: where it sits (MRO position, dict entry index); no reference to it is kept.
    Place(u32, u32),
    None,
    Bool(PyBool),
    Int(i64),
    Float(PyFloat),
}

/// An `obj.name` site's memory of a class attribute: the class's address, the class epoch, and what was
/// found. It holds no reference to the class or to any object (numbers, bools and `None` own nothing).
#[derive(Default)]
pub struct ClassSite(Cell<(usize, u64, SiteHit)>);

impl fmt::Debug for ClassSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClassSite")
    }
}

/// A user-defined function: code plus defaults, closure cells and globals.
pub struct Function {
    pub code: Rc<Code>,
    pub defaults: Vec<Value>,
    pub kwdefaults: Vec<(RcStr, Value)>,
    pub closure: Vec<Value>,
    pub globals: Rc<RefCell<Dict>>,
    pub name: RefCell<RcStr>,
    pub qualname: RcStr,
    pub doc: RefCell<Value>,
    pub attrs: RefCell<Dict>,
}

impl fmt::Debug for Function {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<function {}>", self.qualname)
    }
}

/// The signature of a native function: interpreter, positional args, keyword args.
pub type NativeFn =
    fn(&mut crate::interp::Interp, &[Value], &[(RcStr, Value)]) -> crate::interp::PyResult<Value>;

/// A built-in function, optionally bound to a receiver (`[].append`).
pub struct Builtin {
    pub name: &'static str,
    pub func: NativeFn,
    /// The receiver for bound built-in methods; passed as the first positional argument.
    pub this: Option<Value>,
}

impl fmt::Debug for Builtin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<built-in function {}>", self.name)
    }
}

/// Built-in type tags: what a class constructs and how values of it behave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Object,
    Type,
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Range,
    Function,
    BuiltinFunction,
    Method,
    Module,
    Iterator,
    Generator,
    Coroutine,
    AsyncGenerator,
    Slice,
    Ellipsis,
    NotImplementedType,
    /// An exception class (built-in or user-defined subclass).
    Exception,
    /// A user-defined class.
    User,
}

/// A class: built-in types and user classes alike.
pub struct Class {
    /// `__name__`, `__qualname__` and `__module__`: a program may assign them (see [`NameCell`]).
    pub name: NameCell,
    pub qualname: NameCell,
    pub bases: Vec<Rc<Class>>,
    /// The method resolution order, starting with this class.
    pub mro: RefCell<Vec<Rc<Class>>>,
    /// The namespace; shared with the live read-only view `C.__dict__` (a `mappingproxy`).
    pub attrs: Rc<RefCell<Dict>>,
    pub kind: Kind,
    pub module: NameCell,
    /// Cached (class epoch, stores take the slow path, loads take the slow path, stores are slow only
    /// because of `__slots__`) for the attribute fast paths: see [`Class::store_flags`].
    pub flags: Cell<(u64, bool, bool, bool)>,
    /// Cached (class epoch, instances are always true: no `__bool__` or `__len__` along the MRO), for
    /// `if obj:` on user instances.
    pub truth_cache: Cell<(u64, bool)>,
    /// Cached (class epoch, `__init__` found along the MRO, construction may take the fast path).
    pub init_cache: RefCell<Option<(u64, Option<Value>, bool)>>,
    /// The built-in type whose value the instances carry (`class L(list)`: `Kind::List`); `Kind::Object`
    /// for classes whose instances are plain objects.
    pub native: Kind,
    /// The metaclass (`None`: `type`).
    pub meta: Option<Rc<Class>>,
    /// The attribute names instances may hold when every class of the MRO declares `__slots__` (no
    /// `__dict__`); `None`: instances have a `__dict__`.
    pub slots: Option<Rc<[RcStr]>>,
    /// The attribute names its instances share (see [`crate::instdict`]).
    pub keys: Rc<SharedKeys>,
    /// Special methods (`__add__`, `__eq__`...) found along the MRO, stamped with the class epoch: see
    /// [`Class::lookup_special`].
    pub special: RefCell<(u64, Vec<(SpecialName, Option<Value>)>)>,
    /// Where ordinary names were found along the MRO, stamped with the class epoch: see
    /// [`Class::lookup_named`].
    pub named: RefCell<(u64, Vec<NamedEntry>)>,
}

/// One name in [`Class::named`]: its hash, the name, and where the MRO lookup found it (the class's
/// position in the MRO and the entry's index in that class's dict), or `None` when no class has it.
pub type NamedEntry = (u64, RcStr, Option<(u32, u32)>);

/// A class's `__name__`, `__qualname__` or `__module__`: read as the [`RcStr`] it holds now (it derefs to
/// it), and replaced by [`NameCell::set`] when a program assigns the attribute. A reference read before a
/// replacement stays valid: the names a class has had are kept until the class is dropped (a class is
/// renamed a handful of times at most, so this costs nothing that matters).
pub struct NameCell {
    /// The current name: the last of `names`.
    cur: Cell<*const RcStr>,
    /// Boxed so that each name stays where `cur` points when the vector grows.
    #[allow(clippy::vec_box)]
    names: RefCell<Vec<Box<RcStr>>>,
}

impl NameCell {
    pub fn new(name: RcStr) -> NameCell {
        let b = Box::new(name);
        NameCell {
            cur: Cell::new(&*b),
            names: RefCell::new(vec![b]),
        }
    }
    /// Makes `name` the current name.
    pub fn set(&self, name: RcStr) {
        let b = Box::new(name);
        self.cur.set(&*b);
        self.names.borrow_mut().push(b);
    }
    /// The current name (a new reference).
    pub fn get(&self) -> RcStr {
        (**self).clone()
    }
}

impl std::ops::Deref for NameCell {
    type Target = RcStr;
    fn deref(&self) -> &RcStr {
        // SAFETY: `cur` points into a box owned by `names`, which only grows (boxes are never dropped or
        // moved before `self` is), so the pointee lives as long as `self`; nothing hands out `&mut` to it.
        unsafe { &*self.cur.get() }
    }
}

impl From<RcStr> for NameCell {
    fn from(s: RcStr) -> NameCell {
        NameCell::new(s)
    }
}

impl From<&str> for NameCell {
    fn from(s: &str) -> NameCell {
        NameCell::new(s.into())
    }
}

impl From<String> for NameCell {
    fn from(s: String) -> NameCell {
        NameCell::new(s.into())
    }
}

impl fmt::Display for NameCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl fmt::Debug for NameCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl PartialEq<str> for NameCell {
    fn eq(&self, o: &str) -> bool {
        &***self == o
    }
}

impl PartialEq<&str> for NameCell {
    fn eq(&self, o: &&str) -> bool {
        &***self == *o
    }
}

/// How many special-method names a class remembers (see [`Class::lookup_special`]).
const SPECIAL_CACHE: usize = 24;

/// How many ordinary names a class remembers (see [`Class::lookup_named`]).
const NAMED_CACHE: usize = 32;

/// A special-method name as [`Class::lookup_special`]'s cache keeps it: its bytes zero-padded into three words,
/// and its length. Comparing two is four word compares, with no pointer to follow (the cache compared each
/// remembered `RcStr` with the asked name, which read each one's length from its heap block: most of the
/// lookup's time in scimark). Names longer than 24 bytes are not cached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpecialName([u64; 3], usize);

impl SpecialName {
    #[inline(always)]
    fn of(name: &str) -> Option<SpecialName> {
        let b = name.as_bytes();
        if b.len() > 24 {
            return None;
        }
        let mut w = [0u8; 24];
        w[..b.len()].copy_from_slice(b);
        let word = |i: usize| {
            let mut x = [0u8; 8];
            x.copy_from_slice(&w[i * 8..i * 8 + 8]);
            u64::from_ne_bytes(x)
        };
        Some(SpecialName([word(0), word(1), word(2)], b.len()))
    }
}

/// Bumped whenever any class's attributes change; class flag caches compare against it (a plain load).
static CLASS_EPOCH: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Invalidates every class's cached flags and every call site's method cache (call after any class
/// attribute changes, and when a class is created).
pub fn bump_class_epoch() {
    CLASS_EPOCH.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}

/// The current class epoch (what class-attribute caches are stamped with).
#[inline]
pub fn class_epoch() -> u64 {
    CLASS_EPOCH.load(std::sync::atomic::Ordering::Relaxed)
}

impl fmt::Debug for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<class '{}'>", self.name)
    }
}

impl Class {
    /// Looks an attribute up along the MRO.
    pub fn lookup(&self, name: &str) -> Option<Value> {
        if let Some(v) = self.attrs.borrow().get_str(name) {
            return Some(v.clone());
        }
        for c in self.mro.borrow().iter().skip(1) {
            if let Some(v) = c.attrs.borrow().get_str(name) {
                return Some(v.clone());
            }
        }
        None
    }
    /// [`Class::lookup`] for the special-method names operators look up on every use, remembered until any
    /// class changes (at most [`SPECIAL_CACHE`] names per class).
    pub fn lookup_special(&self, name: &str) -> Option<Value> {
        let Some(key) = SpecialName::of(name) else {
            return self.lookup(name);
        };
        let epoch = class_epoch();
        {
            let c = self.special.borrow();
            if c.0 == epoch {
                if let Some((_, v)) = c.1.iter().find(|(k, _)| *k == key) {
                    return v.clone();
                }
            }
        }
        let v = self.lookup(name);
        if let Ok(mut c) = self.special.try_borrow_mut() {
            if c.0 != epoch {
                *c = (epoch, Vec::new());
            }
            if c.1.len() < SPECIAL_CACHE {
                c.1.push((key, v.clone()));
            }
        }
        v
    }

    /// Looks an attribute up along the MRO by its precomputed hash.
    #[inline]
    pub fn lookup_h(&self, name: &str, h: u64) -> Option<Value> {
        for c in self.mro.borrow().iter() {
            if let Some((_, v)) = c.attrs.borrow().get_h(name, h) {
                return Some(v.clone());
            }
        }
        None
    }

    /// [`Class::lookup_h`] through a per-class memory of where each name was found (MRO position and dict
    /// entry index), valid until any class changes (the class epoch moves): a class attribute read
    /// (`Strength.REQUIRED`) or a method call site whose cache missed scans a few remembered hashes instead
    /// of hashing into each dict of the MRO. Positions, not values, are remembered, so a class keeps no
    /// reference to what its attributes held; the entry's key is checked on each hit.
    #[inline]
    pub fn lookup_named(&self, name: &RcStr, h: u64) -> Option<Value> {
        self.lookup_named_hinted(name, h, &AttrCache::default())
    }

    /// [`Class::lookup_named`] from an access site that remembers (as `(0, index)` in its cache) where its
    /// name sat in the class's list last time, so a hit compares one entry instead of scanning the list.
    #[inline]
    pub fn lookup_named_hinted(&self, name: &RcStr, h: u64, hint: &AttrCache) -> Option<Value> {
        let epoch = class_epoch();
        // Where the name was found (`Some(None)`: nowhere), copied out of the borrow.
        let known = match self.named.try_borrow() {
            Ok(c) if c.0 == epoch => {
                let same =
                    |(kh, k, _): &NamedEntry| *kh == h && (RcStr::ptr_eq(k, name) || **k == **name);
                let (tag, i) = hint.0.get();
                match c.1.get(i as usize) {
                    Some(e) if tag == 0 && same(e) => Some(e.2),
                    _ => c.1.iter().position(same).map(|p| {
                        hint.0.set((0, p as u32));
                        c.1[p].2
                    }),
                }
            }
            _ => None,
        };
        match known {
            Some(None) => return None,
            Some(Some((m, i))) => {
                if let Some(cls) = self.mro.borrow().get(m as usize)
                    && let Some((k, v)) = cls.attrs.borrow().map().get_index(i as usize)
                    && key_is_str(k, name)
                {
                    return Some(v.clone());
                }
            }
            None => {}
        }
        self.lookup_named_miss(name, h, epoch).map(|f| f.1)
    }

    /// A class attribute read from an `obj.name` site (`Direction.NONE`, `Strength.REQUIRED`, `self.CONST`,
    /// a method read without a call) through the site's own memory ([`ClassSite`]): when the site last
    /// looked at this class (by address) at the current class epoch, a number, bool or `None` found then
    /// is answered as it was, and anything else is read again at the remembered MRO position and dict
    /// entry (its key checked). The class epoch moves on every change of any class's attributes and on
    /// every class creation, so neither an address reused by a new class nor a rebound attribute can
    /// match a stale memory.
    #[inline]
    pub fn lookup_site(&self, name: &RcStr, h: u64, site: &ClassSite) -> Option<Value> {
        let (addr, e, hit) = site.0.get();
        if addr == self as *const Class as usize && e == class_epoch() {
            match hit {
                SiteHit::None => return Some(Value::None),
                SiteHit::Bool(b) => return Some(Value::Bool(b)),
                SiteHit::Int(i) => return Some(Value::Int(i)),
                SiteHit::Float(f) => return Some(Value::Float(f)),
                SiteHit::Absent => return None,
                SiteHit::Place(m, i) => {
                    if let Some(cls) = self.mro.borrow().get(m as usize)
                        && let Some((k, v)) = cls.attrs.borrow().map().get_index(i as usize)
                        && key_is_str(k, name)
                    {
                        return Some(v.clone());
                    }
                }
                SiteHit::Unset => {}
            }
        }
        self.lookup_site_miss(name, h, site)
    }

    #[inline(never)]
    fn lookup_site_miss(&self, name: &RcStr, h: u64, site: &ClassSite) -> Option<Value> {
        let epoch = class_epoch();
        // The class's own memory first: a site that sees several classes in turn misses on each change.
        let known = match self.named.try_borrow() {
            Ok(c) if c.0 == epoch => {
                c.1.iter()
                    .find(|(kh, k, _)| *kh == h && (RcStr::ptr_eq(k, name) || **k == **name))
                    .map(|e| e.2)
            }
            _ => None,
        };
        let at = |(m, i): (u32, u32)| {
            let mro = self.mro.borrow();
            let attrs = mro.get(m as usize)?.attrs.borrow();
            let (k, v) = attrs.map().get_index(i as usize)?;
            key_is_str(k, name).then(|| ((m, i), v.clone()))
        };
        let found = match known {
            Some(None) => None,
            Some(Some(p)) => at(p).or_else(|| self.lookup_named_miss(name, h, epoch)),
            None => self.lookup_named_miss(name, h, epoch),
        };
        let hit = match &found {
            None => SiteHit::Absent,
            Some((_, Value::None)) => SiteHit::None,
            Some((_, Value::Bool(b))) => SiteHit::Bool(*b),
            Some((_, Value::Int(n))) => SiteHit::Int(*n),
            Some((_, Value::Float(f))) => SiteHit::Float(*f),
            Some(((m, i), _)) => SiteHit::Place(*m, *i),
        };
        site.0.set((self as *const Class as usize, epoch, hit));
        found.map(|f| f.1)
    }

    #[inline(never)]
    fn lookup_named_miss(&self, name: &RcStr, h: u64, epoch: u64) -> Option<((u32, u32), Value)> {
        let mut found = None;
        for (m, c) in self.mro.borrow().iter().enumerate() {
            if let Some((i, v)) = c.attrs.borrow().get_h(name, h) {
                found = Some(((m as u32, i as u32), v.clone()));
                break;
            }
        }
        if let Ok(mut c) = self.named.try_borrow_mut() {
            if c.0 != epoch {
                c.0 = epoch;
                c.1.clear();
            }
            if let Some(e) = c.1.iter_mut().find(|(kh, k, _)| *kh == h && **k == **name) {
                e.2 = found.as_ref().map(|f| f.0);
            } else if c.1.len() < NAMED_CACHE {
                c.1.push((h, name.clone(), found.as_ref().map(|f| f.0)));
            }
        }
        found
    }

    /// `__init__` along the MRO, cached until a class changes, and whether construction may take the fast
    /// path (no user `__new__`, no built-in payload, no metaclass).
    #[inline]
    pub fn lookup_init(&self, h: u64) -> (Option<Value>, bool) {
        let epoch = class_epoch();
        if let Some((e, v, plain)) = &*self.init_cache.borrow() {
            if *e == epoch {
                return (v.clone(), *plain);
            }
        }
        let v = self.lookup_h("__init__", h);
        let plain =
            self.native == Kind::Object
                && self.meta.is_none()
                && self.mro.borrow().iter().all(|c| {
                    c.kind == Kind::Object || c.attrs.borrow().get_str("__new__").is_none()
                });
        *self.init_cache.borrow_mut() = Some((epoch, v.clone(), plain));
        (v, plain)
    }

    /// (stores take the slow path: a user `__setattr__`, `__slots__`, or data descriptors in the MRO; loads
    /// take the slow path: data descriptors — properties, objects whose class defines `__set__` or
    /// `__delete__` — or a user `__getattribute__`), cached until a class changes.
    #[inline]
    pub fn store_flags(&self) -> (bool, bool) {
        let epoch = CLASS_EPOCH.load(std::sync::atomic::Ordering::Relaxed);
        let (e, sa, props, _) = self.flags.get();
        if e == epoch {
            return (sa, props);
        }
        self.store_flags_slow(epoch)
    }

    /// Whether a store of `name` may go straight to the instance storage: no `__setattr__`, no data
    /// descriptors, and `name` is one of the `__slots__` when the class declares them (names outside
    /// them take the slow path, which raises CPython's error).
    #[inline]
    pub fn plain_store(&self, name: &str) -> bool {
        match self.store_flags() {
            // `obj.__dict__ = d` replaces the storage itself.
            (false, false) => name != "__dict__",
            (true, false) => {
                self.flags.get().3
                    && self
                        .slots
                        .as_ref()
                        .is_some_and(|s| s.iter().any(|k| **k == *name))
            }
            _ => false,
        }
    }

    #[inline(never)]
    fn store_flags_slow(&self, epoch: u64) -> (bool, bool) {
        let mut sa = false;
        let mut props = false;
        for c in self.mro.borrow().iter() {
            let a = c.attrs.borrow();
            sa |= c.kind != Kind::Object
                && (a.get_str("__setattr__").is_some() || a.get_str("__delattr__").is_some());
            props |= c.kind != Kind::Object && a.get_str("__getattribute__").is_some();
            props |= a.map().values().any(|v| match v {
                Value::Instance(i) if &*i.class.name == "property" => true,
                Value::Instance(i) if i.class.kind == Kind::User => {
                    i.class.lookup("__set__").is_some() || i.class.lookup("__delete__").is_some()
                }
                _ => false,
            });
        }
        let slots_only = self.slots.is_some() && !sa && !props;
        sa |= props || self.slots.is_some();
        self.flags.set((epoch, sa, props, slots_only));
        (sa, props)
    }

    /// Whether the cached answer "instances are always true" holds at the current class epoch (`None`: not
    /// cached at this epoch).
    #[inline]
    pub fn always_true(&self) -> Option<bool> {
        let epoch = CLASS_EPOCH.load(std::sync::atomic::Ordering::Relaxed);
        let (e, t) = self.truth_cache.get();
        (e == epoch && epoch != 0).then_some(t)
    }

    /// Records [`Class::always_true`]'s answer for the current class epoch.
    pub fn set_always_true(&self, t: bool) {
        let epoch = CLASS_EPOCH.load(std::sync::atomic::Ordering::Relaxed);
        self.truth_cache.set((epoch, t));
    }

    /// True when `self` is `other` or derives from it.
    pub fn is_subclass(&self, other: &Class) -> bool {
        std::ptr::eq(self, other) || self.mro.borrow().iter().any(|c| std::ptr::eq(&**c, other))
    }
}

/// An instance of a user class or an exception.
#[derive(Debug)]
pub struct Instance {
    pub class: Rc<Class>,
    /// The attributes: values under the class's shared names, or a dict (see [`crate::instdict`]).
    pub dict: InstDict,
    /// The result of the class's own `__hash__`, set by `Interp::key` each time the instance becomes a dict
    /// key or set member (CPython calls `__hash__` on every lookup); [`NO_USER_HASH`]: hashed by identity.
    /// A plain `i64` (not `Option`) keeps every instance 8 bytes smaller. The same word holds the cycle
    /// collector's link of an instance hashed by identity (its place in a generation, which it leaves
    /// when freed: see `interp::finalize`), so that tracking an instance costs it no memory: a word
    /// below [`LINK_WORDS_END`] is a link, never a user hash (a user hash there is reduced as CPython's
    /// `hash()` reduces an int); an instance with a user hash keeps its link in a side table.
    pub hash: Cell<i64>,
    /// The built-in value an instance of a built-in type's subclass carries (`class L(list)`: its list).
    pub native: Option<Value>,
}

/// Words of [`Instance::hash`] below this one hold a collector link (`NO_USER_HASH` plus the link's
/// complement, so that `NO_USER_HASH` itself is "in no generation").
pub(crate) const LINK_WORDS_END: i64 = i64::MIN + (1 << 32);

impl Instance {
    /// Empty attribute storage for a new instance of `class`, sharing the class's attribute names.
    #[inline]
    pub fn new_dict(class: &Class) -> InstDict {
        InstDict::shared(&class.keys)
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        // The instance leaves its generation (O(1)), so that nothing points at its memory once freed.
        let w = self.hash.get();
        if w != NO_USER_HASH && (w < LINK_WORDS_END || crate::interp::finalize::any_link_aside()) {
            crate::interp::finalize::unlink(self);
        }
        // A class with `__del__`: the contents move to a queued object whose finalizer runs at the
        // interpreter's next safe point (see `interp::finalize`).
        if crate::interp::finalize::ANY_DEL.load(std::sync::atomic::Ordering::Relaxed) {
            crate::interp::finalize::on_drop(self);
        }
        // The values go first, with no borrow held: dropping them may drop other instances (without
        // recursion, should they nest).
        if self.dict.any_value(nests) {
            drop_values(self.dict.take_values().into_iter());
        }
    }
}

/// [`Instance::hash`] of an instance hashed by identity. A `__hash__` that returns this value is recorded
/// as `i64::MIN + 1`: probe and stored key map alike, and equality still decides.
pub const NO_USER_HASH: i64 = i64::MIN;

/// A new instance's [`Instance::hash`].
#[inline]
pub fn no_user_hash() -> Cell<i64> {
    Cell::new(NO_USER_HASH)
}

impl Instance {
    /// What the class's `__hash__` returned when the instance was last hashed as a key (`None`: never,
    /// or its class has none).
    #[inline]
    pub fn user_hash(&self) -> Option<i64> {
        let h = self.hash.get();
        (h >= LINK_WORDS_END).then_some(h)
    }
    /// Records a `__hash__` result.
    #[inline]
    pub fn set_user_hash(&self, h: i64) {
        let h = if h < LINK_WORDS_END {
            // CPython's `hash()` of such an int: the sign, and the magnitude modulo 2**61 - 1.
            let r = -(((h as i128).abs() % ((1i128 << 61) - 1)) as i64);
            if r == -1 { -2 } else { r }
        } else {
            h
        };
        let w = self.hash.get();
        if w < LINK_WORDS_END && w != NO_USER_HASH {
            crate::interp::finalize::set_link_aside(self, link_of_word(w));
        }
        self.hash.set(h);
    }

    /// The cycle collector's link (`interp::finalize::UNTRACKED` when in no generation).
    #[inline]
    pub(crate) fn gc_link(&self) -> u32 {
        let w = self.hash.get();
        if w < LINK_WORDS_END {
            link_of_word(w)
        } else {
            crate::interp::finalize::link_aside(self)
        }
    }

    /// Sets the cycle collector's link.
    #[inline]
    pub(crate) fn set_gc_link(&self, link: u32) {
        if self.hash.get() < LINK_WORDS_END {
            self.hash.set(NO_USER_HASH.wrapping_add(i64::from(!link)));
        } else {
            crate::interp::finalize::set_link_aside(self, link);
        }
    }
}

#[inline]
fn link_of_word(w: i64) -> u32 {
    !(w.wrapping_sub(NO_USER_HASH) as u32)
}

/// The Rust state behind a standard-library object (see [`Value::Native`]): any type, found again by
/// downcasting.
pub struct NativeState(pub RefCell<Box<dyn std::any::Any>>);

impl fmt::Debug for NativeState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<native state>")
    }
}

/// A module: a name and its namespace.
#[derive(Debug)]
pub struct Module {
    pub name: RcStr,
    pub dict: Rc<RefCell<Dict>>,
}

/// Iterator states.
pub enum Iter {
    Seq {
        seq: Value,
        idx: usize,
    },
    Str {
        s: RcStr,
        byte: usize,
    },
    Range {
        cur: i64,
        stop: i64,
        step: i64,
    },
    DictKeys {
        d: Rc<RefCell<Dict>>,
        idx: usize,
        len: usize,
        what: u8,
    },
    SetItems {
        items: Vec<Value>,
        idx: usize,
        /// The set iterated (a snapshot is walked; a change of its size raises `RuntimeError`, as CPython).
        set: Option<Rc<SetObj>>,
    },
    Vec {
        items: std::vec::IntoIter<Value>,
    },
    Enumerate {
        inner: Value,
        n: Value,
    },
    Zip {
        inners: Vec<Value>,
        strict: bool,
    },
    Map {
        f: Value,
        inners: Vec<Value>,
    },
    Filter {
        f: Value,
        inner: Value,
    },
    Reversed {
        seq: Value,
        idx: usize,
    },
    Generator(Box<GenState>),
    /// An async generator's `__anext__`/`asend`/`athrow`/`aclose` awaitable (or a coroutine's
    /// `__await__` wrapper).
    AsyncOp(Box<crate::interp::AsyncOp>),
    Callable {
        f: Value,
        sentinel: Value,
    },
    /// An iterator a standard-library module implements in Rust (itertools' `count`, `chain`, `product`...).
    Native(Box<NativeIter>),
    Done,
}

/// A range beyond 64 bits (never one that fits [`Value::Range`]).
#[derive(Debug)]
pub struct BigRange {
    pub start: BigInt,
    pub stop: BigInt,
    pub step: BigInt,
}

/// Steps a [`NativeIter`]: the next item, or `None` at the end. It receives the iterator's cell (not a
/// borrow of it) so that it can release the borrow while it runs Python code (a predicate, an inner
/// iterator's `__next__`).
pub type NativeNext =
    fn(&mut crate::interp::Interp, &Rc<RefCell<Iter>>) -> crate::interp::PyResult<Option<Value>>;

/// A CPython-style `repr` of a [`NativeIter`] (`count(5)`, `repeat(1, 3)`).
pub type NativeRepr =
    fn(&mut crate::interp::Interp, &Rc<RefCell<Iter>>) -> crate::interp::PyResult<String>;

/// The state of an iterator a standard-library module implements in Rust: its class (what `type()` and
/// `isinstance` see), the type name CPython's messages give it (`itertools.count`), how it steps and
/// shows itself, and the module's own state.
pub struct NativeIter {
    pub class: Rc<Class>,
    pub tp_name: &'static str,
    pub next: NativeNext,
    pub repr: Option<NativeRepr>,
    pub state: Box<dyn std::any::Any>,
}

impl fmt::Debug for NativeIter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} object>", self.tp_name)
    }
}

impl fmt::Debug for Iter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<iterator>")
    }
}

thread_local! {
    static NEXT_ID: Cell<usize> = const { Cell::new(1) };
}

impl Value {
    /// A str value.
    pub fn str(s: &str) -> Value {
        Value::Str(s.into())
    }
    /// `True` or `False`.
    #[inline(always)]
    pub fn bool(b: bool) -> Value {
        Value::Bool(b.into())
    }
    /// A float.
    #[inline(always)]
    pub fn float(f: f64) -> Value {
        Value::Float(f.into())
    }
    /// A new list.
    pub fn list(v: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(PyList(v))))
    }
    /// A new tuple.
    pub fn tuple(v: Vec<Value>) -> Value {
        Value::Tuple(v.into())
    }
    /// A new dict.
    pub fn dict(d: Dict) -> Value {
        Value::Dict(Rc::new(RefCell::new(d)))
    }
    /// An int from a BigInt, normalised to `Int` when it fits.
    pub fn from_big(b: BigInt) -> Value {
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::Big(Rc::new(b)),
        }
    }
    /// A stable identity for `id()` and `is`: the pointer for heap objects, a synthetic value otherwise.
    pub fn identity(&self) -> usize {
        match self {
            Value::None => 1,
            Value::Ellipsis => 3,
            Value::NotImplemented => 5,
            Value::Bool(b) => 7 + *b as usize * 2,
            Value::Int(_) | Value::Float(_) | Value::Undef => 0,
            Value::Big(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Str(r) => RcStr::as_ptr(r) as usize,
            Value::Bytes(r) => RcSlice::as_ptr(r) as usize,
            Value::List(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Tuple(r) => RcSlice::as_ptr(r) as usize,
            Value::Dict(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Set(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Range(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Func(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Builtin(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Bound(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Class(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Instance(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Module(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Iter(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Slice(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::BigRange(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::View(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Cell(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Native(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Complex(r) => Rc::as_ptr(r) as *const u8 as usize,
        }
    }

    /// `is` comparison.
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Int(a), Value::Int(b)) => a == b && (-5..=256).contains(a),
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Str(a), Value::Str(b)) => RcStr::ptr_eq(a, b) || (a.len() <= 1 && a == b),
            (Value::Tuple(a), Value::Tuple(b)) => {
                RcSlice::ptr_eq(a, b) || (a.is_empty() && b.is_empty())
            }
            _ => {
                let (a, b) = (self.identity(), other.identity());
                a != 0 && a == b
            }
        }
    }

    /// Truthiness for values that need no interpreter call (instances are handled by the interpreter).
    pub fn truthy_basic(&self) -> Option<bool> {
        Some(match self {
            Value::None => false,
            Value::Bool(b) => b.get(),
            Value::Int(i) => *i != 0,
            Value::Big(b) => !b.is_zero(),
            Value::Float(f) => f.get() != 0.0,
            Value::Complex(c) => c.0 != 0.0 || c.1 != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Bytes(s) => !s.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.borrow().map().is_empty(),
            Value::Set(s) => !s.items.is_empty(),
            Value::Range(r) => crate::builtins::range_len(r) != 0,
            Value::BigRange(r) => !crate::methods::bigrange::big_len(r).is_zero(),
            Value::Instance(_) => return None,
            _ => true,
        })
    }
}

/// Fresh ids for objects that need one but have no heap address of their own.
pub fn next_id() -> usize {
    NEXT_ID.with(|c| {
        let v = c.get();
        c.set(v + 1);
        v
    })
}

/// A list's items: a `Vec<Value>` (it dereferences to one) whose drop is iterative, so that a list nested a
/// million deep is freed without a million nested drops on the stack.
#[derive(Clone, Default, Debug)]
pub struct PyList(pub Vec<Value>);
impl std::ops::Deref for PyList {
    type Target = Vec<Value>;
    #[inline(always)]
    fn deref(&self) -> &Vec<Value> {
        &self.0
    }
}
impl std::ops::DerefMut for PyList {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut Vec<Value> {
        &mut self.0
    }
}
impl From<Vec<Value>> for PyList {
    #[inline(always)]
    fn from(v: Vec<Value>) -> Self {
        PyList(v)
    }
}

impl Drop for PyList {
    #[inline]
    fn drop(&mut self) {
        // A big list under a deadline is freed a chunk at a time at the interpreter's limit checks.
        if crate::teardown::wants(self.0.len()) {
            crate::teardown::defer(std::mem::take(&mut self.0).into_iter());
            return;
        }
        // A list of scalars drops as a plain vector; one holding containers lets the loop free them.
        if self.0.iter().any(nests) {
            drop_values(self.0.drain(..));
        }
    }
}

impl crate::thin::SliceItem for Value {
    // A big tuple under a deadline is freed a chunk at a time, as a big list is.
    const DEFERRED: bool = true;

    unsafe fn drop_items(items: *mut [Value]) {
        // SAFETY: the caller gives up the items: each is read out exactly once and never used again.
        let items = unsafe { &mut *items };
        if !items.iter().any(nests) {
            // SAFETY: as above.
            unsafe { std::ptr::drop_in_place(items) };
            return;
        }
        // SAFETY: as above; `read` moves each item out, and the slice is not dropped again.
        drop_values(items.iter().map(|v| unsafe { std::ptr::read(v) }));
    }
}

impl Drop for Dict {
    fn drop(&mut self) {
        if crate::teardown::wants(self.map.len()) {
            crate::teardown::defer(std::mem::take(&mut self.map).into_iter());
            return;
        }
        if self.map.values().any(nests) || self.map.keys().any(|k| nests(&k.0)) {
            let map = std::mem::take(&mut self.map);
            drop_values(map.into_iter().flat_map(|(k, v)| [k.0, v]));
        }
    }
}

impl Drop for SetObj {
    fn drop(&mut self) {
        if crate::teardown::wants(self.items.len()) {
            // The table's own drop hands it to the incremental teardown.
            return;
        }
        if self.items.any_key(|k| nests(&k.0)) {
            drop_values(self.items.take_keys().into_iter().map(|k| k.0));
        }
    }
}

/// Whether dropping `v` may drop further containers (so that a chain of them could recurse deeply).
#[inline]
pub(crate) fn nests(v: &Value) -> bool {
    matches!(
        v,
        Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::Instance(_)
            | Value::Iter(_)
            | Value::Bound(_)
            | Value::Cell(_)
            | Value::Func(_)
            | Value::Slice(_)
    )
}

thread_local! {
    /// Whether a [`drop_values`] loop is running on this thread, and the values handed to it meanwhile.
    static DROPPING: Cell<bool> = const { Cell::new(false) };
    static PENDING: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
}

/// Drops values without recursion: the outermost call drops them one by one, and containers freed meanwhile
/// hand their own items back to it instead of dropping them in a nested call. A list nested ten million deep
/// then frees on a few stack frames, as CPython's "trashcan" does.
pub(crate) fn drop_values(items: impl Iterator<Item = Value>) {
    let outer = DROPPING.try_with(|d| !d.replace(true)).unwrap_or(false);
    if !outer {
        // Inside a running loop (or while the thread exits): hand the nesting values to it.
        let mut rest = Vec::new();
        let handed = PENDING
            .try_with(|p| match p.try_borrow_mut() {
                Ok(mut p) => {
                    for v in items {
                        if nests(&v) {
                            p.push(v);
                        } else {
                            rest.push(v);
                        }
                    }
                    true
                }
                Err(_) => false,
            })
            .unwrap_or(false);
        drop(rest);
        let _ = handed;
        return;
    }
    let mut work: Vec<Value> = items.collect();
    loop {
        while let Some(v) = work.pop() {
            drop(v);
            let _ = PENDING.try_with(|p| {
                if let Ok(mut p) = p.try_borrow_mut() {
                    work.append(&mut p);
                }
            });
        }
        let more = PENDING
            .try_with(|p| {
                p.try_borrow_mut()
                    .map(|mut p| std::mem::take(&mut *p))
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        if more.is_empty() {
            break;
        }
        work = more;
    }
    let _ = DROPPING.try_with(|d| d.set(false));
}
