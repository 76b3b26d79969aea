//! What an execution tracer (`refpy --trace`) asks of the heap: which
//! objects were allocated and freed between two steps. (Where an object's
//! block sits: `ObjRef::block_info`; its generation: [`gc::generation_of`].)
//!
//! Recording is off unless the VM turns it on. Either way each allocation
//! and deallocation tests one thread-local flag; the events are buffered
//! here (the heap cannot call into the VM) and the VM takes them at its
//! next step.

use std::cell::{Cell, RefCell};
use std::ptr::NonNull;

use crate::gc;
use crate::object::ObjHeader;

/// One allocation or deallocation, by object id (the header address, `id()`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeapEvent {
    /// A new object, or a block reused from a type's free list.
    Alloc(usize),
    /// An object freed; `by_collector` when it died during a collection
    /// (cleared by the cycle collector, or released by what it cleared).
    Free { id: usize, by_collector: bool },
}

thread_local! {
    /// Whether allocations and deallocations are being recorded.
    static RECORDING: Cell<bool> = const { Cell::new(false) };
    /// Events since the tracer last took them.
    static EVENTS: RefCell<Vec<HeapEvent>> = const { RefCell::new(Vec::new()) };
}

/// Starts or pauses recording allocation events (the buffer is kept).
pub fn set_recording(on: bool) {
    RECORDING.with(|r| r.set(on));
}

/// The events recorded since the last call, oldest first.
pub fn take_events() -> Vec<HeapEvent> {
    EVENTS.with(|e| std::mem::take(&mut *e.borrow_mut()))
}

/// Called by every allocation path once the object's header exists.
#[inline(always)]
pub(crate) fn on_alloc(p: NonNull<ObjHeader>) {
    if RECORDING.with(Cell::get) {
        record(HeapEvent::Alloc(p.as_ptr().addr()));
    }
}

/// Called by `destroy` before an object's block is freed or kept.
#[inline(always)]
pub(crate) fn on_free(p: NonNull<ObjHeader>) {
    if RECORDING.with(Cell::get) {
        record(HeapEvent::Free { id: p.as_ptr().addr(), by_collector: gc::is_collecting() });
    }
}

#[cold]
#[inline(never)]
fn record(event: HeapEvent) {
    EVENTS.with(|e| e.borrow_mut().push(event));
}
