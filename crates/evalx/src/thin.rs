//! One-pointer reference-counted slices ([`RcSlice`]) and strs ([`RcStr`]).
//!
//! `Rc<str>` and `Rc<[T]>` are fat pointers (16 bytes), which made [`Value`](crate::value::Value) 24 bytes:
//! too big for the two return registers, so every `Result<Value, _>` the evaluator returns went through
//! memory. These types keep the length in the heap block next to the count, so the pointer is 8 bytes and
//! `Value` is 16. The str form also caches its dict hash in that block (like CPython's `str` object), so a
//! key that is looked up and then stored is hashed once.
//!
//! Counting is not atomic (the types are neither `Send` nor `Sync`, like `Rc`); a count that would overflow
//! aborts, as `Rc`'s does.

use std::alloc::{self, Layout};
use std::borrow::{Borrow, Cow};
use std::cell::Cell;
use std::fmt;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::marker::PhantomData;
use std::ops::Deref;
use std::ptr::{self, NonNull};

/// The block header: count, cached hash (0 = not computed yet) and length; the items follow it.
#[repr(C)]
struct Head {
    strong: Cell<usize>,
    hash: Cell<u64>,
    len: usize,
}

/// What an [`RcSlice`] may hold, and how its items are dropped when the last pointer goes.
pub trait SliceItem: Sized + 'static {
    /// Whether a big block's items are handed to [`crate::teardown`] to be freed a chunk at a time when
    /// queueing is on (the block is freed with the last of them), instead of all at once.
    const DEFERRED: bool = false;

    /// Drops the items in place.
    ///
    /// # Safety
    /// `items` must be valid, initialised and never used again.
    unsafe fn drop_items(items: *mut [Self]) {
        // SAFETY: as the caller promises.
        unsafe { ptr::drop_in_place(items) }
    }
}
impl SliceItem for u8 {}
#[cfg(test)]
impl SliceItem for std::rc::Rc<()> {}

/// An immutable, reference-counted slice behind one pointer (`Rc<[T]>` with the length on the heap).
pub struct RcSlice<T: SliceItem> {
    ptr: NonNull<Head>,
    /// Owns `T`s (for drop check); `NonNull` already makes the type `!Send + !Sync`.
    _own: PhantomData<T>,
}

impl<T: SliceItem> RcSlice<T> {
    /// Where the items start, from the block's start.
    const OFFSET: usize = {
        assert!(size_of::<T>() > 0, "RcSlice does not hold zero-sized items");
        let a = align_of::<T>();
        (size_of::<Head>() + a - 1) & !(a - 1)
    };

    fn layout(len: usize) -> Layout {
        Layout::new::<Head>()
            .extend(Layout::array::<T>(len).expect("RcSlice: length overflows the address space"))
            .expect("RcSlice: length overflows the address space")
            .0
            .pad_to_align()
    }

    /// A block for `len` items with its header written; the items are not initialised.
    ///
    /// # Safety
    /// The caller must write all `len` items before the block is wrapped in an `RcSlice`.
    #[inline]
    unsafe fn alloc(len: usize) -> (NonNull<Head>, *mut T) {
        let mut raw = ptr::null_mut::<Head>();
        if size_of::<T>() == 1 {
            if let Some(c) = small::class(len) {
                raw = small::take(c).cast::<Head>();
            }
        }
        if raw.is_null() {
            let layout = Self::layout(len);
            // SAFETY: the layout is never zero-sized (it holds the header).
            raw = unsafe { alloc::alloc(layout) }.cast::<Head>();
            if raw.is_null() {
                alloc::handle_alloc_error(layout)
            }
        }
        // SAFETY: checked just above (a kept block is never null).
        let head = unsafe { NonNull::new_unchecked(raw) };
        // SAFETY: `head` is a fresh allocation large and aligned enough for a `Head`.
        unsafe {
            head.as_ptr().write(Head {
                strong: Cell::new(1),
                hash: Cell::new(0),
                len,
            });
        }
        // SAFETY: `OFFSET` is inside the block (the layout was built with the same header and alignment).
        let items = unsafe { raw.cast::<u8>().add(Self::OFFSET) }.cast::<T>();
        (head, items)
    }

