//! `hashlib`: md5, sha1, the SHA-2 family (sha224/256/384/512, sha512_224/256), SHA-3 (sha3_224..512,
//! shake_128/256), blake2b/blake2s with all of CPython's parameters, `new`, `pbkdf2_hmac` and
//! `algorithms_guaranteed`/`algorithms_available`, over the RustCrypto digest crates (`md-5`, `sha1`,
//! `sha2`, `sha3`) and `blake2b_simd`/`blake2s_simd` (which take every BLAKE2 parameter at run time).
//!
//! A hash object is an instance of `HASH` (or `blake2b`/`blake2s`) whose running state lives in a hidden
//! attribute as Rust state (see `Value::Native`); `update`, `digest`, `hexdigest` and `copy` are Rust.

use super::{Kw, bind_args};
use crate::interp::{Exc, Interp, PyResult};
use crate::value::{NativeState, Value};
use sha2::Digest;
use sha3::digest::{ExtendableOutput, Update, XofReader};
use std::cell::RefCell;
use std::rc::Rc;

const SLOT: &str = "__hash_state__";

#[derive(Clone)]
enum State {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
    Sha512_224(sha2::Sha512_224),
    Sha512_256(sha2::Sha512_256),
    Sha3_224(sha3::Sha3_224),
    Sha3_256(sha3::Sha3_256),
    Sha3_384(sha3::Sha3_384),
    Sha3_512(sha3::Sha3_512),
    Shake128(sha3::Shake128),
    Shake256(sha3::Shake256),
    B2b(Box<blake2b_simd::State>),
    B2s(Box<blake2s_simd::State>),
}

/// A hash object's state and what `name`/`digest_size`/`block_size` report.
#[derive(Clone)]
struct Hash {
    state: State,
    name: &'static str,
    digest_size: usize,
    block_size: usize,
}

/// Every algorithm `new` knows: (name, digest size, block size).
const ALGOS: &[(&str, usize, usize)] = &[
    ("md5", 16, 64),
    ("sha1", 20, 64),
    ("sha224", 28, 64),
    ("sha256", 32, 64),
    ("sha384", 48, 128),
    ("sha512", 64, 128),
    ("sha512_224", 28, 128),
    ("sha512_256", 32, 128),
    ("sha3_224", 28, 144),
    ("sha3_256", 32, 136),
    ("sha3_384", 48, 104),
    ("sha3_512", 64, 72),
    ("shake_128", 0, 168),
    ("shake_256", 0, 136),
    ("blake2b", 64, 128),
    ("blake2s", 32, 64),
];

fn fresh(name: &str) -> Option<Hash> {
    let &(name, digest_size, block_size) = ALGOS.iter().find(|a| a.0 == name)?;
    let state = match name {
        "md5" => State::Md5(md5::Md5::new()),
        "sha1" => State::Sha1(sha1::Sha1::new()),
        "sha224" => State::Sha224(sha2::Sha224::new()),
        "sha256" => State::Sha256(sha2::Sha256::new()),
        "sha384" => State::Sha384(sha2::Sha384::new()),
        "sha512" => State::Sha512(sha2::Sha512::new()),
        "sha512_224" => State::Sha512_224(sha2::Sha512_224::new()),
        "sha512_256" => State::Sha512_256(sha2::Sha512_256::new()),
        "sha3_224" => State::Sha3_224(sha3::Sha3_224::new()),
        "sha3_256" => State::Sha3_256(sha3::Sha3_256::new()),
        "sha3_384" => State::Sha3_384(sha3::Sha3_384::new()),
        "sha3_512" => State::Sha3_512(sha3::Sha3_512::new()),
        "shake_128" => State::Shake128(sha3::Shake128::default()),
        "shake_256" => State::Shake256(sha3::Shake256::default()),
        "blake2b" => State::B2b(Box::new(blake2b_simd::State::new())),
        _ => State::B2s(Box::new(blake2s_simd::State::new())),
    };
    Some(Hash {
        state,
        name,
        digest_size,
        block_size,
    })
}

