//! refpy-heap: CPython's object memory, mirrored.
//!
//! - [`obmalloc`]: arenas, pools and size classes (`Objects/obmalloc.c`).
//! - [`object`]: the object header, owned references ([`ObjRef`]) and type
//!   slots (`Include/object.h`).
//! - [`gc`]: the generational cycle collector (`Modules/gcmodule.c`).
//! - [`freelist`]: per-type free lists of float, list, dict and tuple blocks.
//! - [`trace`]: allocation events and block locations for `refpy --trace`.
//! - [`tracemalloc`]: a trace (size, allocation traceback) per live block, for CPython's
//!   `tracemalloc`.
//!
//! Architecture invariants: this crate knows no Python type (the VM fills in
//! [`TypeSlots`]); all of refpy's `unsafe` lives here, each block with a
//! `// SAFETY:` comment; no Rust recursion grows with the depth of user data.

pub mod freelist;
pub mod gc;
pub mod heapvec;
pub mod object;
pub mod obmalloc;
pub mod trace;
pub mod tracemalloc;
pub mod weak;

pub use heapvec::HeapVec;
pub use object::{
    alloc, alloc_exact, alloc_str, alloc_var, finalizers_pending, flags, metatype_slots, new_type_object,
    push_pending_finalizer, take_pending_finalizer, AllocError, MaybeUntrack, ObjRef, TypeSlots, TypeToken,
    UntrackWhen, Visit,
};
pub use weak::WeakHandle;