    /// A new block of `len` items, written by `fill`.
    ///
    /// # Safety
    /// `fill` must write all `len` items at the pointer it is given. If it panics the block is leaked
    /// (never read, never freed), which is safe.
    #[inline]
    unsafe fn build(len: usize, fill: impl FnOnce(*mut T)) -> Self {
        // SAFETY: the caller's `fill` initialises every item before the block is wrapped.
        let (ptr, items) = unsafe { Self::alloc(len) };
        fill(items);
        RcSlice {
            ptr,
            _own: PhantomData,
        }
    }

    /// Moves `v`'s items into a new block.
    pub fn from_vec(mut v: Vec<T>) -> Self {
        let len = v.len();
        // SAFETY: all `len` items are moved in by the copy, and `set_len(0)` keeps `v` from dropping them.
        unsafe {
            let out = Self::build(len, |items| {
                ptr::copy_nonoverlapping(v.as_ptr(), items, len)
            });
            v.set_len(0);
            out
        }
    }

    #[inline]
    fn head(&self) -> &Head {
        // SAFETY: the block lives while any `RcSlice` points at it.
        unsafe { self.ptr.as_ref() }
    }

    #[inline]
    fn items(&self) -> *mut T {
        // SAFETY: see `alloc`.
        unsafe { self.ptr.as_ptr().cast::<u8>().add(Self::OFFSET) }.cast::<T>()
    }

    /// Whether both point at the same block (Python's `is`).
    #[inline]
    pub fn ptr_eq(a: &Self, b: &Self) -> bool {
        a.ptr == b.ptr
    }

    /// The block's address (Python's `id`).
    #[inline]
    pub fn as_ptr(this: &Self) -> *const u8 {
        this.ptr.as_ptr().cast::<u8>()
    }

    /// How many `RcSlice`s share this block.
    #[inline]
    pub fn strong_count(this: &Self) -> usize {
        this.head().strong.get()
    }

    #[inline(never)]
    #[cold]
    fn drop_slow(&mut self) {
        let len = self.head().len;
        if T::DEFERRED && crate::teardown::wants(len) {
            // The block now belongs to the drain: it reads each item out once and frees the block.
            crate::teardown::defer(Drain::<T> {
                block: self.ptr,
                at: 0,
                len,
                _own: PhantomData,
            });
            return;
        }
        // SAFETY: the count reached zero, so this is the last pointer: its items are dropped once, and the
        // block is either kept for reuse (blocks of a byte-slice class all have the same layout) or freed
        // with the layout it was allocated with.
        unsafe {
            T::drop_items(ptr::slice_from_raw_parts_mut(self.items(), len));
            let block = self.ptr.as_ptr().cast::<u8>();
            if size_of::<T>() == 1 {
                if let Some(c) = small::class(len) {
                    if small::give(c, block) {
                        return;
                    }
                }
            }
            alloc::dealloc(block, Self::layout(len));
        }
    }
}

/// The items of a block whose last pointer went, moved out one at a time (for incremental freeing): it
/// owns the block, and frees it with whatever items are left when it drops.
struct Drain<T: SliceItem> {
    block: NonNull<Head>,
    /// The next item to move out; the items before it have been moved out.
    at: usize,
    len: usize,
    _own: PhantomData<T>,
}

impl<T: SliceItem> Drain<T> {
    fn items(&self) -> *mut T {
        // SAFETY: see `RcSlice::alloc`: the items start at `OFFSET` inside the block.
        unsafe { self.block.as_ptr().cast::<u8>().add(RcSlice::<T>::OFFSET) }.cast::<T>()
    }
}

impl<T: SliceItem> Iterator for Drain<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        if self.at == self.len {
            return None;
        }
        // SAFETY: `at < len`, the item is initialised and not yet moved out; `at` moves past it, so it
        // is read exactly once.
        let item = unsafe { ptr::read(self.items().add(self.at)) };
        self.at += 1;
        Some(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.len - self.at;
        (n, Some(n))
    }
}