impl Hash {
    fn update(&mut self, data: &[u8]) {
        match &mut self.state {
            State::Md5(h) => Digest::update(h, data),
            State::Sha1(h) => Digest::update(h, data),
            State::Sha224(h) => Digest::update(h, data),
            State::Sha256(h) => Digest::update(h, data),
            State::Sha384(h) => Digest::update(h, data),
            State::Sha512(h) => Digest::update(h, data),
            State::Sha512_224(h) => Digest::update(h, data),
            State::Sha512_256(h) => Digest::update(h, data),
            State::Sha3_224(h) => Digest::update(h, data),
            State::Sha3_256(h) => Digest::update(h, data),
            State::Sha3_384(h) => Digest::update(h, data),
            State::Sha3_512(h) => Digest::update(h, data),
            State::Shake128(h) => Update::update(h, data),
            State::Shake256(h) => Update::update(h, data),
            State::B2b(h) => {
                h.update(data);
            }
            State::B2s(h) => {
                h.update(data);
            }
        }
    }
    /// The digest so far (`len` bytes for the shake functions); the state keeps running.
    fn digest(&self, len: usize) -> Vec<u8> {
        match &self.state {
            State::Md5(h) => h.clone().finalize().to_vec(),
            State::Sha1(h) => h.clone().finalize().to_vec(),
            State::Sha224(h) => h.clone().finalize().to_vec(),
            State::Sha256(h) => h.clone().finalize().to_vec(),
            State::Sha384(h) => h.clone().finalize().to_vec(),
            State::Sha512(h) => h.clone().finalize().to_vec(),
            State::Sha512_224(h) => h.clone().finalize().to_vec(),
            State::Sha512_256(h) => h.clone().finalize().to_vec(),
            State::Sha3_224(h) => h.clone().finalize().to_vec(),
            State::Sha3_256(h) => h.clone().finalize().to_vec(),
            State::Sha3_384(h) => h.clone().finalize().to_vec(),
            State::Sha3_512(h) => h.clone().finalize().to_vec(),
            State::Shake128(h) => {
                let mut out = vec![0u8; len];
                h.clone().finalize_xof().read(&mut out);
                out
            }
            State::Shake256(h) => {
                let mut out = vec![0u8; len];
                h.clone().finalize_xof().read(&mut out);
                out
            }
            State::B2b(h) => h.finalize().as_bytes().to_vec(),
            State::B2s(h) => h.finalize().as_bytes().to_vec(),
        }
    }
    fn is_shake(&self) -> bool {
        matches!(self.state, State::Shake128(_) | State::Shake256(_))
    }
}

fn with<R>(v: &Value, f: impl FnOnce(&mut Hash) -> R) -> PyResult<R> {
    if let Value::Instance(i) = v {
        if let Some(Value::Native(s)) = i.dict.borrow().get_str(SLOT) {
            if let Some(h) = s.0.borrow_mut().downcast_mut::<Hash>() {
                return Ok(f(h));
            }
        }
    }
    Err(Exc::type_err(format!(
        "descriptor requires a '_hashlib.HASH' object but received a '{}'",
        crate::builtins::type_name(v)
    )))
}

fn install(v: &Value, h: Hash) -> PyResult<()> {
    let Value::Instance(i) = v else {
        return Err(Exc::type_err("invalid hash object"));
    };
    i.dict.borrow_mut().set_str(
        SLOT,
        Value::Native(Rc::new(NativeState(RefCell::new(Box::new(h))))),
    );
    Ok(())
}

/// What `update` and the constructors accept: bytes-like data, never str. Bytes are borrowed, not copied
/// (a copy of a few hundred megabytes is one pass that the deadline cannot stop midway).
fn data_arg(v: &Value) -> PyResult<std::borrow::Cow<'_, [u8]>> {
    match v {
        Value::Bytes(b) => Ok(std::borrow::Cow::Borrowed(&b[..])),
        Value::Str(_) => Err(Exc::type_err("Strings must be encoded before hashing")),
        v if super::array::is_array(v) => super::array::bytes_of(v).map(std::borrow::Cow::Owned),
        _ => Err(Exc::type_err("object supporting the buffer API required")),
    }
}

