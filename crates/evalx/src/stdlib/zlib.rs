//! `zlib`: `compress`/`decompress` (levels, every `wbits` form: zlib, raw deflate, gzip, and automatic
//! header detection), `crc32`/`adler32`, `compressobj`/`decompressobj` (incremental, `flush` modes,
//! `max_length`, `unused_data`, `unconsumed_tail`, `eof`), `error` and the constants.
//!
//! Deflate is a raw stream over C zlib opened with `deflateInit2_` (`zlib_deflate.rs`, so `memLevel`
//! and `strategy` reach zlib as CPython passes them); inflate is `flate2`'s raw stream over the same C
//! zlib (`libz-sys`, built from its bundled source, the deflate CPython links), so the compressed bytes
//! are the ones CPython writes for the same level, `wbits`, `memLevel` and `strategy`; the zlib and gzip
//! framing (headers, Adler-32/CRC-32 trailers, their checks and CPython's error texts) is done here.

use super::Kw;
use super::binascii::crc32_update;
use super::zlib_deflate::RawDeflate;
use crate::interp::{Exc, Interp, PyResult};
use crate::value::{NativeState, Value};
use flate2::{Decompress, FlushDecompress, Status};
use libz_sys::{Z_FINISH, Z_FULL_FLUSH, Z_NO_FLUSH, Z_PARTIAL_FLUSH, Z_SYNC_FLUSH};
use std::cell::RefCell;
use std::os::raw::c_int;
use std::rc::Rc;

/// A bytes-like argument: bytes, bytearray, memoryview or array.
fn bytes_like(v: &Value) -> PyResult<Vec<u8>> {
    match crate::methods::bytes_like(v) {
        Some(b) => Ok(b),
        None => super::binascii::bytes_like(v),
    }
}

fn zerr(it: &mut Interp, msg: &str) -> Box<Exc> {
    super::module_exc(it, "zlib", "error", msg)
}