impl<T: SliceItem> ExactSizeIterator for Drain<T> {}

impl<T: SliceItem> Drop for Drain<T> {
    fn drop(&mut self) {
        // SAFETY: the items from `at` on are initialised and still owned here; they are dropped once,
        // then the block is freed with the layout it was allocated with (a drained block is never a
        // byte block, so it never came from the small-block lists).
        unsafe {
            let rest = ptr::slice_from_raw_parts_mut(self.items().add(self.at), self.len - self.at);
            self.at = self.len;
            T::drop_items(rest);
            alloc::dealloc(
                self.block.as_ptr().cast::<u8>(),
                RcSlice::<T>::layout(self.len),
            );
        }
    }
}

/// A byte block a stopped [`RcSlice::try_concat_ticking`] left partly written: never read, freed when dropped
/// (a caller may keep it to free later, off its deadline).
pub(crate) struct Unfilled(#[allow(dead_code)] RcSlice<u8>);

impl RcSlice<u8> {
    /// Bytes copied from `parts` (together exactly `len` bytes) into one new block, in pieces of at most
    /// `chunk` bytes with `tick(bytes)` called after each: a copy of hundreds of megabytes (a repetition,
    /// a concatenation) that the caller's limits can stop midway, with no second copy into the object at
    /// the end. The block is allocated fallibly (`Err((oom(), None))` when the system refuses it); when
    /// `tick` stops the copy, its error comes back with the partly written block.
    pub(crate) fn try_concat_ticking<'a, E>(
        len: usize,
        parts: impl IntoIterator<Item = &'a [u8]>,
        chunk: usize,
        mut tick: impl FnMut(usize) -> Result<(), E>,
        oom: impl FnOnce() -> E,
    ) -> Result<Self, (E, Option<Unfilled>)> {
        if len > isize::MAX as usize / 2 {
            return Err((oom(), None));
        }
        let layout = Self::layout(len);
        // The small-block cache is for short strs; this is for long ones, so always the allocator.
        if small::class(len).is_some() {
            let mut v = Vec::with_capacity(len);
            for p in parts {
                v.extend_from_slice(p);
            }
            debug_assert_eq!(v.len(), len);
            v.resize(len, 0);
            return Ok(Self::from_vec(v));
        }
        // SAFETY: the layout is never zero-sized (it holds the header).
        let raw = unsafe { alloc::alloc(layout) }.cast::<Head>();
        let Some(head) = NonNull::new(raw) else {
            return Err((oom(), None));
        };
        // SAFETY: `head` is a fresh allocation large and aligned enough for a `Head`.
        unsafe {
            head.as_ptr().write(Head {
                strong: Cell::new(1),
                hash: Cell::new(0),
                len,
            });
        }
        // From here the block is owned: dropping `out` frees it with `Self::layout(len)` (the same layout;
        // dropping bytes reads none of them).
        let out = RcSlice::<u8> {
            ptr: head,
            _own: PhantomData,
        };
        let dst = out.items();
        let mut at = 0usize;
        let mut since = 0usize;
        for p in parts {
            for piece in p.chunks(chunk.max(1)) {
                let n = piece.len().min(len - at);
                // SAFETY: `at + n <= len`, inside the block; the source is another object's memory.
                unsafe { ptr::copy_nonoverlapping(piece.as_ptr(), dst.add(at), n) };
                at += n;
                since += n;
                if since >= chunk {
                    if let Err(e) = tick(since) {
                        return Err((e, Some(Unfilled(out))));
                    }
                    since = 0;
                }
            }
        }
        if at < len {
            // The parts were shorter than promised: the rest is zeroed, never left unwritten.
            // SAFETY: `at..len` is inside the block.
            unsafe { ptr::write_bytes(dst.add(at), 0, len - at) };
        }
        Ok(out)
    }
}