/// Feeds `data` to `h` in 256 KiB pieces with the limits charged between them (hashing a few hundred
/// megabytes is a second of work that the deadline and the interrupt handle must be able to stop).
fn feed(it: &mut Interp, h: &mut Hash, data: &[u8]) -> PyResult<()> {
    for part in data.chunks(1 << 18) {
        h.update(part);
        it.charge((part.len() >> 6) as u64)?;
    }
    Ok(())
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// `_init(obj, name, data)`: makes `obj` a fresh hash of the named algorithm fed `data`.
fn h_init(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [obj, name, data] = args else {
        return Err(Exc::type_err("_init(obj, name, data)"));
    };
    let Value::Str(n) = name else {
        return Err(Exc::type_err("name must be a string"));
    };
    let Some(mut h) = fresh(&n.to_lowercase()) else {
        return Err(Exc::value_err(format!("unsupported hash type {n}")));
    };
    if !matches!(data, Value::None) {
        feed(it, &mut h, &data_arg(data)?)?;
    }
    install(obj, h)?;
    Ok(Value::None)
}

fn size_param(v: &Option<Value>, default: i64) -> PyResult<i64> {
    match v {
        None => Ok(default),
        Some(v) => crate::builtins::to_index(v),
    }
}

fn bytes_param(v: &Option<Value>) -> PyResult<Vec<u8>> {
    match v {
        None => Ok(Vec::new()),
        Some(v) => data_arg(v).map(std::borrow::Cow::into_owned),
    }
}

/// `_blake2_init(obj, big, data, digest_size, key, salt, person, fanout, depth, leaf_size, node_offset,
/// node_depth, inner_size, last_node)`: a BLAKE2 state with every parameter CPython takes.
fn blake2_init(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    const NAMES: [&str; 14] = [
        "obj",
        "big",
        "data",
        "digest_size",
        "key",
        "salt",
        "person",
        "fanout",
        "depth",
        "leaf_size",
        "node_offset",
        "node_depth",
        "inner_size",
        "last_node",
    ];
    let a = bind_args("blake2", args, kw, &NAMES, 3, 14, 3)?;
    let obj = a[0].clone().unwrap_or(Value::None);
    let big = it.truthy(a[1].as_ref().unwrap_or(&Value::None))?;
    let (max_digest, max_key, salt_size) = if big { (64, 64, 16) } else { (32, 32, 8) };
    let digest_size = size_param(&a[3], max_digest)?;
    if !(1..=max_digest).contains(&digest_size) {
        return Err(Exc::value_err(format!(
            "digest_size must be between 1 and {max_digest} bytes"
        )));
    }
    let key = bytes_param(&a[4])?;
    let salt = bytes_param(&a[5])?;
    let person = bytes_param(&a[6])?;
    if key.len() > max_key as usize {
        return Err(Exc::value_err(format!(
            "maximum key length is {max_key} bytes"
        )));
    }
    if salt.len() > salt_size {
        return Err(Exc::value_err(format!(
            "maximum salt length is {salt_size} bytes"
        )));
    }
    if person.len() > salt_size {
        return Err(Exc::value_err(format!(
            "maximum person length is {salt_size} bytes"
        )));
    }
    let fanout = size_param(&a[7], 1)?;
    if !(0..=255).contains(&fanout) {
        return Err(Exc::value_err("fanout must be between 0 and 255"));
    }
    let depth = size_param(&a[8], 1)?;
    if !(1..=255).contains(&depth) {
        return Err(Exc::value_err("depth must be between 1 and 255"));
    }
    let leaf_size = size_param(&a[9], 0)?;
    if leaf_size < 0 || leaf_size > u32::MAX as i64 {
        return Err(Exc::value_err("leaf_size is too large"));
    }
    let node_offset = size_param(&a[10], 0)?;
    if node_offset < 0 || (!big && node_offset >= 1 << 48) {
        return Err(Exc::value_err("node_offset is too large"));
    }
    let node_depth = size_param(&a[11], 0)?;
    if !(0..=255).contains(&node_depth) {
        return Err(Exc::value_err("node_depth must be between 0 and 255"));
    }
    let inner_size = size_param(&a[12], 0)?;
    if !(0..=max_digest).contains(&inner_size) {
        return Err(Exc::value_err(format!(
            "inner_size must be between 0 and is {max_digest}"
        )));
    }
    let last = match &a[13] {
        Some(v) => it.truthy(v)?,
        None => false,
    };
    // Checked above: every parameter fits its field.
    let state = if big {
        let mut p = blake2b_simd::Params::new();
        p.hash_length(digest_size as usize)
            .key(&key)
            .salt(&salt)
            .personal(&person)
            .fanout(fanout as u8)
            .max_depth(depth as u8)
            .max_leaf_length(leaf_size as u32)
            .node_offset(node_offset as u64)
            .node_depth(node_depth as u8)
            .inner_hash_length(inner_size as usize)
            .last_node(last);
        State::B2b(Box::new(p.to_state()))
    } else {
        let mut p = blake2s_simd::Params::new();
        p.hash_length(digest_size as usize)
            .key(&key)
            .salt(&salt)
            .personal(&person)
            .fanout(fanout as u8)
            .max_depth(depth as u8)
            .max_leaf_length(leaf_size as u32)
            .node_offset(node_offset as u64)
            .node_depth(node_depth as u8)
            .inner_hash_length(inner_size as usize)
            .last_node(last);
        State::B2s(Box::new(p.to_state()))
    };
    let mut h = Hash {
        state,
        name: if big { "blake2b" } else { "blake2s" },
        digest_size: digest_size as usize,
        block_size: if big { 128 } else { 64 },
    };
    if let Some(d) = &a[2] {
        if !matches!(d, Value::None) {
            h.update(&data_arg(d)?);
        }
    }
    install(&obj, h)?;
    Ok(Value::None)
}

fn h_update(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    super::arity("update", args, kw, 2, 2)?;
    let data = data_arg(&args[1])?;
    if data.len() <= 1 << 18 {
        with(&args[0], |h| h.update(&data))?;
        return Ok(Value::None);
    }
    // A big update: the state is taken out, fed in charged pieces, and put back (a limit stopping it
    // leaves the object as it was).
    let mut h = with(&args[0], |h| h.clone())?;
    feed(it, &mut h, &data)?;
    install(&args[0], h)?;
    Ok(Value::None)
}

fn out_len(fname: &str, h_shake: bool, args: &[Value], kw: Kw<'_>) -> PyResult<usize> {
    if !h_shake {
        super::arity(fname, args, kw, 1, 1)?;
        return Ok(0);
    }
    let a = bind_args(fname, &args[1..], kw, &["length"], 0, 1, 1)?;
    let n = crate::builtins::to_index(a[0].as_ref().unwrap_or(&Value::None))?;
    if n < 0 {
        return Err(Exc::new(
            "SystemError",
            "Negative size passed to PyBytes_FromStringAndSize",
        ));
    }
    Ok(n as usize)
}

fn h_digest(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let me = args
        .first()
        .ok_or_else(|| Exc::type_err("digest() needs a hash object"))?;
    let shake = with(me, |h| h.is_shake())?;
    let n = out_len("digest", shake, args, kw)?;
    let d = with(me, |h| h.digest(n))?;
    Ok(Value::Bytes(d.into()))
}

fn h_hexdigest(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let me = args
        .first()
        .ok_or_else(|| Exc::type_err("hexdigest() needs a hash object"))?;
    let shake = with(me, |h| h.is_shake())?;
    let n = out_len("hexdigest", shake, args, kw)?;
    let d = with(me, |h| h.digest(n))?;
    Ok(Value::str(&hex(&d)))
}

fn h_copy_into(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [src, dst] = args else {
        return Err(Exc::type_err("_copy_into(src, dst)"));
    };
    let h = with(src, |h| h.clone())?;
    install(dst, h)?;
    Ok(Value::None)
}

fn h_info(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me] = args else {
        return Err(Exc::type_err("_info(h)"));
    };
    let (name, ds, bs) = with(me, |h| (h.name, h.digest_size, h.block_size))?;
    Ok(Value::tuple(vec![
        Value::str(name),
        Value::Int(ds as i64),
        Value::Int(bs as i64),
    ]))
}

