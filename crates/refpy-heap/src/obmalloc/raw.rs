//! Requests pymalloc declines (0 bytes, or more than SMALL_REQUEST_THRESHOLD): the system
//! allocator, CPython's `PyMem_RawMalloc` path of `_PyObject_Malloc`.
//!
//! ```text
//!  std::alloc block (16-aligned)
//!  +------------------+---------------------------+
//!  | size: usize, pad |  caller's bytes ...        |
//!  +------------------+---------------------------+
//!  ^ base             ^ p = base + RAW_PREFIX (16-aligned)
//! ```
//! `std::alloc` needs the layout back on `dealloc`, which C's `free` does not, so the size
//! lives in a 16-byte prefix (keeping the caller's pointer 16-aligned). A request of 0 bytes
//! is served as 1 byte, as `_PyMem_RawMalloc` does. Every block is counted in
//! `raw_allocated_blocks` (part of `sys.getallocatedblocks()`) and `raw_allocated_bytes`.

use std::alloc::{alloc, dealloc, realloc, Layout};
use std::ptr::NonNull;

use super::size_class::ALIGNMENT;
use super::Obmalloc;

/// Bytes in front of a raw block holding its size.
const RAW_PREFIX: usize = ALIGNMENT;

/// Layout of a raw block whose caller-visible size is `size` (at least 1).
fn raw_layout(size: usize) -> Option<Layout> {
    Layout::from_size_align(size.checked_add(RAW_PREFIX)?, ALIGNMENT).ok()
}

/// Bytes a live raw block holds (what it was allocated with; 1 for a request of 0).
///
/// # Safety
/// `p` was returned by `raw_malloc`/`raw_realloc` and not freed since.
pub(super) unsafe fn raw_size(p: NonNull<u8>) -> usize {
    // SAFETY: a live raw block's prefix holds its size (caller).
    unsafe { p.sub(RAW_PREFIX).cast::<usize>().read() }
}

impl Obmalloc {
    /// Allocates a raw block of `nbytes` (0 is served as 1).
    #[inline(never)]
    pub(super) fn raw_malloc(&mut self, nbytes: usize) -> Option<NonNull<u8>> {
        let size = nbytes.max(1);
        let layout = raw_layout(size)?;
        // SAFETY: the layout has a non-zero size.
        let base = NonNull::new(unsafe { alloc(layout) })?;
        self.raw_allocated_blocks += 1;
        self.raw_allocated_bytes += size;
        // SAFETY: the block is RAW_PREFIX + size bytes, 16-aligned, so the prefix holds a usize
        // and `base + RAW_PREFIX` is in bounds.
        unsafe {
            base.cast::<usize>().write(size);
            Some(base.add(RAW_PREFIX))
        }
    }

    /// Frees a raw block.
    ///
    /// # Safety
    /// `p` was returned by `raw_malloc`/`raw_realloc` of this heap and not freed since.
    #[inline(never)]
    pub(super) unsafe fn raw_free(&mut self, p: NonNull<u8>) {
        // SAFETY: `p` is a live raw block (caller): its prefix holds the size it was
        // allocated with, from which `raw_layout` rebuilds the allocation's layout.
        unsafe {
            let base = p.sub(RAW_PREFIX);
            let size = base.cast::<usize>().read();
            self.raw_allocated_blocks -= 1;
            self.raw_allocated_bytes -= size;
            dealloc(base.as_ptr(), raw_layout(size).unwrap_unchecked());
        }
    }

    /// Resizes a raw block; it stays a raw block whatever the new size (as in CPython, where
    /// `PyMem_RawRealloc` keeps memory pymalloc does not own). On failure `p` is untouched.
    ///
    /// # Safety
    /// As for [`Obmalloc::raw_free`].
    pub(super) unsafe fn raw_realloc(&mut self, p: NonNull<u8>, nbytes: usize) -> Option<NonNull<u8>> {
        let new_size = nbytes.max(1);
        let new_layout = raw_layout(new_size)?;
        // SAFETY: `p` is a live raw block (caller), allocated with `raw_layout(old)`; the new
        // size is non-zero and fits isize (checked by `raw_layout`).
        unsafe {
            let base = p.sub(RAW_PREFIX);
            let old = base.cast::<usize>().read();
            let nb = realloc(base.as_ptr(), raw_layout(old).unwrap_unchecked(), new_layout.size());
            let nb = NonNull::new(nb)?;
            nb.cast::<usize>().write(new_size);
            self.raw_allocated_bytes = self.raw_allocated_bytes - old + new_size;
            Some(nb.add(RAW_PREFIX))
        }
    }
}
