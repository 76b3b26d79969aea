//! The allocator side of CPython's `tracemalloc`: a trace per live block, saying how big
//! it is and which Python lines allocated it.
//!
//! ```text
//!  obmalloc::malloc / realloc / free          (every object block and item buffer)
//!        │ tracing off: one thread-local flag test, nothing else
//!        ▼ tracing on
//!  traces: block address ─► Trace { size, traceback }     traced / peak byte counters
//!                                          │ PENDING until the VM names it
//!  pending: [addresses] ◄──────────────────┘
//!        ▲
//!  VM, between two instructions: set_pending_traceback(frames of that instruction)
//!                                          │ interned: equal tracebacks share one entry
//!  tracebacks: [Traceback { frames (innermost first), total_nframe }]
//! ```
//!
//! The heap cannot see Python frames, so a new trace starts *pending*, and the VM, which
//! knows the line it is executing, gives all pending traces their traceback before the next
//! instruction (and before a call pushes a frame). What a trace records follows CPython 3.11:
//! - a block is traced from its allocation to its release, and a block kept on a type's free
//!   list (`freelist.rs`) is not released: it stays traced. An object that reuses it takes the
//!   trace over with its own traceback (`_PyTraceMalloc_NewReference`), unless the block was
//!   allocated before tracing started: then it stays untraced, and `get_object_traceback`
//!   has nothing to say about the new object;
//! - `realloc` moves the trace to the new address with the traceback of the resize;
//! - sizes are refpy's real ones: the block size for a pool block (CPython records the
//!   requested size), the requested size for a system block (the same as CPython's, but 1
//!   for a request of 0 bytes, which refpy serves as 1).
//!
//! Like the heap, the state is per thread; all of it goes when tracing stops.

use std::cell::{Cell, RefCell};
use std::mem::size_of;
use std::ptr::NonNull;
use std::rc::Rc;

use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::object::{pre_header, GcHead, ObjRef};
use crate::obmalloc;

/// Most frames a traceback keeps (`MAX_NFRAME`, the range `start()` accepts).
pub const MAX_NFRAME: usize = 65535;

/// One frame of an allocation traceback (tracemalloc's `frame_t`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Frame {
    /// The code object's `co_filename`.
    pub filename: Rc<str>,
    /// The line executing in that frame; 0 when unknown.
    pub lineno: u32,
}

/// Where a block was allocated: the newest frames first, at most the traceback limit.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Traceback {
    /// The frames, newest (the allocating line) first.
    pub frames: Box<[Frame]>,
    /// Frames on the stack at the allocation, including those past the limit (at most
    /// `u16::MAX`, as in CPython).
    pub total_nframe: u16,
}

/// Index of an interned [`Traceback`]; [`PENDING`] until the VM names it.
type TracebackId = u32;

/// The traceback of a trace the VM has not named yet.
const PENDING: TracebackId = TracebackId::MAX;

/// One live traced block.
#[derive(Clone, Copy)]
struct Trace {
    size: usize,
    traceback: TracebackId,
}

/// Everything tracing records (`tracemalloc_traces`, `tracemalloc_tracebacks`, the counters).
struct Tracer {
    /// `get_traceback_limit()`: frames kept per traceback; kept when tracing stops.
    limit: usize,
    /// Live traced blocks by address.
    traces: FxHashMap<usize, Trace>,
    /// Addresses whose trace may still be [`PENDING`].
    pending: Vec<usize>,
    /// Interned tracebacks, indexed by [`TracebackId`].
    tracebacks: Vec<Rc<Traceback>>,
    ids: FxHashMap<Rc<Traceback>, TracebackId>,
    /// Bytes in traced blocks now, and the most since the last reset.
    traced: usize,
    peak: usize,
}

impl Tracer {
    /// Forgets every trace and traceback (`tracemalloc_clear_traces`).
    fn clear(&mut self) {
        self.traces = FxHashMap::default();
        self.pending = Vec::new();
        self.tracebacks = Vec::new();
        self.ids = FxHashMap::default();
        self.traced = 0;
        self.peak = 0;
        PENDING_WORK.with(|p| p.set(false));
    }

    fn add(&mut self, addr: usize, size: usize) {
        let old = self.traces.insert(addr, Trace { size, traceback: PENDING });
        self.traced = self.traced - old.map_or(0, |t| t.size) + size;
        self.peak = self.peak.max(self.traced);
        self.pending.push(addr);
        PENDING_WORK.with(|p| p.set(true));
    }