/// Adler-32 continued from `start`.
fn adler32_update(start: u32, data: &[u8]) -> u32 {
    const MOD: u32 = 65521;
    let (mut a, mut b) = (start & 0xffff, start >> 16);
    for chunk in data.chunks(5552) {
        for &x in chunk {
            a += u32::from(x);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Frame {
    Zlib,
    Gzip,
    Raw,
    /// Decompression only: zlib or gzip, told by the first byte.
    Auto,
}

/// The framing and window of a `wbits` value, or `None` when zlib refuses it.
fn frame_of(wbits: i64, decompress: bool) -> Option<(Frame, u32)> {
    match wbits {
        0 if decompress => Some((Frame::Zlib, 15)),
        8..=15 => Some((Frame::Zlib, wbits.max(9) as u32)),
        -15..=-8 => Some((Frame::Raw, (-wbits).max(9) as u32)),
        24..=31 => Some((Frame::Gzip, (wbits - 16).max(9) as u32)),
        40..=47 if decompress => Some((Frame::Auto, (wbits - 32).max(9) as u32)),
        _ => None,
    }
}

struct Comp {
    z: RawDeflate,
    frame: Frame,
    window: u32,
    level: u32,
    strategy: u32,
    header: bool,
    check: u32,
    size: u32,
    finished: bool,
}

impl Comp {
    /// A compressor for `level`, `wbits`, `memLevel` and `strategy`, or `None` where zlib refuses them.
    fn new(level: i64, wbits: i64, mem_level: i64, strategy: i64) -> Option<Comp> {
        let (frame, window) = frame_of(wbits, false)?;
        let level = match level {
            -1 => 6,
            0..=9 => level as u32,
            _ => return None,
        };
        let mem_level = u32::try_from(mem_level)
            .ok()
            .filter(|m| (1..=9).contains(m))?;
        let strategy = u32::try_from(strategy).ok().filter(|s| *s <= 4)?;
        Some(Comp {
            // zlib's deflate has no 256-byte window: it uses 512 bytes for `wbits` 8, as CPython's does.
            z: RawDeflate::new(level, window.max(9), mem_level, strategy)?,
            frame,
            window,
            level,
            strategy,
            header: false,
            check: if frame == Frame::Zlib { 1 } else { 0 },
            size: 0,
            finished: false,
        })
    }

    fn header(&mut self, out: &mut Vec<u8>) {
        if self.header {
            return;
        }
        self.header = true;
        match self.frame {
            Frame::Zlib => {
                let cmf = (((self.window.max(9) - 8) << 4) | 8) as u8;
                // zlib's FLEVEL: 0 for Huffman-only, RLE and fixed codes, whatever the level.
                let flevel: u8 = match self.level {
                    _ if self.strategy >= 2 => 0,
                    0 | 1 => 0,
                    2..=5 => 1,
                    6 => 2,
                    _ => 3,
                };
                let mut flg = flevel << 6;
                let rem = (u16::from(cmf) * 256 + u16::from(flg)) % 31;
                if rem != 0 {
                    flg += (31 - rem) as u8;
                }
                out.extend([cmf, flg]);
            }
            Frame::Gzip => {
                let xfl = match self.level {
                    9 => 2,
                    _ if self.strategy >= 2 => 4,
                    0 | 1 => 4,
                    _ => 0,
                };
                out.extend([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 3]);
            }
            Frame::Raw | Frame::Auto => {}
        }
    }

    /// Deflates `input` with `flush` into `out`, handing zlib output room as CPython's output buffer
    /// does: blocks of 32 KiB, 64 KiB, 256 KiB... per call (counting what this call already wrote, the
    /// header), each filled before the next is given. Stored blocks (level 0) end where the room ends, so
    /// the same room gives the same bytes as CPython.
    fn run(&mut self, input: &[u8], flush: c_int, out: &mut Vec<u8>) {
        const BLOCKS: [usize; 17] = [
            32 << 10,
            64 << 10,
            256 << 10,
            1 << 20,
            4 << 20,
            8 << 20,
            16 << 20,
            16 << 20,
            32 << 20,
            32 << 20,
            32 << 20,
            32 << 20,
            64 << 20,
            64 << 20,
            128 << 20,
            128 << 20,
            256 << 20,
        ];
        let mut done = 0;
        let mut block = 0;
        let mut buf = vec![0u8; BLOCKS[0]];
        // What this call already wrote (the header) sits at the start of CPython's first block.
        let mut skip = out.len().min(buf.len());
        let mut pos = skip;
        loop {
            let (used, wrote, rc) = self.z.deflate(&input[done..], &mut buf[pos..], flush);
            done += used;
            pos += wrote;
            let full = pos == buf.len();
            if full {
                out.extend_from_slice(&buf[skip..]);
                block = (block + 1).min(BLOCKS.len() - 1);
                buf = vec![0u8; BLOCKS[block]];
                skip = 0;
                pos = 0;
            }
            // Z_OK with the room full: go on; the stream's end, an error, or room left: done.
            if rc != libz_sys::Z_OK || !full {
                break;
            }
        }
        out.extend_from_slice(&buf[skip..pos]);
    }

    /// The header if not written yet, then `data` deflated with `flush`, its check and size counted.
    fn feed(&mut self, data: &[u8], flush: c_int) -> Vec<u8> {
        let mut out = Vec::new();
        self.header(&mut out);
        self.check = match self.frame {
            Frame::Zlib => adler32_update(self.check, data),
            Frame::Gzip => crc32_update(self.check, data),
            _ => 0,
        };
        self.size = self.size.wrapping_add(data.len() as u32);
        self.run(data, flush, &mut out);
        out
    }

    fn compress(&mut self, data: &[u8]) -> Vec<u8> {
        self.feed(data, Z_NO_FLUSH)
    }

    /// `zlib.compress`: the whole input deflated in one `Z_FINISH` call, as CPython makes it.
    fn compress_all(&mut self, data: &[u8]) -> Vec<u8> {
        let mut out = self.feed(data, Z_FINISH);
        self.finished = true;
        self.trailer(&mut out);
        out
    }

    fn trailer(&self, out: &mut Vec<u8>) {
        match self.frame {
            Frame::Zlib => out.extend(self.check.to_be_bytes()),
            Frame::Gzip => {
                out.extend(self.check.to_le_bytes());
                out.extend(self.size.to_le_bytes());
            }
            _ => {}
        }
    }

    fn flush(&mut self, mode: i64) -> Vec<u8> {
        let mut out = Vec::new();
        if mode == 0 || self.finished {
            return out;
        }
        self.header(&mut out);
        let f = match mode {
            2 => Z_SYNC_FLUSH,
            3 => Z_FULL_FLUSH,
            4 => Z_FINISH,
            _ => Z_PARTIAL_FLUSH,
        };
        self.run(&[], f, &mut out);
        if mode == 4 {
            self.finished = true;
            self.trailer(&mut out);
        }
        out
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Header,
    Body,
    Trailer,
    Done,
}

/// Why `feed` stopped: zlib's text, or an exception (the memory limit).
enum Fail {
    Z(String),
    Py(Box<Exc>),
}

impl From<String> for Fail {
    fn from(s: String) -> Fail {
        Fail::Z(s)
    }
}

impl From<&'static str> for Fail {
    fn from(s: &'static str) -> Fail {
        Fail::Z(s.into())
    }
}

struct Decomp {
    z: Decompress,
    frame: Frame,
    window: u32,
    stage: Stage,
    /// Header or trailer bytes gathered so far.
    pending: Vec<u8>,
    check: u32,
    size: u32,
    unused: Vec<u8>,
    tail: Vec<u8>,
    /// The first bytes of the deflate data (to name what is wrong with its first block).
    first: Vec<u8>,
}

/// zlib's text for a first block that cannot be inflated, when its header says why.
fn first_block_error(b: &[u8]) -> Option<&'static str> {
    let first = *b.first()?;
    match (first >> 1) & 3 {
        3 => Some("invalid block type"),
        0 if b.len() >= 5 => {
            let len = u16::from_le_bytes([b[1], b[2]]);
            let nlen = u16::from_le_bytes([b[3], b[4]]);
            (len != !nlen).then_some("invalid stored block lengths")
        }
        _ => None,
    }
}

/// The length of a complete gzip header at the start of `h`, `Ok(None)` when more bytes are needed.
fn gzip_header(h: &[u8]) -> Result<Option<usize>, &'static str> {
    if h.len() >= 2 && (h[0] != 0x1f || h[1] != 0x8b) || h.len() == 1 && h[0] != 0x1f {
        return Err("incorrect header check");
    }
    if h.len() < 10 {
        return Ok(None);
    }
    if h[2] != 8 {
        return Err("unknown compression method");
    }
    let flags = h[3];
    if flags & 0xe0 != 0 {
        return Err("unknown header flags set");
    }
    let mut i = 10;
    if flags & 4 != 0 {
        if h.len() < i + 2 {
            return Ok(None);
        }
        i += 2 + usize::from(u16::from_le_bytes([h[i], h[i + 1]]));
    }
    for bit in [8u8, 16] {
        if flags & bit != 0 {
            match h.get(i..).and_then(|r| r.iter().position(|&b| b == 0)) {
                Some(p) => i += p + 1,
                None => return Ok(None),
            }
        }
    }
    if flags & 2 != 0 {
        i += 2;
    }
    Ok((h.len() >= i).then_some(i))
}

impl Decomp {
    fn new(wbits: i64) -> Option<Decomp> {
        let (frame, window) = frame_of(wbits, true)?;
        Some(Decomp {
            z: Decompress::new(false),
            frame,
            window,
            stage: if frame == Frame::Raw {
                Stage::Body
            } else {
                Stage::Header
            },
            pending: Vec::new(),
            check: 0,
            size: 0,
            unused: Vec::new(),
            tail: Vec::new(),
            first: Vec::new(),
        })
    }

    /// Feeds `data`; at most `max` bytes come out (0: no limit). Errors are zlib's texts.
    /// `guard` runs after each piece of output (the host's memory limit: a small input may inflate to
    /// gigabytes).
    fn feed(
        &mut self,
        data: &[u8],
        max: usize,
        guard: &mut dyn FnMut(usize, usize) -> PyResult<()>,
    ) -> Result<Vec<u8>, Fail> {
        let mut out = Vec::new();
        let mut input: Vec<u8> = data.to_vec();
        self.tail.clear();
        loop {
            match self.stage {
                Stage::Done => {
                    self.unused.extend_from_slice(&input);
                    return Ok(out);
                }
                Stage::Header => {
                    self.pending.extend_from_slice(&input);
                    input.clear();
                    if self.frame == Frame::Auto {
                        match self.pending.first() {
                            None => return Ok(out),
                            Some(0x1f) => self.frame = Frame::Gzip,
                            Some(_) => self.frame = Frame::Zlib,
                        }
                    }
                    let used = if self.frame == Frame::Gzip {
                        match gzip_header(&self.pending)? {
                            Some(n) => n,
                            None => return Ok(out),
                        }
                    } else {
                        let h = &self.pending;
                        if h.len() < 2 {
                            return Ok(out);
                        }
                        if h[0] & 0x0f != 8 || (u16::from(h[0]) * 256 + u16::from(h[1])) % 31 != 0 {
                            return Err("incorrect header check".into());
                        }
                        if u32::from(h[0] >> 4) + 8 > self.window {
                            return Err("invalid window size".into());
                        }
                        if h[1] & 0x20 != 0 {
                            return Err("need dictionary".into());
                        }
                        2
                    };
                    self.check = if self.frame == Frame::Zlib { 1 } else { 0 };
                    input = self.pending.split_off(used);
                    self.pending.clear();
                    self.stage = Stage::Body;
                }
                Stage::Body => {
                    if self.first.len() < 5 {
                        let n = (5 - self.first.len()).min(input.len());
                        self.first.extend_from_slice(&input[..n]);
                    }
                    let mut done = 0;
                    loop {
                        let room = if max > 0 {
                            max - out.len()
                        } else {
                            (input.len() - done).max(1024) * 4
                        };
                        if room == 0 {
                            self.tail = input[done..].to_vec();
                            return Ok(out);
                        }
                        let start = out.len();
                        out.reserve(room);
                        let mut buf = Vec::with_capacity(room);
                        let before_in = self.z.total_in();
                        let st = self
                            .z
                            .decompress_vec(&input[done..], &mut buf, FlushDecompress::None)
                            .map_err(|e| {
                                e.message()
                                    .or_else(|| first_block_error(&self.first))
                                    .unwrap_or("invalid deflate data")
                                    .to_string()
                            })
                            .map_err(Fail::Z)?;
                        done += (self.z.total_in() - before_in) as usize;
                        out.extend_from_slice(&buf);
                        let got = buf.len();
                        drop(buf);
                        guard(out.len(), got).map_err(Fail::Py)?;
                        let produced = &out[start..];
                        self.check = match self.frame {
                            Frame::Zlib => adler32_update(self.check, produced),
                            Frame::Gzip => crc32_update(self.check, produced),
                            _ => 0,
                        };
                        self.size = self.size.wrapping_add(produced.len() as u32);
                        if st == Status::StreamEnd {
                            self.stage = if self.frame == Frame::Raw {
                                Stage::Done
                            } else {
                                Stage::Trailer
                            };
                            input = input[done..].to_vec();
                            break;
                        }
                        if done >= input.len() && got < room {
                            return Ok(out);
                        }
                        if got == 0 && done >= input.len() {
                            return Ok(out);
                        }
                    }
                }
                Stage::Trailer => {
                    let need = if self.frame == Frame::Gzip { 8 } else { 4 };
                    let take = (need - self.pending.len()).min(input.len());
                    self.pending.extend_from_slice(&input[..take]);
                    input.drain(..take);
                    if self.pending.len() < need {
                        return Ok(out);
                    }
                    let p = &self.pending;
                    if self.frame == Frame::Gzip {
                        if u32::from_le_bytes([p[0], p[1], p[2], p[3]]) != self.check {
                            return Err("incorrect data check".into());
                        }
                        if u32::from_le_bytes([p[4], p[5], p[6], p[7]]) != self.size {
                            return Err("incorrect length check".into());
                        }
                    } else if u32::from_be_bytes([p[0], p[1], p[2], p[3]]) != self.check {
                        return Err("incorrect data check".into());
                    }
                    self.pending.clear();
                    self.stage = Stage::Done;
                }
            }
        }
    }

    fn eof(&self) -> bool {
        self.stage == Stage::Done
    }
}

fn int(v: &Value, what: &str) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(i64::from(b.get())),
        other => Err(Exc::type_err(format!(
            "'{}' object cannot be interpreted as an integer{what}",
            crate::builtins::type_name(other)
        ))),
    }
}

