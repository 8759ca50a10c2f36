//! `memoryview`: a view of the bytes of a bytes-like object (`bytes`, `bytearray`, `array.array`,
//! another memoryview) without copying them. A built-in class whose instances keep a [`View`] in a hidden
//! `Value::Native` attribute, as `bytearray` does. A view over a bytearray or an array shares its store:
//! writes through the view are seen by the object and the other way round. One-dimensional views index,
//! slice (any step), compare, hash (read-only byte formats) and convert (`tobytes`, `tolist`, `hex`);
//! `cast` reinterprets a contiguous view as another native format, optionally with a shape.

use super::*;
use crate::builtins::builtin;
use crate::value::{Class, Instance, NativeState};

/// The hidden attribute holding the view.
const SLOT: &str = "__memoryview_state__";

/// Where the bytes live.
#[derive(Clone)]
enum Src {
    /// Immutable bytes (a view over `bytes` is read-only).
    Bytes(RcSlice<u8>),
    /// A bytearray's shared store.
    ByteArray(Rc<NativeState>),
    /// An array's shared state.
    Array(Rc<NativeState>),
}

impl Src {
    fn bytes(&self) -> Vec<u8> {
        match self {
            Src::Bytes(b) => b.to_vec(),
            Src::ByteArray(s) => {
                s.0.borrow()
                    .downcast_ref::<Vec<u8>>()
                    .cloned()
                    .unwrap_or_default()
            }
            Src::Array(s) => crate::stdlib::array::state_bytes(s),
        }
    }
    fn write(&self, offset: usize, b: &[u8]) {
        match self {
            Src::Bytes(_) => {}
            Src::ByteArray(s) => {
                if let Some(v) = s.0.borrow_mut().downcast_mut::<Vec<u8>>() {
                    if offset + b.len() <= v.len() {
                        v[offset..offset + b.len()].copy_from_slice(b);
                    }
                }
            }
            Src::Array(s) => crate::stdlib::array::buffer_write(s, offset, b),
        }
    }
}

/// A view: items `start + k * step` (bytes) for `k < len`, each `itemsize` bytes in format `fmt`.
#[derive(Clone)]
struct View {
    obj: Value,
    src: Src,
    start: usize,
    step: isize,
    len: usize,
    fmt: String,
    itemsize: usize,
    readonly: bool,
    released: bool,
    /// The shape of a cast with a shape of more than one dimension (`len` counts all items).
    shape: Option<Vec<usize>>,
}

impl View {
    fn item_bytes(&self, all: &[u8], k: usize) -> Vec<u8> {
        let off = (self.start as isize + k as isize * self.step) as usize;
        all.get(off..off + self.itemsize)
            .map(|s| s.to_vec())
            .unwrap_or_default()
    }
    fn contiguous(&self) -> bool {
        self.step == self.itemsize as isize || self.len <= 1
    }
    fn data(&self) -> Vec<u8> {
        let all = self.src.bytes();
        if self.contiguous() {
            let end = (self.start + self.len * self.itemsize).min(all.len());
            return all
                .get(self.start..end)
                .map(|s| s.to_vec())
                .unwrap_or_default();
        }
        (0..self.len)
            .flat_map(|k| self.item_bytes(&all, k))
            .collect()
    }
    fn shape(&self) -> Vec<usize> {
        self.shape.clone().unwrap_or_else(|| vec![self.len])
    }
}

/// The item size of a native struct format (`@` prefix allowed), or `None` when memoryview does not
/// know it.
fn format_size(fmt: &str) -> Option<usize> {
    let f = fmt.strip_prefix('@').unwrap_or(fmt);
    Some(match f {
        "B" | "b" | "c" | "?" => 1,
        "h" | "H" => 2,
        "i" | "I" | "f" => 4,
        "l" | "L" | "q" | "Q" | "n" | "N" | "P" | "d" => 8,
        _ => return None,
    })
}