    /// The block at `addr` holds a new object: a trace, if any, waits for its traceback.
    fn renew(&mut self, addr: usize) {
        if let Some(t) = self.traces.get_mut(&addr) {
            t.traceback = PENDING;
            self.pending.push(addr);
            PENDING_WORK.with(|p| p.set(true));
        }
    }

    fn remove(&mut self, addr: usize) {
        if let Some(t) = self.traces.remove(&addr) {
            self.traced -= t.size;
        }
    }

    fn intern(&mut self, tb: Traceback) -> TracebackId {
        if let Some(&id) = self.ids.get(&tb) {
            return id;
        }
        let id = self.tracebacks.len() as TracebackId;
        let tb = Rc::new(tb);
        self.tracebacks.push(tb.clone());
        self.ids.insert(tb, id);
        id
    }

    /// The traceback of a trace; the unknown one while it is still pending.
    fn traceback_of(&mut self, trace: Trace) -> Rc<Traceback> {
        match self.tracebacks.get(trace.traceback as usize) {
            Some(tb) => tb.clone(),
            None => {
                let id = self.intern(unknown_traceback());
                self.tracebacks[id as usize].clone()
            }
        }
    }
}

thread_local! {
    /// Whether allocations are traced: the one test obmalloc makes when they are not.
    static TRACING: Cell<bool> = const { Cell::new(false) };
    /// Some trace waits for its traceback: the VM's test between instructions.
    static PENDING_WORK: Cell<bool> = const { Cell::new(false) };
    /// New blocks are not traced for now (CPython's `reentrant` flag); releases still are.
    static PAUSED: Cell<bool> = const { Cell::new(false) };
    static TRACER: RefCell<Tracer> = const {
        RefCell::new(Tracer {
            limit: 1,
            traces: FxHashMap::with_hasher(FxBuildHasher),
            pending: Vec::new(),
            tracebacks: Vec::new(),
            ids: FxHashMap::with_hasher(FxBuildHasher),
            traced: 0,
            peak: 0,
        })
    };
}

fn with_tracer<R>(f: impl FnOnce(&mut Tracer) -> R) -> R {
    TRACER.with(|t| f(&mut t.borrow_mut()))
}

/// The traceback of an allocation made while no Python frame runs (`<unknown>`, line 0).
fn unknown_traceback() -> Traceback {
    Traceback { frames: Box::new([Frame { filename: Rc::from("<unknown>"), lineno: 0 }]), total_nframe: 1 }
}

/// True while allocations are traced (`tracemalloc.is_tracing()`).
#[inline(always)]
pub fn is_tracing() -> bool {
    TRACING.with(Cell::get)
}

/// Starts tracing with tracebacks of at most `nframe` frames (clamped to
/// `1..=MAX_NFRAME`; the VM checks the range first). Already tracing: nothing changes, not
/// even the limit, as in CPython.
pub fn start(nframe: usize) {
    if is_tracing() {
        return;
    }
    with_tracer(|t| t.limit = nframe.clamp(1, MAX_NFRAME));
    TRACING.with(|f| f.set(true));
}

/// Stops tracing and forgets every trace (the limit stays).
pub fn stop() {
    TRACING.with(|f| f.set(false));
    with_tracer(Tracer::clear);
}

/// Forgets every trace and resets the byte counters; tracing goes on.
pub fn clear_traces() {
    with_tracer(Tracer::clear);
}

/// Most frames a traceback keeps (`get_traceback_limit()`).
pub fn traceback_limit() -> usize {
    with_tracer(|t| t.limit)
}

/// Bytes in traced blocks now and at the peak (`get_traced_memory()`).
pub fn traced_memory() -> (usize, usize) {
    with_tracer(|t| (t.traced, t.peak))
}

/// Sets the peak to the bytes traced now (`reset_peak()`).
pub fn reset_peak() {
    with_tracer(|t| t.peak = t.traced);
}

/// Bytes the tracer's own tables take (`get_tracemalloc_memory()`), estimated from their
/// capacities.
pub fn tracer_memory() -> usize {
    with_tracer(|t| {
        let frames: usize =
            t.tracebacks.iter().map(|tb| size_of::<Traceback>() + tb.frames.len() * size_of::<Frame>()).sum();
        t.traces.capacity() * (size_of::<usize>() + size_of::<Trace>())
            + t.pending.capacity() * size_of::<usize>()
            + t.ids.capacity() * (size_of::<Rc<Traceback>>() + size_of::<TracebackId>())
            + frames
    })
}