fn native<T: 'static>(t: T) -> Value {
    Value::Native(Rc::new(NativeState(RefCell::new(Box::new(t)))))
}

fn with<T: 'static, R>(v: &Value, f: impl FnOnce(&mut T) -> R) -> PyResult<R> {
    if let Value::Native(s) = v {
        if let Some(t) = s.0.borrow_mut().downcast_mut::<T>() {
            return Ok(f(t));
        }
    }
    Err(Exc::type_err("zlib: not a stream state"))
}

/// The host's limits on inflated output: work in proportion to each piece, the memory limit (with the
/// counting allocator), and `max_len` on the whole.
fn bound(it: &mut Interp, total: usize, piece: usize) -> PyResult<()> {
    it.charge((piece >> 4) as u64)?;
    it.check_memory(0)?;
    match it.limits.max_len {
        Some(m) if total > m => Err(Exc::new(
            "MemoryError",
            format!("object of size {total} exceeds the host limit of {m}"),
        )),
        _ => Ok(()),
    }
}

/// Nanoseconds a byte deflating takes at most (release build; level 9 on data with long hash chains), and
/// a checksum with the copy of its input: the admission of one native pass ([`Interp::admit_data`]), so
/// that a call the deadline cannot stop midway is refused before it starts and its work is charged (an
/// uncharged call repeated in a loop ran a thousand calls between two checks of the clock).
const ZLIB_COMPRESS_NS: f64 = 40.0;
const ZLIB_CHECKSUM_NS: f64 = 2.0;