/// One HMAC of `msg` under `key` with the named hash.
fn hmac(name: &str, key: &[u8], msg: &[u8]) -> Option<Vec<u8>> {
    let mut inner = fresh(name)?;
    let mut outer = fresh(name)?;
    let bs = inner.block_size;
    let mut k = if key.len() > bs {
        let mut h = fresh(name)?;
        h.update(key);
        h.digest(0)
    } else {
        key.to_vec()
    };
    k.resize(bs, 0);
    let ipad: Vec<u8> = k.iter().map(|b| b ^ 0x36).collect();
    let opad: Vec<u8> = k.iter().map(|b| b ^ 0x5c).collect();
    inner.update(&ipad);
    inner.update(msg);
    outer.update(&opad);
    outer.update(&inner.digest(0));
    Some(outer.digest(0))
}

fn pbkdf2_hmac(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = bind_args(
        "pbkdf2_hmac",
        args,
        kw,
        &["hash_name", "password", "salt", "iterations", "dklen"],
        0,
        5,
        4,
    )?;
    let name = match &a[0] {
        Some(Value::Str(s)) => s.to_lowercase(),
        Some(other) => {
            return Err(Exc::type_err(format!(
                "pbkdf2_hmac() argument 'hash_name' must be str, not {}",
                crate::builtins::type_name(other)
            )));
        }
        None => String::new(),
    };
    let Some(probe) = fresh(&name).filter(|h| !h.is_shake()) else {
        return Err(super::module_exc(
            it,
            "hashlib",
            "UnsupportedDigestmodError",
            "[digital envelope routines] unsupported",
        ));
    };
    let password = data_arg(a[1].as_ref().unwrap_or(&Value::None))?;
    let salt = data_arg(a[2].as_ref().unwrap_or(&Value::None))?.into_owned();
    let iterations = crate::builtins::to_index(a[3].as_ref().unwrap_or(&Value::None))?;
    if iterations < 1 {
        return Err(Exc::value_err("iteration value must be greater than 0."));
    }
    let dklen = match &a[4] {
        None | Some(Value::None) => probe.digest_size as i64,
        Some(v) => crate::builtins::to_index(v)?,
    };
    if dklen < 1 {
        return Err(Exc::value_err("key length must be greater than 0."));
    }
    let mut out = Vec::with_capacity(dklen as usize);
    let mut block = 1u32;
    while (out.len() as i64) < dklen {
        let mut msg = salt.clone();
        msg.extend_from_slice(&block.to_be_bytes());
        let mut u = hmac(&name, &password, &msg).unwrap_or_default();
        let mut t = u.clone();
        for _ in 1..iterations {
            it.tick()?;
            u = hmac(&name, &password, &u).unwrap_or_default();
            for (x, y) in t.iter_mut().zip(&u) {
                *x ^= y;
            }
        }
        out.extend_from_slice(&t);
        block += 1;
    }
    out.truncate(dklen as usize);
    Ok(Value::Bytes(out.into()))
}