/// Freed blocks of short strs (and other byte slices), kept per size class for the next str of that class,
/// as CPython's small-object allocator keeps its str memory: building and dropping short strs in a loop
/// (`key = w.upper() + str(n)`) then costs no `malloc` or `free`. Each thread keeps its own lists, at
/// most [`KEEP`](small::KEEP) blocks per class, and frees them when it exits.
mod small {
    use std::alloc::{self, Layout};
    use std::cell::Cell;
    use std::ptr;

    /// Byte slices up to 40 bytes long: blocks of 24 (header only) to 64 bytes, in steps of 8.
    const CLASSES: usize = 6;
    /// Blocks kept per class.
    pub const KEEP: u32 = 256;

    /// The size class of a byte slice of `len` bytes, if it has one.
    #[inline(always)]
    pub fn class(len: usize) -> Option<usize> {
        (len <= 8 * (CLASSES - 1)).then(|| len.div_ceil(8))
    }

    /// The layout of every block of class `c`: the one `RcSlice::<u8>` allocates for each length of the
    /// class (the header, then the bytes rounded up to the header's 8-byte alignment).
    fn layout(c: usize) -> Layout {
        super::RcSlice::<u8>::layout(8 * c)
    }

    /// Singly linked lists through the blocks' first word.
    struct Lists {
        head: [Cell<*mut u8>; CLASSES],
        count: [Cell<u32>; CLASSES],
    }

    impl Drop for Lists {
        fn drop(&mut self) {
            for c in 0..CLASSES {
                let mut p = self.head[c].replace(ptr::null_mut());
                while !p.is_null() {
                    // SAFETY: every listed block was allocated with `layout(c)` and holds the next link.
                    unsafe {
                        let next = p.cast::<*mut u8>().read();
                        alloc::dealloc(p, layout(c));
                        p = next;
                    }
                }
            }
        }
    }

    thread_local! {
        static LISTS: Lists = const {
            Lists {
                head: [const { Cell::new(ptr::null_mut()) }; CLASSES],
                count: [const { Cell::new(0) }; CLASSES],
            }
        };
    }

    /// A kept block of class `c`, or null when there is none.
    #[inline]
    pub fn take(c: usize) -> *mut u8 {
        LISTS
            .try_with(|l| {
                let p = l.head[c].get();
                if !p.is_null() {
                    // SAFETY: a listed block holds the next link in its first word.
                    l.head[c].set(unsafe { p.cast::<*mut u8>().read() });
                    l.count[c].set(l.count[c].get() - 1);
                }
                p
            })
            .unwrap_or(ptr::null_mut())
    }

    /// Keeps `block` (of class `c`, no longer used) for reuse; false when the list is full or the thread is
    /// exiting, and the caller frees it.
    ///
    /// # Safety
    /// `block` must have been allocated with the layout of class `c`, and nothing may use it afterwards.
    #[inline]
    pub unsafe fn give(c: usize, block: *mut u8) -> bool {
        LISTS
            .try_with(|l| {
                let n = l.count[c].get();
                if n >= KEEP {
                    return false;
                }
                // SAFETY: the block is at least one word long, aligned for a pointer, and unused.
                unsafe { block.cast::<*mut u8>().write(l.head[c].get()) };
                l.head[c].set(block);
                l.count[c].set(n + 1);
                true
            })
            .unwrap_or(false)
    }
}

impl<T: SliceItem + Copy> RcSlice<T> {
    /// Copies `s` into a new block.
    pub fn copy_from(s: &[T]) -> Self {
        // SAFETY: all `len` items are written by the copy.
        unsafe {
            Self::build(s.len(), |items| {
                ptr::copy_nonoverlapping(s.as_ptr(), items, s.len())
            })
        }
    }
}

impl<T: SliceItem> Drop for RcSlice<T> {
    #[inline]
    fn drop(&mut self) {
        let h = self.head();
        let n = h.strong.get() - 1;
        h.strong.set(n);
        if n == 0 {
            self.drop_slow();
        }
    }
}