/// `compress(data, level, wbits)`.
fn z_compress(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [data, level, wbits] = args else {
        return Err(Exc::type_err("compress(data, level, wbits)"));
    };
    it.admit_data(std::slice::from_ref(data), &[], ZLIB_COMPRESS_NS, 0.0)?;
    let data = bytes_like(data)?;
    let (level, wbits) = (int(level, "")?, int(wbits, "")?);
    if !(-1..=9).contains(&level) {
        return Err(zerr(it, "Bad compression level"));
    }
    let Some(mut c) = Comp::new(level, wbits, 8, 0) else {
        return Err(zerr(
            it,
            "Error -2 while compressing data: inconsistent stream state",
        ));
    };
    Ok(Value::Bytes(c.compress_all(&data).into()))
}

/// `decompress(data, wbits)`: one complete stream (what follows it is ignored, as zlib's).
fn z_decompress(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [data, wbits] = args else {
        return Err(Exc::type_err("decompress(data, wbits)"));
    };
    let data = bytes_like(data)?;
    let Some(mut d) = Decomp::new(int(wbits, "")?) else {
        return Err(zerr(
            it,
            "Error -2 while preparing to decompress data: inconsistent stream state",
        ));
    };
    let r = d.feed(&data, 0, &mut |total, piece| bound(it, total, piece));
    match r {
        Ok(out) if d.eof() => Ok(Value::Bytes(out.into())),
        Ok(_) => Err(zerr(
            it,
            "Error -5 while decompressing data: incomplete or truncated stream",
        )),
        Err(Fail::Z(m)) => Err(zerr(it, &format!("Error -3 while decompressing data: {m}"))),
        Err(Fail::Py(e)) => Err(e),
    }
}