fn decode(fmt: &str, b: &[u8]) -> Value {
    let f = fmt.strip_prefix('@').unwrap_or(fmt);
    let mut a8 = [0u8; 8];
    let n = b.len().min(8);
    a8[..n].copy_from_slice(&b[..n]);
    let a4 = [a8[0], a8[1], a8[2], a8[3]];
    let a2 = [a8[0], a8[1]];
    match f {
        "B" => Value::Int(a8[0] as i64),
        "b" => Value::Int(a8[0] as i8 as i64),
        "c" => Value::Bytes(vec![a8[0]].into()),
        "?" => Value::bool(a8[0] != 0),
        "h" => Value::Int(i16::from_ne_bytes(a2) as i64),
        "H" => Value::Int(u16::from_ne_bytes(a2) as i64),
        "i" => Value::Int(i32::from_ne_bytes(a4) as i64),
        "I" => Value::Int(u32::from_ne_bytes(a4) as i64),
        "f" => Value::float(f32::from_ne_bytes(a4) as f64),
        "d" => Value::float(f64::from_ne_bytes(a8)),
        "l" | "q" | "n" => Value::Int(i64::from_ne_bytes(a8)),
        "w" => match char::from_u32(u32::from_ne_bytes(a4)) {
            Some(c) => Value::Str(c.to_string().into()),
            None => Value::Int(u32::from_ne_bytes(a4) as i64),
        },
        _ => {
            let u = u64::from_ne_bytes(a8);
            i64::try_from(u)
                .map(Value::Int)
                .unwrap_or_else(|_| Value::from_big(BigInt::from(u)))
        }
    }
}

