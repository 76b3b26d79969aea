//! `HeapVec<T>`: a growable array whose buffer comes from obmalloc.
//!
//! CPython allocates the item arrays of lists and the tables of dicts with
//! `PyMem_Malloc`, which is pymalloc: they land in the same pools as objects
//! and show up in `sys._debugmallocstats()` and `sys.getallocatedblocks()`.
//! `HeapVec` is refpy's `PyMem_Malloc`-backed buffer. Unlike `Vec`, it never
//! chooses a capacity itself: the owner decides (a list applies CPython's
//! `list_resize` over-allocation), so `sys.getsizeof` and block sizes match.
//!
//! ```text
//! HeapVec { ptr, len, cap }
//!            │
//!            ▼ obmalloc block of cap * size_of::<T>() bytes (none while cap == 0)
//!           [ item 0 | item 1 | … | item len-1 | uninitialised … ]
//! ```
//! Invariant: items `0..len` are initialised, `len <= cap`, and `ptr` is a
//! live obmalloc block exactly when `cap > 0`.

use std::marker::PhantomData;
use std::mem::size_of;
use std::ops::{Deref, DerefMut};
use std::ptr::NonNull;

use crate::object::AllocError;
use crate::obmalloc;

/// A vector whose buffer is an obmalloc block of a capacity the owner sets.
pub struct HeapVec<T> {
    ptr: NonNull<T>,
    len: usize,
    cap: usize,
    _owns: PhantomData<T>,
}

impl<T> HeapVec<T> {
    /// An empty vector with no buffer (CPython's `ob_item == NULL`).
    pub const fn new() -> HeapVec<T> {
        const { assert!(size_of::<T>() > 0 && std::mem::align_of::<T>() <= 16) };
        HeapVec { ptr: NonNull::dangling(), len: 0, cap: 0, _owns: PhantomData }
    }

    /// An empty vector with room for exactly `cap` items.
    pub fn with_capacity(cap: usize) -> Result<HeapVec<T>, AllocError> {
        let mut v = HeapVec::new();
        v.set_capacity(cap)?;
        Ok(v)
    }

    /// Number of items.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when there are no items.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Number of items the buffer can hold (CPython's `allocated`).
    #[inline]
    pub fn capacity(&self) -> usize {
        self.cap
    }

    /// Resizes the buffer to exactly `cap` items (`cap >= len`), through
    /// obmalloc's realloc; `cap == 0` frees it.
    pub fn set_capacity(&mut self, cap: usize) -> Result<(), AllocError> {
        assert!(cap >= self.len, "HeapVec::set_capacity below len");
        if cap == self.cap {
            return Ok(());
        }
        if cap == 0 {
            self.free_buffer();
            return Ok(());
        }
        let bytes =
            cap.checked_mul(size_of::<T>()).filter(|&b| b <= isize::MAX as usize).ok_or(AllocError)?;
        let new = if self.cap == 0 {
            obmalloc::malloc(bytes)
        } else {
            // SAFETY: ptr is a live obmalloc block because cap > 0; realloc
            // keeps the first len items (they fit, as cap >= len).
            unsafe { obmalloc::realloc(self.ptr.cast(), bytes) }
        };
        self.ptr = new.ok_or(AllocError)?.cast();
        self.cap = cap;
        Ok(())
    }

    /// Appends within the current capacity; gives the item back when full.
    #[inline]
    pub fn push_within_capacity(&mut self, item: T) -> Result<(), T> {
        if self.len == self.cap {
            return Err(item);
        }
        // SAFETY: len < cap, so slot len is inside the buffer and uninitialised.
        unsafe { self.ptr.as_ptr().add(self.len).write(item) };
        self.len += 1;
        Ok(())
    }

    /// Removes and returns the last item.
    #[inline]
    pub fn pop(&mut self) -> Option<T> {
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        // SAFETY: slot len was initialised and is now outside 0..len, so it is
        // read exactly once.
        Some(unsafe { self.ptr.as_ptr().add(self.len).read() })
    }

    /// Inserts at `index <= len`, shifting later items up; gives the item
    /// back when the buffer is full.
    pub fn insert_within_capacity(&mut self, index: usize, item: T) -> Result<(), T> {
        if self.len == self.cap || index > self.len {
            return Err(item);
        }
        // SAFETY: index <= len < cap; the shifted range stays inside the buffer.
        unsafe {
            let p = self.ptr.as_ptr().add(index);
            std::ptr::copy(p, p.add(1), self.len - index);
            p.write(item);
        }
        self.len += 1;
        Ok(())
    }

    /// Removes the item at `index`, shifting later items down.
    pub fn remove(&mut self, index: usize) -> Option<T> {
        if index >= self.len {
            return None;
        }
        // SAFETY: index < len; the item is read once, then the tail moved over it.
        unsafe {
            let p = self.ptr.as_ptr().add(index);
            let item = p.read();
            std::ptr::copy(p.add(1), p, self.len - index - 1);
            self.len -= 1;
            Some(item)
        }
    }

    /// Removes items `start..end` and returns them in order, without dropping
    /// them: the caller decides in which order they are released (CPython
    /// releases slice deletions last to first).
    pub fn drain_to_vec(&mut self, start: usize, end: usize) -> Vec<T> {
        let end = end.min(self.len);
        let start = start.min(end);
        let n = end - start;
        let mut out = Vec::with_capacity(n);
        // SAFETY: start..end is inside 0..len; each item there is read once,
        // then the tail is moved down over the hole.
        unsafe {
            let p = self.ptr.as_ptr().add(start);
            for i in 0..n {
                out.push(p.add(i).read());
            }
            std::ptr::copy(p.add(n), p, self.len - end);
        }
        self.len -= n;
        out
    }

    fn free_buffer(&mut self) {
        if self.cap > 0 {
            // SAFETY: cap > 0 means ptr is a live obmalloc block owned by us.
            unsafe { obmalloc::free(self.ptr.cast()) };
            self.ptr = NonNull::dangling();
            self.cap = 0;
        }
    }
}

impl<T> Default for HeapVec<T> {
    fn default() -> Self {
        HeapVec::new()
    }
}

impl<T> Deref for HeapVec<T> {
    type Target = [T];
    #[inline]
    fn deref(&self) -> &[T] {
        // SAFETY: items 0..len are initialised; ptr is dangling-but-aligned when len == 0.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }
}

impl<T> DerefMut for HeapVec<T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut [T] {
        // SAFETY: as in deref, with unique access through &mut self.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }
}

impl<T> Drop for HeapVec<T> {
    /// Drops the items last to first (CPython's `list_dealloc` order), then
    /// frees the buffer.
    fn drop(&mut self) {
        while let Some(item) = self.pop() {
            drop(item);
        }
        self.free_buffer();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_shrinks_and_keeps_items() {
        let mut v: HeapVec<u64> = HeapVec::new();
        assert!(v.push_within_capacity(1).is_err());
        v.set_capacity(4).unwrap();
        for i in 0..4 {
            v.push_within_capacity(i).unwrap();
        }
        assert!(v.push_within_capacity(9).is_err());
        v.set_capacity(100).unwrap();
        v.insert_within_capacity(0, 7).unwrap();
        assert_eq!(&v[..], &[7, 0, 1, 2, 3]);
        assert_eq!(v.remove(1), Some(0));
        assert_eq!(v.drain_to_vec(1, 3), vec![1, 2]);
        assert_eq!(&v[..], &[7, 3]);
        v.set_capacity(2).unwrap();
        assert_eq!(v.capacity(), 2);
        assert_eq!(v.pop(), Some(3));
    }
}