fn z_crc32(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [data, start] = args else {
        return Err(Exc::type_err("crc32(data, value)"));
    };
    it.admit_data(std::slice::from_ref(data), &[], ZLIB_CHECKSUM_NS, 0.0)?;
    let data = bytes_like(data)?;
    let start = int(start, "")? as u32;
    Ok(Value::Int(i64::from(crc32_update(start, &data))))
}

fn z_adler32(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [data, start] = args else {
        return Err(Exc::type_err("adler32(data, value)"));
    };
    it.admit_data(std::slice::from_ref(data), &[], ZLIB_CHECKSUM_NS, 0.0)?;
    let data = bytes_like(data)?;
    let start = int(start, "")? as u32;
    Ok(Value::Int(i64::from(adler32_update(start, &data))))
}

/// `_c_new(level, wbits, memLevel, strategy)`: a compressor's state, or `None` for options zlib refuses.
fn c_new(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [level, wbits, mem_level, strategy] = args else {
        return Err(Exc::type_err("_c_new(level, wbits, memLevel, strategy)"));
    };
    let (level, wbits) = (int(level, "")?, int(wbits, "")?);
    let (mem_level, strategy) = (int(mem_level, "")?, int(strategy, "")?);
    Ok(Comp::new(level, wbits, mem_level, strategy).map_or(Value::None, native))
}