/// Stops tracing new blocks until the guard is dropped (CPython's `set_reentrant(1)` while
/// `_get_traces` converts the traces it copied): what a snapshot's own data takes is not
/// traced. Blocks released meanwhile lose their traces as usual.
pub fn pause_new_traces() -> PausedTraces {
    PausedTraces(PAUSED.with(|p| p.replace(true)))
}

/// Guard of [`pause_new_traces`]; restores the previous state when dropped.
pub struct PausedTraces(bool);

impl Drop for PausedTraces {
    fn drop(&mut self) {
        PAUSED.with(|p| p.set(self.0));
    }
}

/// True when a trace waits for its traceback; the VM then calls [`set_pending_traceback`].
#[inline(always)]
pub fn has_pending() -> bool {
    PENDING_WORK.with(Cell::get)
}

/// Gives every pending trace the traceback `frames` (newest first, already cut to the
/// limit; empty when no Python frame runs), of `total_nframe` frames in all.
pub fn set_pending_traceback(frames: Vec<Frame>, total_nframe: usize) {
    PENDING_WORK.with(|p| p.set(false));
    with_tracer(|t| {
        let tb = if frames.is_empty() {
            unknown_traceback()
        } else {
            Traceback { frames: frames.into(), total_nframe: total_nframe.min(usize::from(u16::MAX)) as u16 }
        };
        let id = t.intern(tb);
        for addr in std::mem::take(&mut t.pending) {
            if let Some(trace) = t.traces.get_mut(&addr).filter(|tr| tr.traceback == PENDING) {
                trace.traceback = id;
            }
        }
    });
}

/// Every live trace as (size, traceback) (`_tracemalloc._get_traces()`), in no particular
/// order; equal tracebacks are one shared `Rc`.
pub fn traces() -> Vec<(usize, Rc<Traceback>)> {
    with_tracer(|t| {
        let all: Vec<Trace> = t.traces.values().copied().collect();
        all.into_iter().map(|tr| (tr.size, t.traceback_of(tr))).collect()
    })
}

/// Where the block of `obj` was allocated, if it is traced (`_get_object_traceback`). As in
/// CPython 3.11, the block is looked up at the object's address less its GC head only: an
/// object with a managed-dict pre-header is never found.
pub fn object_traceback(obj: &ObjRef) -> Option<Rc<Traceback>> {
    let gc_head = if obj.is_gc() { size_of::<GcHead>() } else { 0 };
    traceback_at(obj.id() - gc_head)
}

/// Where the block holding `obj` was allocated, whatever its pre-header, if it is traced:
/// what refpy's own tools (`refpy.why`, `refpy.explain`) show.
pub fn allocation_traceback(obj: &ObjRef) -> Option<Rc<Traceback>> {
    traceback_at(obj.id() - pre_header(obj.slots()))
}

/// The traceback of the traced block at `addr`.
fn traceback_at(addr: usize) -> Option<Rc<Traceback>> {
    if !is_tracing() {
        return None;
    }
    with_tracer(|t| {
        let trace = *t.traces.get(&addr)?;
        Some(t.traceback_of(trace))
    })
}

// The hooks below sit on obmalloc's fast paths: inlined, each is one flag test and a call
// that is never made while tracing is off, so the paths stay small enough to be inlined.

/// obmalloc's `malloc` returned `p`.
#[inline(always)]
pub(crate) fn after_malloc(p: Option<NonNull<u8>>) {
    if is_tracing() {
        trace_malloc(p);
    }
}

#[cold]
#[inline(never)]
fn trace_malloc(p: Option<NonNull<u8>>) {
    if let (Some(p), false) = (p, PAUSED.with(Cell::get)) {
        // SAFETY: `p` was just returned by malloc, so it is a live block of this thread.
        let size = unsafe { obmalloc::allocated_size(p) };
        with_tracer(|t| t.add(p.as_ptr().addr(), size));
    }
}

/// obmalloc's `realloc` moved or resized `old` to `new` (`None` when it failed and `old`
/// is unchanged).
#[inline(always)]
pub(crate) fn after_realloc(old: NonNull<u8>, new: Option<NonNull<u8>>) {
    if is_tracing() {
        trace_realloc(old, new);
    }
}

#[cold]
#[inline(never)]
fn trace_realloc(old: NonNull<u8>, new: Option<NonNull<u8>>) {
    let Some(new) = new else { return };
    // SAFETY: `new` was just returned by realloc, so it is a live block of this thread.
    let size = unsafe { obmalloc::allocated_size(new) };
    with_tracer(|t| {
        t.remove(old.as_ptr().addr());
        if !PAUSED.with(Cell::get) {
            t.add(new.as_ptr().addr(), size);
        }
    });
}