const SOURCE: &str = r#"
algorithms_guaranteed = {'md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'blake2b', 'blake2s',
                         'sha3_224', 'sha3_256', 'sha3_384', 'sha3_512', 'shake_128', 'shake_256'}
algorithms_available = algorithms_guaranteed | {'sha512_224', 'sha512_256'}

class UnsupportedDigestmodError(ValueError):
    pass

UnsupportedDigestmodError.__module__ = "_hashlib"

class HASH:
    @property
    def name(self):
        return _info(self)[0]
    @property
    def digest_size(self):
        return _info(self)[1]
    @property
    def block_size(self):
        return _info(self)[2]
    def copy(self):
        new = type(self)()
        _copy_into(self, new)
        return new
    def __repr__(self):
        return "<" + self.name + " _hashlib.HASH object @ " + hex(id(self)) + ">"

HASH.__module__ = "_hashlib"

def _plain(name):
    def make(string=b'', *, usedforsecurity=True):
        h = HASH()
        _init(h, name, string)
        return h
    make.__name__ = "openssl_" + name
    make.__qualname__ = "openssl_" + name
    return make

md5 = _plain('md5')
sha1 = _plain('sha1')
sha224 = _plain('sha224')
sha256 = _plain('sha256')
sha384 = _plain('sha384')
sha512 = _plain('sha512')
sha3_224 = _plain('sha3_224')
sha3_256 = _plain('sha3_256')
sha3_384 = _plain('sha3_384')
sha3_512 = _plain('sha3_512')
shake_128 = _plain('shake_128')
shake_256 = _plain('shake_256')