fn c_compress(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [st, data] = args else {
        return Err(Exc::type_err("_c_compress(state, data)"));
    };
    it.admit_data(std::slice::from_ref(data), &[], ZLIB_COMPRESS_NS, 0.0)?;
    let data = bytes_like(data)?;
    let out = with(st, |c: &mut Comp| c.compress(&data))?;
    Ok(Value::Bytes(out.into()))
}

fn c_flush(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [st, mode] = args else {
        return Err(Exc::type_err("_c_flush(state, mode)"));
    };
    let mode = int(mode, "")?;
    let out = with(st, |c: &mut Comp| c.flush(mode))?;
    Ok(Value::Bytes(out.into()))
}

fn d_new(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [wbits] = args else {
        return Err(Exc::type_err("_d_new(wbits)"));
    };
    Ok(Decomp::new(int(wbits, "")?).map_or(Value::None, native))
}

/// `_d_feed(state, data, max_length)`: (output, unused_data, unconsumed_tail, eof).
fn d_feed(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [st, data, max] = args else {
        return Err(Exc::type_err("_d_feed(state, data, max_length)"));
    };
    let data = bytes_like(data)?;
    let max = int(max, "")?.max(0) as usize;
    let r = with(st, |d: &mut Decomp| {
        d.feed(&data, max, &mut |total, piece| bound(it, total, piece))
            .map(|out| (out, d.unused.clone(), d.tail.clone(), d.eof()))
    })?;
    match r {
        Ok((out, unused, tail, eof)) => Ok(Value::tuple(vec![
            Value::Bytes(out.into()),
            Value::Bytes(unused.into()),
            Value::Bytes(tail.into()),
            Value::Bool(eof.into()),
        ])),
        Err(Fail::Z(m)) => Err(zerr(it, &format!("Error -3 while decompressing data: {m}"))),
        Err(Fail::Py(e)) => Err(e),
    }
}

const SOURCE: &str = r#"
MAX_WBITS = 15
DEFLATED = 8
DEF_MEM_LEVEL = 8
DEF_BUF_SIZE = 16384
ZLIB_VERSION = '1.2.13'
ZLIB_RUNTIME_VERSION = '1.2.13'
Z_NO_COMPRESSION = 0
Z_BEST_SPEED = 1
Z_BEST_COMPRESSION = 9
Z_DEFAULT_COMPRESSION = -1
Z_FILTERED = 1
Z_HUFFMAN_ONLY = 2
Z_RLE = 3
Z_FIXED = 4
Z_DEFAULT_STRATEGY = 0
Z_NO_FLUSH = 0
Z_PARTIAL_FLUSH = 1
Z_SYNC_FLUSH = 2
Z_FULL_FLUSH = 3
Z_FINISH = 4
Z_BLOCK = 5
Z_TREES = 6