fn encode(fmt: &str, v: &Value) -> PyResult<Vec<u8>> {
    let f = fmt.strip_prefix('@').unwrap_or(fmt);
    let bad = || Exc::type_err(format!("memoryview: invalid type for format '{fmt}'"));
    let range = || Exc::value_err(format!("memoryview: invalid value for format '{fmt}'"));
    match f {
        "c" => match v {
            Value::Bytes(b) if b.len() == 1 => Ok(b.to_vec()),
            _ => Err(bad()),
        },
        "?" => Ok(vec![u8::from(
            matches!(v, Value::Bool(b) if **b) || matches!(v, Value::Int(i) if *i != 0),
        )]),
        "f" | "d" => {
            let x = match v {
                Value::Float(x) => **x,
                Value::Int(i) => *i as f64,
                Value::Bool(b) => **b as i64 as f64,
                _ => return Err(bad()),
            };
            Ok(if f == "f" {
                (x as f32).to_ne_bytes().to_vec()
            } else {
                x.to_ne_bytes().to_vec()
            })
        }
        _ => {
            let i: i128 = match v {
                Value::Int(i) => *i as i128,
                Value::Bool(b) => **b as i128,
                Value::Big(b) => i128::try_from(&**b).map_err(|_| range())?,
                _ => return Err(bad()),
            };
            let size = format_size(f).ok_or_else(bad)?;
            let signed = matches!(f, "b" | "h" | "i" | "l" | "q" | "n");
            let bits = size as u32 * 8;
            let (lo, hi) = if signed {
                (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
            } else {
                (0, (1i128 << bits) - 1)
            };
            if i < lo || i > hi {
                return Err(range());
            }
            Ok((i as u64).to_ne_bytes()[..size].to_vec())
        }
    }
}

fn state(v: &Value) -> Option<Rc<NativeState>> {
    if let Value::Instance(i) = v {
        if let Some(Value::Native(s)) = i.dict.borrow().get_str(SLOT) {
            return Some(s.clone());
        }
    }
    None
}

/// The view of `v` (a memoryview), checked not released.
fn view(v: &Value) -> PyResult<View> {
    let raw = raw_view(v)?;
    if raw.released {
        return Err(Exc::value_err(
            "operation forbidden on released memoryview object",
        ));
    }
    Ok(raw)
}

fn raw_view(v: &Value) -> PyResult<View> {
    state(v)
        .and_then(|s| s.0.borrow().downcast_ref::<View>().cloned())
        .ok_or_else(|| {
            Exc::type_err(format!(
                "descriptor requires a 'memoryview' object but received a '{}'",
                type_name(v)
            ))
        })
}

/// Whether `v` is a memoryview.
pub(crate) fn is_memoryview(v: &Value) -> bool {
    state(v).is_some_and(|s| s.0.borrow().is::<View>())
}

/// The bytes a memoryview shows (for `bytes(m)`, `bytearray(m)` and bytes-like operands).
pub(crate) fn memoryview_bytes(v: &Value) -> Option<Vec<u8>> {
    view(v).ok().map(|w| w.data())
}

fn class_of(it: &Interp) -> PyResult<Rc<Class>> {
    match it.builtins.borrow().get_str("memoryview") {
        Some(Value::Class(c)) => Ok(c.clone()),
        _ => Err(Exc::type_err("memoryview is missing from builtins")),
    }
}

fn new_view(it: &Interp, w: View) -> PyResult<Value> {
    let class = class_of(it)?;
    let inst = Rc::new(Instance {
        dict: Instance::new_dict(&class),
        class,
        hash: crate::value::no_user_hash(),
        native: None,
    });
    install(&inst, w);
    Ok(Value::Instance(inst))
}

fn install(inst: &Instance, w: View) {
    let st = NativeState(RefCell::new(Box::new(w)));
    inst.dict
        .borrow_mut()
        .set_str(SLOT, Value::Native(Rc::new(st)));
}

/// The view `memoryview(obj)` makes.
fn view_of(obj: &Value) -> PyResult<View> {
    if is_memoryview(obj) {
        return view(obj);
    }
    let (src, fmt, itemsize, len, readonly) = if let Value::Bytes(b) = obj {
        (Src::Bytes(b.clone()), "B".to_string(), 1, b.len(), true)
    } else if let Some(s) = super::bytearray::shared_state(obj) {
        let n =
            s.0.borrow()
                .downcast_ref::<Vec<u8>>()
                .map_or(0, |v| v.len());
        (Src::ByteArray(s), "B".to_string(), 1, n, false)
    } else if let Some((code, size, bytes)) = crate::stdlib::array::buffer_bytes(obj) {
        let st = crate::stdlib::array::buffer_state(obj)
            .ok_or_else(|| Exc::type_err("array state is missing"))?;
        let fmt = if code == b'u' {
            "w".to_string()
        } else {
            (code as char).to_string()
        };
        (Src::Array(st), fmt, size, bytes.len() / size.max(1), false)
    } else {
        return Err(Exc::type_err(format!(
            "memoryview: a bytes-like object is required, not '{}'",
            type_name(obj)
        )));
    };
    Ok(View {
        obj: obj.clone(),
        src,
        start: 0,
        step: itemsize as isize,
        len,
        fmt,
        itemsize,
        readonly,
        released: false,
        shape: None,
    })
}

fn this(args: &[Value]) -> PyResult<&Value> {
    args.first()
        .ok_or_else(|| Exc::type_err("descriptor needs an argument"))
}

fn mv_init(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let me = this(args)?;
    let obj = match (args.get(1), kw.first()) {
        (Some(o), None) if args.len() == 2 => o.clone(),
        (None, Some((k, o))) if kw.len() == 1 && &**k == "object" => o.clone(),
        _ => {
            return Err(Exc::type_err(
                "memoryview() missing required argument 'object' (pos 1)",
            ));
        }
    };
    let w = view_of(&obj)?;
    if let Value::Instance(i) = me {
        install(i, w);
    }
    Ok(Value::None)
}

fn mv_len(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let w = view(this(args)?)?;
    Ok(Value::Int(w.shape()[0] as i64))
}

fn one_dim(w: &View) -> PyResult<()> {
    if w.shape.is_some() {
        return Err(Exc::new(
            "NotImplementedError",
            "multi-dimensional sub-views are not implemented",
        ));
    }
    Ok(())
}

fn mv_getitem(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, i] = args else {
        return Err(Exc::type_err("expected 1 argument"));
    };
    let w = view(me)?;
    if let Value::Slice(s) = i {
        one_dim(&w)?;
        let (lo, hi, step) = super::index::slice_indices(it, s, w.len as i64)?;
        let n = super::index::slice_positions(lo, hi, step).len();
        let mut sub = w.clone();
        sub.start = if n == 0 {
            w.start
        } else {
            (w.start as isize + lo as isize * w.step) as usize
        };
        sub.step = w.step * step as isize;
        sub.len = n;
        return new_view(it, sub);
    }
    if matches!(i, Value::Tuple(_)) {
        return Err(Exc::type_err("memoryview: invalid slice key"));
    }
    one_dim(&w)?;
    let k = super::index::norm_index(i, w.len, "index")
        .map_err(|_| Exc::new("IndexError", "index out of bounds on dimension 1"))?;
    let all = w.src.bytes();
    Ok(decode(&w.fmt, &w.item_bytes(&all, k)))
}