class blake2b(HASH):
    SALT_SIZE = 16
    PERSON_SIZE = 16
    MAX_KEY_SIZE = 64
    MAX_DIGEST_SIZE = 64
    def __init__(self, data=b'', *, digest_size=64, key=b'', salt=b'', person=b'', fanout=1, depth=1,
                 leaf_size=0, node_offset=0, node_depth=0, inner_size=0, last_node=False,
                 usedforsecurity=True):
        _blake2_init(self, True, data, digest_size, key, salt, person, fanout, depth, leaf_size,
                     node_offset, node_depth, inner_size, last_node)
    def __repr__(self):
        return "<_blake2.blake2b object at " + hex(id(self)) + ">"

class blake2s(HASH):
    SALT_SIZE = 8
    PERSON_SIZE = 8
    MAX_KEY_SIZE = 32
    MAX_DIGEST_SIZE = 32
    def __init__(self, data=b'', *, digest_size=32, key=b'', salt=b'', person=b'', fanout=1, depth=1,
                 leaf_size=0, node_offset=0, node_depth=0, inner_size=0, last_node=False,
                 usedforsecurity=True):
        _blake2_init(self, False, data, digest_size, key, salt, person, fanout, depth, leaf_size,
                     node_offset, node_depth, inner_size, last_node)
    def __repr__(self):
        return "<_blake2.blake2s object at " + hex(id(self)) + ">"

blake2b.__module__ = "_blake2"
blake2s.__module__ = "_blake2"

def new(name, data=b'', **kwargs):
    if not isinstance(name, str):
        raise TypeError("name must be a string")
    low = name.lower()
    if low == 'blake2b':
        return blake2b(data, **kwargs)
    if low == 'blake2s':
        return blake2s(data, **kwargs)
    h = HASH()
    _init(h, name, data)
    return h

def file_digest(fileobj, digest, /, *, _bufsize=2**18):
    if isinstance(digest, str):
        digestobj = new(digest)
    else:
        digestobj = digest()
    while True:
        chunk = fileobj.read(_bufsize)
        if not chunk:
            break
        digestobj.update(chunk)
    return digestobj
"#;

const METHODS: &[(&str, &str, crate::value::NativeFn)] = &[
    ("update", "HASH.update", h_update),
    ("digest", "HASH.digest", h_digest),
    ("hexdigest", "HASH.hexdigest", h_hexdigest),
];

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    let m = super::module_from(
        it,
        "hashlib",
        "hashlib module - A common interface to many hash functions.",
        &[
            ("_init", h_init),
            ("_blake2_init", blake2_init),
            ("_copy_into", h_copy_into),
            ("_info", h_info),
            ("pbkdf2_hmac", pbkdf2_hmac),
        ],
        SOURCE,
    )?;
    super::add_methods(&m, "HASH", METHODS)?;
    Ok(m)
}