class error(Exception):
    pass


error.__module__ = 'zlib'


def _index(v):
    if not isinstance(v, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(v).__name__)
    return int(v)


def compress(data, /, level=-1, wbits=15):
    return _compress(data, _index(level), _index(wbits))


def decompress(data, /, wbits=15, bufsize=16384):
    if _index(bufsize) < 0:
        raise ValueError('bufsize must be non-negative')
    return _decompress(data, _index(wbits))


def crc32(data, value=0, /):
    return _crc32(data, _index(value) & 0xffffffff)


def adler32(data, value=1, /):
    return _adler32(data, _index(value) & 0xffffffff)


class Compress:
    def __init__(self, state):
        self._state = state
        self._done = False

    def compress(self, data, /):
        if self._done:
            raise error('Error -2 while compressing data: inconsistent stream state')
        return _c_compress(self._state, data)

    def flush(self, mode=Z_FINISH, /):
        mode = _index(mode)
        if mode == Z_NO_FLUSH:
            return b''
        if self._done:
            raise error('Error -2 while flushing: inconsistent stream state')
        out = _c_flush(self._state, mode)
        if mode == Z_FINISH:
            self._done = True
        return out

    def copy(self):
        raise ValueError("Inconsistent stream state: evalx's compressor cannot be copied")


class Decompress:
    def __init__(self, state):
        self._state = state
        self.unused_data = b''
        self.unconsumed_tail = b''
        self.eof = False

    def decompress(self, data, /, max_length=0):
        max_length = _index(max_length)
        if max_length < 0:
            raise ValueError('max_length must be non-negative')
        out, self.unused_data, self.unconsumed_tail, self.eof = _d_feed(self._state, data, max_length)
        return out

    def flush(self, length=DEF_BUF_SIZE, /):
        if _index(length) <= 0:
            raise ValueError('length must be greater than zero')
        out, self.unused_data, self.unconsumed_tail, self.eof = _d_feed(self._state, self.unconsumed_tail, 0)
        return out

    def copy(self):
        raise ValueError("Inconsistent stream state: evalx's decompressor cannot be copied")


Compress.__module__ = 'zlib'
Decompress.__module__ = 'zlib'


def compressobj(level=-1, method=8, wbits=15, memLevel=8, strategy=0, zdict=None):
    level, method, wbits = _index(level), _index(method), _index(wbits)
    memLevel, strategy = _index(memLevel), _index(strategy)
    if method != DEFLATED or not 1 <= memLevel <= 9 or not 0 <= strategy <= 4:
        raise ValueError('Invalid initialization option')
    if zdict is not None:
        raise ValueError("evalx's zlib has no preset dictionaries (zdict)")
    state = _c_new(level, wbits, memLevel, strategy)
    if state is None:
        raise ValueError('Invalid initialization option')
    return Compress(state)


def decompressobj(wbits=15, zdict=b''):
    if zdict:
        raise ValueError("evalx's zlib has no preset dictionaries (zdict)")
    state = _d_new(_index(wbits))
    if state is None:
        raise ValueError('Invalid initialization option')
    return Decompress(state)
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "zlib",
        "The functions in this module allow compression and decompression using the\nzlib library, which is based on GNU zip.\n",
        &[
            ("_compress", z_compress),
            ("_decompress", z_decompress),
            ("_crc32", z_crc32),
            ("_adler32", z_adler32),
            ("_c_new", c_new),
            ("_c_compress", c_compress),
            ("_c_flush", c_flush),
            ("_d_new", d_new),
            ("_d_feed", d_feed),
        ],
        SOURCE,
    )
}