impl<T: SliceItem> Clone for RcSlice<T> {
    #[inline]
    fn clone(&self) -> Self {
        let h = self.head();
        let n = h.strong.get().wrapping_add(1);
        if n == 0 {
            std::process::abort();
        }
        h.strong.set(n);
        RcSlice {
            ptr: self.ptr,
            _own: PhantomData,
        }
    }
}

impl<T: SliceItem> Deref for RcSlice<T> {
    type Target = [T];
    #[inline]
    fn deref(&self) -> &[T] {
        // SAFETY: the block holds `len` initialised items and lives as long as `self`.
        unsafe { std::slice::from_raw_parts(self.items(), self.head().len) }
    }
}

impl<T: SliceItem> Default for RcSlice<T> {
    fn default() -> Self {
        Self::from_vec(Vec::new())
    }
}

impl<T: SliceItem + Clone> From<&[T]> for RcSlice<T> {
    fn from(s: &[T]) -> Self {
        // SAFETY: every item is written (a panicking `clone` leaks the block, see `build`).
        unsafe {
            Self::build(s.len(), |items| {
                for (i, x) in s.iter().enumerate() {
                    items.add(i).write(x.clone());
                }
            })
        }
    }
}

impl<T: SliceItem> From<Vec<T>> for RcSlice<T> {
    fn from(v: Vec<T>) -> Self {
        Self::from_vec(v)
    }
}

impl<T: SliceItem, const N: usize> From<[T; N]> for RcSlice<T> {
    fn from(a: [T; N]) -> Self {
        Self::from_vec(Vec::from(a))
    }
}

impl<T: SliceItem> FromIterator<T> for RcSlice<T> {
    fn from_iter<I: IntoIterator<Item = T>>(it: I) -> Self {
        Self::from_vec(it.into_iter().collect())
    }
}

impl<T: SliceItem + fmt::Debug> fmt::Debug for RcSlice<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

impl<T: SliceItem + PartialEq> PartialEq for RcSlice<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}
impl<T: SliceItem + Eq> Eq for RcSlice<T> {}

impl<T: SliceItem + Hash> Hash for RcSlice<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state)
    }
}

/// An immutable, reference-counted str behind one pointer, which caches its dict hash.
#[derive(Clone, Default)]
pub struct RcStr(RcSlice<u8>);

impl RcStr {
    /// Whether both point at the same str object (Python's `is`).
    #[inline]
    pub fn ptr_eq(a: &Self, b: &Self) -> bool {
        RcSlice::ptr_eq(&a.0, &b.0)
    }

    /// The str object's address (Python's `id`).
    #[inline]
    pub fn as_ptr(this: &Self) -> *const u8 {
        RcSlice::as_ptr(&this.0)
    }

    /// This str's [`str_hash`], computed on first use and then kept with the str.
    #[inline]
    pub fn key_hash(&self) -> u64 {
        let cached = self.0.head().hash.get();
        if cached != 0 {
            return cached;
        }
        let h = str_hash(self);
        self.0.head().hash.set(h);
        h
    }

    /// The concatenation of `parts`, written straight into one new block.
    pub fn concat(parts: &[&str]) -> Self {
        let n = parts.iter().map(|p| p.len()).sum();
        // SAFETY: the parts fill exactly the `n` bytes allocated, and concatenated UTF-8 is UTF-8.
        RcStr(unsafe {
            RcSlice::<u8>::build(n, |items| {
                let mut at = 0;
                for p in parts {
                    ptr::copy_nonoverlapping(p.as_ptr(), items.add(at), p.len());
                    at += p.len();
                }
            })
        })
    }