/// A type's free list handed `block` to a new object.
#[inline(always)]
pub(crate) fn after_reuse(block: NonNull<u8>) {
    if is_tracing() {
        trace_reuse(block);
    }
}

#[cold]
#[inline(never)]
fn trace_reuse(block: NonNull<u8>) {
    with_tracer(|t| t.renew(block.as_ptr().addr()));
}

/// obmalloc's `free` is about to release `p`.
#[inline(always)]
pub(crate) fn before_free(p: NonNull<u8>) {
    if is_tracing() {
        trace_free(p);
    }
}

#[cold]
#[inline(never)]
fn trace_free(p: NonNull<u8>) {
    with_tracer(|t| t.remove(p.as_ptr().addr()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::obmalloc::{free, malloc, realloc};

    fn here(line: u32) -> Vec<Frame> {
        vec![Frame { filename: Rc::from("t.py"), lineno: line }]
    }

    /// Runs `f` with tracing on (limit `nframe`), then stops.
    fn traced<R>(nframe: usize, f: impl FnOnce() -> R) -> R {
        start(nframe);
        let r = f();
        stop();
        r
    }

    #[test]
    fn off_by_default_and_records_nothing() {
        assert!(!is_tracing());
        let p = malloc(24).unwrap();
        assert_eq!(traced_memory(), (0, 0));
        // SAFETY: p is live and freed once.
        unsafe { free(p) };
    }

    #[test]
    fn sizes_are_block_sizes_and_request_sizes() {
        traced(1, || {
            let small = malloc(24).unwrap();
            let big = malloc(1000).unwrap();
            assert_eq!(traced_memory(), (32 + 1000, 1032));
            assert!(has_pending());
            set_pending_traceback(here(3), 1);
            assert!(!has_pending());
            let mut all = traces();
            all.sort_by_key(|(size, _)| *size);
            assert_eq!(all.iter().map(|(s, _)| *s).collect::<Vec<_>>(), [32, 1000]);
            assert!(Rc::ptr_eq(&all[0].1, &all[1].1), "equal tracebacks are interned");
            assert_eq!(all[0].1.frames[0].lineno, 3);
            // SAFETY: both are live and freed once.
            unsafe {
                free(small);
                free(big);
            }
            assert_eq!(traced_memory(), (0, 1032));
            reset_peak();
            assert_eq!(traced_memory(), (0, 0));
        });
    }

    #[test]
    fn realloc_moves_the_trace_to_the_resize_site() {
        traced(1, || {
            let p = malloc(600).unwrap();
            set_pending_traceback(here(1), 1);
            // SAFETY: p is live; the result replaces it.
            let q = unsafe { realloc(p, 2000) }.unwrap();
            set_pending_traceback(here(2), 1);
            let all = traces();
            assert_eq!(all.len(), 1);
            assert_eq!((all[0].0, all[0].1.frames[0].lineno), (2000, 2));
            // SAFETY: q is live and freed once.
            unsafe { free(q) };
            assert!(traces().is_empty());
        });
    }

    #[test]
    fn paused_tracing_records_releases_only() {
        traced(1, || {
            let p = malloc(700).unwrap();
            let q = {
                let _paused = pause_new_traces();
                // SAFETY: p is live and freed once.
                unsafe { free(p) };
                malloc(800).unwrap()
            };
            assert!(traces().is_empty(), "the release was recorded, the allocation was not");
            let r = malloc(900).unwrap();
            assert_eq!(traced_memory().0, 900);
            // SAFETY: q and r are live and freed once.
            unsafe {
                free(q);
                free(r);
            }
        });
    }

    #[test]
    fn no_frames_is_unknown_and_stop_forgets() {
        traced(5, || {
            assert_eq!(traceback_limit(), 5);
            start(9);
            assert_eq!(traceback_limit(), 5, "start while tracing changes nothing");
            let p = malloc(16).unwrap();
            set_pending_traceback(Vec::new(), 0);
            let all = traces();
            assert_eq!(&*all[0].1.frames[0].filename, "<unknown>");
            clear_traces();
            assert!(traces().is_empty());
            assert_eq!(traced_memory(), (0, 0));
            // SAFETY: p is live and freed once (its trace is already gone).
            unsafe { free(p) };
        });
        assert_eq!(traceback_limit(), 5, "the limit outlives stop()");
        assert_eq!(traced_memory(), (0, 0));
    }
}