fn mv_setitem(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, i, v] = args else {
        return Err(Exc::type_err("expected 2 arguments"));
    };
    let w = view(me)?;
    if w.readonly {
        return Err(Exc::type_err("cannot modify read-only memory"));
    }
    one_dim(&w)?;
    if let Value::Slice(s) = i {
        let (lo, hi, step) = super::index::slice_indices(it, s, w.len as i64)?;
        let pos = super::index::slice_positions(lo, hi, step);
        let src = match bytes_of_buffer(v) {
            Some((b, fmt)) if fmt == w.fmt || (w.itemsize == 1 && fmt == "B") => b,
            Some(_) => {
                return Err(Exc::value_err(
                    "memoryview assignment: lvalue and rvalue have different structures",
                ));
            }
            None => {
                return Err(Exc::type_err(format!(
                    "a bytes-like object is required, not '{}'",
                    type_name(v)
                )));
            }
        };
        if src.len() != pos.len() * w.itemsize {
            return Err(Exc::value_err(
                "memoryview assignment: lvalue and rvalue have different structures",
            ));
        }
        for (n, k) in pos.iter().enumerate() {
            let off = (w.start as isize + *k as isize * w.step) as usize;
            w.src.write(off, &src[n * w.itemsize..(n + 1) * w.itemsize]);
        }
        return Ok(Value::None);
    }
    let k = super::index::norm_index(i, w.len, "index")
        .map_err(|_| Exc::new("IndexError", "index out of bounds on dimension 1"))?;
    let b = encode(&w.fmt, v)?;
    let off = (w.start as isize + k as isize * w.step) as usize;
    w.src.write(off, &b);
    Ok(Value::None)
}

/// The bytes and format of a bytes-like value (a memoryview keeps its own format).
fn bytes_of_buffer(v: &Value) -> Option<(Vec<u8>, String)> {
    if is_memoryview(v) {
        let w = view(v).ok()?;
        return Some((w.data(), w.fmt.clone()));
    }
    let w = view_of(v).ok()?;
    Some((w.data(), w.fmt))
}

fn mv_delitem(_it: &mut Interp, _args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    Err(Exc::type_err("cannot delete memory"))
}

fn tolist_of(w: &View) -> Value {
    let all = w.src.bytes();
    let items: Vec<Value> = (0..w.len)
        .map(|k| decode(&w.fmt, &w.item_bytes(&all, k)))
        .collect();
    fn nest(items: &[Value], shape: &[usize]) -> Value {
        if shape.len() <= 1 {
            return Value::List(Rc::new(RefCell::new(items.to_vec().into())));
        }
        let chunk = items.len() / shape[0].max(1);
        let rows: Vec<Value> = (0..shape[0])
            .map(|r| nest(&items[r * chunk..(r + 1) * chunk], &shape[1..]))
            .collect();
        Value::List(Rc::new(RefCell::new(rows.into())))
    }
    nest(&items, &w.shape())
}

fn mv_tolist(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    Ok(tolist_of(&view(this(args)?)?))
}

fn mv_tobytes(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    Ok(Value::Bytes(view(this(args)?)?.data().into()))
}

fn mv_hex(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let b = Value::Bytes(view(this(args)?)?.data().into());
    let m = it.get_attr(&b, "hex")?;
    it.call(&m, args[1..].to_vec(), kw.to_vec())
}

fn mv_release(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if let Some(s) = state(this(args)?) {
        if let Some(w) = s.0.borrow_mut().downcast_mut::<View>() {
            w.released = true;
        }
    }
    Ok(Value::None)
}

