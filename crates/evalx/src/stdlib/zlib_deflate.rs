//! A raw deflate stream over C zlib (`libz-sys`) opened with `deflateInit2_`, so that `memLevel` and
//! `strategy` reach zlib as CPython passes them (`flate2` always opens memLevel 8 and the default
//! strategy). This file holds all of `zlib`'s `unsafe`: the stream lives in a `Box` (zlib's state points
//! back at it, so it must not move), every call sets `next_in`/`next_out` from live slices just before
//! `deflate`, and `Drop` calls `deflateEnd`, so no path leaks zlib's state.

use libz_sys as z;
use std::alloc::{Layout, alloc_zeroed, dealloc};
use std::os::raw::{c_int, c_uint, c_void};

/// Bytes kept before each block zlib asks for: its total size, for `zfree`.
const HEAD: usize = 16;

/// zlib's allocator: Rust's global allocator with the block's size stored in front of it.
extern "C" fn zalloc(_opaque: *mut c_void, items: c_uint, size: c_uint) -> *mut c_void {
    let Some(total) = (items as usize)
        .checked_mul(size as usize)
        .and_then(|n| n.checked_add(HEAD))
    else {
        return std::ptr::null_mut();
    };
    let Ok(layout) = Layout::from_size_align(total, HEAD) else {
        return std::ptr::null_mut();
    };
    // SAFETY: `layout` has a non-zero size (at least HEAD); a null result is returned to zlib, which
    // reports Z_MEM_ERROR. The size is written into the first HEAD bytes, which the block owns.
    unsafe {
        let p = alloc_zeroed(layout);
        if p.is_null() {
            return std::ptr::null_mut();
        }
        p.cast::<usize>().write(total);
        p.add(HEAD).cast()
    }
}

/// Frees a block from `zalloc`.
extern "C" fn zfree(_opaque: *mut c_void, addr: *mut c_void) {
    if addr.is_null() {
        return;
    }
    // SAFETY: zlib hands back only pointers `zalloc` returned, each HEAD bytes past a block whose size
    // `zalloc` stored at its start with alignment HEAD; it frees each once.
    unsafe {
        let p = addr.cast::<u8>().sub(HEAD);
        let total = p.cast::<usize>().read();
        dealloc(p, Layout::from_size_align_unchecked(total, HEAD));
    }
}

/// An open raw deflate stream.
pub(super) struct RawDeflate {
    strm: Box<z::z_stream>,
}

impl RawDeflate {
    /// `deflateInit2_(level, Z_DEFLATED, -window, mem_level, strategy)`, or `None` when zlib refuses
    /// the options (its `Z_STREAM_ERROR`) or has no memory.
    pub(super) fn new(
        level: u32,
        window: u32,
        mem_level: u32,
        strategy: u32,
    ) -> Option<RawDeflate> {
        let mut strm = Box::new(z::z_stream {
            next_in: std::ptr::null_mut(),
            avail_in: 0,
            total_in: 0,
            next_out: std::ptr::null_mut(),
            avail_out: 0,
            total_out: 0,
            msg: std::ptr::null_mut(),
            state: std::ptr::null_mut(),
            zalloc,
            zfree,
            opaque: std::ptr::null_mut(),
            data_type: 0,
            adler: 0,
            reserved: 0,
        });
        // SAFETY: `strm` is a valid, boxed (non-moving) z_stream with our allocator and no state yet;
        // the version and size are the ones this libz-sys was built against. On failure zlib frees
        // what it allocated and leaves `state` null, so nothing is leaked and `Drop` is not run.
        let rc = unsafe {
            z::deflateInit2_(
                &mut *strm,
                level as c_int,
                z::Z_DEFLATED,
                -(window as c_int),
                mem_level as c_int,
                strategy as c_int,
                z::zlibVersion(),
                std::mem::size_of::<z::z_stream>() as c_int,
            )
        };
        (rc == z::Z_OK).then_some(RawDeflate { strm })
    }

    /// One `deflate(flush)` call over `input` into `output`: (bytes consumed, bytes written, zlib's
    /// return code). Lengths past `u32::MAX` are offered in part, as zlib's counters are 32-bit.
    pub(super) fn deflate(
        &mut self,
        input: &[u8],
        output: &mut [u8],
        flush: c_int,
    ) -> (usize, usize, c_int) {
        let avail_in = input.len().min(c_uint::MAX as usize) as c_uint;
        let avail_out = output.len().min(c_uint::MAX as usize) as c_uint;
        self.strm.next_in = input.as_ptr().cast_mut();
        self.strm.avail_in = avail_in;
        self.strm.next_out = output.as_mut_ptr();
        self.strm.avail_out = avail_out;
        // SAFETY: the stream was initialised by `deflateInit2_` and not ended; `next_in`/`avail_in`
        // describe `input` (zlib only reads through next_in) and `next_out`/`avail_out` describe
        // `output`, both borrowed for this call; the pointers are cleared before returning.
        let rc = unsafe { z::deflate(&mut *self.strm, flush) };
        let used = (avail_in - self.strm.avail_in) as usize;
        let wrote = (avail_out - self.strm.avail_out) as usize;
        self.strm.next_in = std::ptr::null_mut();
        self.strm.avail_in = 0;
        self.strm.next_out = std::ptr::null_mut();
        self.strm.avail_out = 0;
        (used, wrote, rc)
    }
}

impl Drop for RawDeflate {
    fn drop(&mut self) {
        // SAFETY: the stream was initialised (only a successful `deflateInit2_` builds a RawDeflate)
        // and is ended exactly once, here.
        unsafe {
            z::deflateEnd(&mut *self.strm);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deflate_all(d: &mut RawDeflate, data: &[u8]) -> Vec<u8> {
        let mut out = vec![0u8; data.len() + 1024];
        let (used, wrote, rc) = d.deflate(data, &mut out, z::Z_FINISH);
        assert_eq!((used, rc), (data.len(), z::Z_STREAM_END));
        out.truncate(wrote);
        out
    }

    #[test]
    fn strategies_and_mem_levels_round_trip() {
        let data: Vec<u8> = (0..20_000u32).map(|i| (i * i % 251) as u8 / 7).collect();
        for strategy in 0..=4 {
            for mem in 1..=9 {
                let mut d = RawDeflate::new(6, 15, mem, strategy).expect("valid options");
                let packed = deflate_all(&mut d, &data);
                let mut back = Vec::with_capacity(data.len() + 16);
                flate2::Decompress::new(false)
                    .decompress_vec(&packed, &mut back, flate2::FlushDecompress::Finish)
                    .expect("inflates");
                assert_eq!(back, data, "strategy {strategy} memLevel {mem}");
            }
        }
    }

    #[test]
    fn refused_options_and_drop_without_output() {
        assert!(RawDeflate::new(6, 15, 0, 0).is_none());
        assert!(RawDeflate::new(6, 15, 10, 0).is_none());
        assert!(RawDeflate::new(6, 15, 8, 5).is_none());
        // Opened and dropped with pending state: deflateEnd frees it (checked under valgrind).
        let mut d = RawDeflate::new(9, 9, 9, 1).expect("valid options");
        let mut out = [0u8; 4];
        let _ = d.deflate(&[7u8; 100_000], &mut out, z::Z_NO_FLUSH);
    }
}