    /// The concatenation of `parts` (together exactly `len` bytes), copied in pieces with `tick` called
    /// between them (see [`RcSlice::try_concat_ticking`]): whole strs concatenated are UTF-8 however the
    /// copy is cut.
    pub(crate) fn try_concat_ticking<'a, E>(
        len: usize,
        parts: impl IntoIterator<Item = &'a str>,
        chunk: usize,
        tick: impl FnMut(usize) -> Result<(), E>,
        oom: impl FnOnce() -> E,
    ) -> Result<Self, (E, Option<Unfilled>)> {
        RcSlice::try_concat_ticking(len, parts.into_iter().map(str::as_bytes), chunk, tick, oom)
            .map(RcStr)
    }

    /// `s` with its ASCII letters upper-cased (`upper`) or lower-cased, in one allocation. Other bytes
    /// are copied unchanged, so the result is UTF-8 whatever `s` holds.
    pub fn ascii_case(s: &str, upper: bool) -> Self {
        // SAFETY: all `len` bytes are written; ASCII case mapping leaves every non-ASCII byte as it was,
        // so the bytes stay UTF-8.
        RcStr(unsafe {
            RcSlice::<u8>::build(s.len(), |items| {
                for (i, b) in s.bytes().enumerate() {
                    let m = if upper {
                        b.to_ascii_uppercase()
                    } else {
                        b.to_ascii_lowercase()
                    };
                    items.add(i).write(m);
                }
            })
        })
    }

    /// The str.
    #[inline]
    pub fn as_str(&self) -> &str {
        self
    }
}

/// The hash of a str as a dict key before the table's final mix (what `hash()` reports for strs).
#[inline]
pub fn str_hash(s: &str) -> u64 {
    let mut h = FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

impl Deref for RcStr {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        // SAFETY: every constructor copies its bytes from a `str`, so they are UTF-8.
        unsafe { std::str::from_utf8_unchecked(&self.0) }
    }
}

impl From<&str> for RcStr {
    #[inline]
    fn from(s: &str) -> Self {
        RcStr(RcSlice::copy_from(s.as_bytes()))
    }
}
impl From<&mut str> for RcStr {
    fn from(s: &mut str) -> Self {
        RcStr::from(&*s)
    }
}
impl From<String> for RcStr {
    fn from(s: String) -> Self {
        RcStr::from(s.as_str())
    }
}
impl From<&String> for RcStr {
    fn from(s: &String) -> Self {
        RcStr::from(s.as_str())
    }
}
impl From<Box<str>> for RcStr {
    fn from(s: Box<str>) -> Self {
        RcStr::from(&*s)
    }
}
impl From<Cow<'_, str>> for RcStr {
    fn from(s: Cow<'_, str>) -> Self {
        RcStr::from(&*s)
    }
}
impl From<char> for RcStr {
    fn from(c: char) -> Self {
        RcStr::from(c.encode_utf8(&mut [0u8; 4]) as &str)
    }
}
impl From<&RcStr> for RcStr {
    fn from(s: &RcStr) -> Self {
        s.clone()
    }
}
impl FromIterator<char> for RcStr {
    fn from_iter<I: IntoIterator<Item = char>>(it: I) -> Self {
        RcStr::from(it.into_iter().collect::<String>())
    }
}

