//! The cycle collector's state (`Modules/gcmodule.c`, `pycore_gc.h`).
//!
//! For now this keeps CPython's generation-0 count: tracked-capable
//! allocations minus deallocations (`_PyObject_GC_Link` / `PyObject_GC_Del`),
//! which `gc.get_count()` reports. Generation lists and `collect_main` come
//! with the memory-model work.

use std::cell::Cell;

/// Default thresholds of the three generations (`_PyGC_InitState`).
pub const DEFAULT_THRESHOLDS: [usize; 3] = [700, 10, 10];

thread_local! {
    static GEN0_COUNT: Cell<usize> = const { Cell::new(0) };
}

/// Called for each allocation of a GC-type object.
#[inline]
pub(crate) fn on_gc_alloc() {
    GEN0_COUNT.with(|c| c.set(c.get() + 1));
}

/// Called for each deallocation of a GC-type object (count stays ≥ 0).
#[inline]
pub(crate) fn on_gc_free() {
    GEN0_COUNT.with(|c| c.set(c.get().saturating_sub(1)));
}

/// `generations[0].count`.
pub fn gen0_count() -> usize {
    GEN0_COUNT.with(Cell::get)
}