fn mv_enter(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    view(this(args)?)?;
    Ok(args[0].clone())
}

fn mv_exit(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    mv_release(it, &args[..1.min(args.len())], kw)?;
    Ok(Value::None)
}

fn mv_toreadonly(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let mut w = view(this(args)?)?;
    w.readonly = true;
    new_view(it, w)
}

fn mv_cast(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let w = view(this(args)?)?;
    let mut fmt = args.get(1).cloned();
    let mut shape = args.get(2).cloned();
    for (k, v) in kw {
        match &**k {
            "format" => fmt = Some(v.clone()),
            "shape" => shape = Some(v.clone()),
            _ => {
                return Err(Exc::type_err(format!(
                    "cast() got an unexpected keyword argument '{k}'"
                )));
            }
        }
    }
    let Some(Value::Str(fmt)) = fmt else {
        return Err(Exc::type_err(
            "memoryview: format argument must be a string",
        ));
    };
    if !w.contiguous() {
        return Err(Exc::type_err(
            "memoryview: casts are restricted to C-contiguous views",
        ));
    }
    let size = format_size(&fmt).ok_or_else(|| {
        Exc::value_err(
            "memoryview: destination format must be a native single character format prefixed with an optional '@'",
        )
    })?;
    if w.itemsize != 1 && size != 1 {
        return Err(Exc::type_err(
            "memoryview: cannot cast between two non-byte formats",
        ));
    }
    let nbytes = w.len * w.itemsize;
    let dims = match shape {
        None => None,
        Some(s) => {
            let items = it.collect(&s)?;
            let mut d = Vec::new();
            for x in items {
                let n = to_index_of(it, &x)?;
                if n <= 0 {
                    return Err(Exc::value_err(
                        "memoryview.cast(): elements of shape must be integers > 0",
                    ));
                }
                d.push(n as usize);
            }
            Some(d)
        }
    };
    let count = match &dims {
        Some(d) => d.iter().product::<usize>(),
        None => {
            if nbytes % size != 0 {
                return Err(Exc::type_err(
                    "memoryview: length is not a multiple of itemsize",
                ));
            }
            nbytes / size
        }
    };
    if count * size != nbytes {
        return Err(Exc::type_err(
            "memoryview: product(shape) * itemsize != buffer size",
        ));
    }
    let mut out = w.clone();
    out.fmt = fmt.to_string();
    out.itemsize = size;
    out.step = size as isize;
    out.len = count;
    out.shape = dims.filter(|d| d.len() > 1);
    new_view(it, out)
}

fn mv_eq(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, other] = args else {
        return Err(Exc::type_err("expected 1 argument"));
    };
    if me.is(other) {
        return Ok(Value::bool(true));
    }
    let w = view(me)?;
    let Ok(o) = (if is_memoryview(other) {
        view(other)
    } else {
        view_of(other)
    }) else {
        return Ok(Value::NotImplemented);
    };
    if w.shape() != o.shape() {
        return Ok(Value::bool(false));
    }
    let (a, b) = (tolist_of(&w), tolist_of(&o));
    Ok(Value::bool(it.eq(&a, &b)?))
}

fn mv_ne(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    match mv_eq(it, args, kw)? {
        Value::Bool(b) => Ok(Value::bool(!*b)),
        other => Ok(other),
    }
}

fn mv_hash(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let w = view(this(args)?)?;
    if !w.readonly {
        return Err(Exc::value_err("cannot hash writable memoryview object"));
    }
    if !matches!(w.fmt.as_str(), "B" | "b" | "c") {
        return Err(Exc::value_err(
            "memoryview: hashing is restricted to formats 'B', 'b' or 'c'",
        ));
    }
    crate::builtins::hash_of(it, &Value::Bytes(w.data().into())).map(Value::Int)
}

fn mv_repr(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let me = this(args)?;
    let released = raw_view(me)?.released;
    let addr = match me {
        Value::Instance(i) => Rc::as_ptr(i) as usize,
        _ => 0,
    };
    Ok(Value::Str(
        if released {
            format!("<released memory at {addr:#x}>")
        } else {
            format!("<memory at {addr:#x}>")
        }
        .into(),
    ))
}