impl fmt::Debug for RcStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}
impl fmt::Display for RcStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl PartialEq for RcStr {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        RcStr::ptr_eq(self, other) || **self == **other
    }
}
impl Eq for RcStr {}
impl PartialEq<str> for RcStr {
    fn eq(&self, other: &str) -> bool {
        &**self == other
    }
}
impl PartialEq<&str> for RcStr {
    fn eq(&self, other: &&str) -> bool {
        &**self == *other
    }
}
impl PartialOrd for RcStr {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for RcStr {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (**self).cmp(&**other)
    }
}
/// Hashes as the `str` does (so `RcStr` keys can be looked up by `&str`).
impl Hash for RcStr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state)
    }
}
impl Borrow<str> for RcStr {
    fn borrow(&self) -> &str {
        self
    }
}
impl AsRef<str> for RcStr {
    fn as_ref(&self) -> &str {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    #[test]
    fn str_round_trips_and_counts() {
        let a = RcStr::from("héllo");
        let b = a.clone();
        assert_eq!(&*a, "héllo");
        assert!(RcStr::ptr_eq(&a, &b));
        assert_eq!(RcSlice::strong_count(&a.0), 2);
        drop(b);
        assert_eq!(RcSlice::strong_count(&a.0), 1);
        assert_eq!(RcStr::from(""), RcStr::default());
        assert_eq!(size_of::<RcStr>(), 8);
        assert_eq!(size_of::<Option<RcStr>>(), 8);
    }

    #[test]
    fn hash_is_cached_and_matches_str_hash() {
        let s = RcStr::from(String::from("key"));
        assert_eq!(s.key_hash(), str_hash("key"));
        assert_eq!(s.key_hash(), str_hash("key"));
        assert_ne!(s.key_hash(), str_hash("kez"));
    }

    #[test]
    fn slices_drop_their_items_once() {
        let marker = Rc::new(());
        let v: RcSlice<Rc<()>> = vec![marker.clone(), marker.clone(), marker.clone()].into();
        assert_eq!(Rc::strong_count(&marker), 4);
        let w = v.clone();
        let copied = RcSlice::from(&v[..2]);
        assert_eq!(Rc::strong_count(&marker), 6);
        drop(v);
        assert_eq!(Rc::strong_count(&marker), 6);
        drop(w);
        assert_eq!(Rc::strong_count(&marker), 3);
        drop(copied);
        assert_eq!(Rc::strong_count(&marker), 1);
        let empty: RcSlice<Rc<()>> = std::iter::empty().collect();
        assert!(empty.is_empty());
    }

    #[test]
    fn short_str_blocks_are_reused_within_their_class() {
        for len in [0usize, 1, 7, 8, 9, 33, 40] {
            let a = RcStr::from("x".repeat(len));
            let at = RcStr::as_ptr(&a);
            drop(a);
            // Any length of the same class gets the block just freed (the lists are last in, first out).
            let same_class = len.div_ceil(8) * 8;
            let b = RcStr::from("y".repeat(same_class));
            assert_eq!(RcStr::as_ptr(&b), at, "length {len}");
            assert_eq!(&*b, "y".repeat(same_class));
        }
        // Longer strs are not kept: their blocks go back to the allocator.
        let long = RcStr::from("z".repeat(41));
        assert_eq!(long.len(), 41);
    }

    #[test]
    fn a_thread_frees_its_kept_blocks_when_it_exits() {
        let t = std::thread::spawn(|| {
            let v: Vec<RcStr> = (0..1000).map(|i| RcStr::from(format!("s{i}"))).collect();
            drop(v);
            RcStr::from("after").len()
        });
        assert_eq!(t.join().ok(), Some(5));
    }

    #[test]
    fn str_hashes_spread_over_low_bits() {
        // Tables index by the hash's low bits: keys that differ only past their first bytes must still
        // spread (before the final rotation, 'n0'..'n65535' fell into a few hundred buckets).
        let mut seen = std::collections::HashSet::new();
        for i in 0..65536 {
            seen.insert(crate::value::str_key_hash(&format!("n{i}")) & 0xffff);
        }
        assert!(
            seen.len() > 30000,
            "only {} distinct low-bit buckets",
            seen.len()
        );
    }

    #[test]
    fn over_aligned_items_are_aligned() {
        #[derive(Clone, Copy, PartialEq, Debug)]
        #[repr(align(32))]
        struct Wide(u8);
        impl SliceItem for Wide {}
        let s = RcSlice::copy_from(&[Wide(1), Wide(2)]);
        assert_eq!(s.as_ptr() as usize % 32, 0);
        assert_eq!(&*s, &[Wide(1), Wide(2)]);
    }
}

/// The hasher used for dicts and sets (fast FNV-style mixing, fine for short keys).
#[derive(Default, Clone, Copy, Debug)]
pub struct FxHasher {
    hash: u64,
}
impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(buf));
        }
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        // The product's low bits depend only on the input's low bits, and the tables index by the low
        // bits: without the rotation, short strs that differ past their first bytes (`'n1'`..`'n300000'`)
        // fell into a few buckets and building such a dict was quadratic. The high bits are the mixed ones.
        self.hash.rotate_left(26)
    }
}
impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.hash = (self.hash.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}
/// BuildHasher for [`FxHasher`].
pub type FxBuild = BuildHasherDefault<FxHasher>;
