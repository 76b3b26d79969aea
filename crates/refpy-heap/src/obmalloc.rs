//! TEMPORARY stand-in with the final API; the real pymalloc replaces it.
use std::alloc::{alloc, dealloc, Layout};
use std::ptr::NonNull;

/// Allocates `nbytes` (16-byte aligned). `None` when the system is out of memory.
pub fn malloc(nbytes: usize) -> Option<NonNull<u8>> {
    let layout = Layout::from_size_align(nbytes.max(1) + 16, 16).ok()?;
    // SAFETY: layout has non-zero size.
    let p = unsafe { alloc(layout) };
    let p = NonNull::new(p)?;
    // SAFETY: the block is at least 16 bytes; we store the size in its first word.
    unsafe {
        (p.as_ptr() as *mut usize).write(nbytes.max(1));
        Some(NonNull::new_unchecked(p.as_ptr().add(16)))
    }
}

/// Frees a block from [`malloc`].
///
/// # Safety
/// `p` must come from [`malloc`]/[`realloc`] and not have been freed.
pub unsafe fn free(p: NonNull<u8>) {
    // SAFETY: the caller guarantees p came from malloc, which put the size 16 bytes before it.
    unsafe {
        let base = p.as_ptr().sub(16);
        let n = (base as *const usize).read();
        dealloc(base, Layout::from_size_align_unchecked(n + 16, 16));
    }
}