fn tuple_of(v: &[usize]) -> Value {
    Value::Tuple(
        v.iter()
            .map(|n| Value::Int(*n as i64))
            .collect::<Vec<_>>()
            .into(),
    )
}

/// The view's data attributes (`format`, `itemsize`, `nbytes`, `readonly`, `shape`...).
fn mv_getattr(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, name] = args else {
        return Err(Exc::type_err("expected 1 argument"));
    };
    let name = match name {
        Value::Str(s) => s.clone(),
        _ => return Err(Exc::type_err("attribute name must be string")),
    };
    let known = [
        "obj",
        "format",
        "itemsize",
        "nbytes",
        "readonly",
        "ndim",
        "shape",
        "strides",
        "suboffsets",
        "c_contiguous",
        "f_contiguous",
        "contiguous",
    ];
    if !known.contains(&&*name) {
        return Err(Exc::new(
            "AttributeError",
            format!("'memoryview' object has no attribute '{name}'"),
        ));
    }
    let w = view(me)?;
    let shape = w.shape();
    Ok(match &*name {
        "obj" => w.obj.clone(),
        "format" => Value::Str(w.fmt.clone().into()),
        "itemsize" => Value::Int(w.itemsize as i64),
        "nbytes" => Value::Int((w.len * w.itemsize) as i64),
        "readonly" => Value::bool(w.readonly),
        "ndim" => Value::Int(shape.len() as i64),
        "shape" => tuple_of(&shape),
        "strides" => {
            let mut strides = vec![0usize; shape.len()];
            let mut acc = w.itemsize;
            for d in (0..shape.len()).rev() {
                strides[d] = acc;
                acc *= shape[d];
            }
            if w.shape.is_none() {
                return Ok(Value::Tuple(vec![Value::Int(w.step as i64)].into()));
            }
            tuple_of(&strides)
        }
        "suboffsets" => Value::Tuple(Vec::new().into()),
        "f_contiguous" => Value::bool(w.contiguous() && shape.len() <= 1),
        _ => Value::bool(w.contiguous()),
    })
}

fn mv_iter(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let w = view(this(args)?)?;
    if w.shape.is_some() {
        return Err(Exc::new(
            "NotImplementedError",
            "multi-dimensional sub-views are not implemented",
        ));
    }
    let l = mv_tolist(it, args, kw)?;
    it.iter(&l)
}

type Method = (&'static str, &'static str, NativeFn);

const METHODS: &[Method] = &[
    ("__init__", "memoryview.__init__", mv_init),
    ("__len__", "memoryview.__len__", mv_len),
    ("__getitem__", "memoryview.__getitem__", mv_getitem),
    ("__setitem__", "memoryview.__setitem__", mv_setitem),
    ("__delitem__", "memoryview.__delitem__", mv_delitem),
    ("__iter__", "memoryview.__iter__", mv_iter),
    ("__eq__", "memoryview.__eq__", mv_eq),
    ("__ne__", "memoryview.__ne__", mv_ne),
    ("__hash__", "memoryview.__hash__", mv_hash),
    ("__repr__", "memoryview.__repr__", mv_repr),
    ("__enter__", "memoryview.__enter__", mv_enter),
    ("__exit__", "memoryview.__exit__", mv_exit),
    ("__getattr__", "memoryview.__getattr__", mv_getattr),
    ("tolist", "memoryview.tolist", mv_tolist),
    ("tobytes", "memoryview.tobytes", mv_tobytes),
    ("hex", "memoryview.hex", mv_hex),
    ("release", "memoryview.release", mv_release),
    ("toreadonly", "memoryview.toreadonly", mv_toreadonly),
    ("cast", "memoryview.cast", mv_cast),
];

/// The `memoryview` class (a builtin).
pub(crate) fn make_class(object: &Rc<Class>) -> Rc<Class> {
    let c = crate::builtins::class("memoryview", Kind::User, vec![object.clone()]);
    {
        let mut attrs = c.attrs.borrow_mut();
        for (attr, qual, f) in METHODS {
            attrs.set_str(attr, builtin(qual, *f));
        }
    }
    c
}
