//! The `time` module's clocks and `sleep` (CPython's `Modules/timemodule.c`).
//!
//! Clocks count nanoseconds (CPython's `_PyTime_t`) and the float functions
//! convert as `_PyTime_AsSecondsDouble` does. `perf_counter` and `monotonic`
//! are one monotonic clock, counted from the first `import time`; calendar
//! functions (`localtime`, `strftime`, …) are not provided, so using them
//! raises `AttributeError`.

use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use refpy_heap::ObjRef;

use crate::args::arg_count_tuple;
use crate::call::{arg_count, no_kwargs};
use crate::errors::{ExcType, PyResult};
use crate::objects::float::as_float;
use crate::objects::int::{as_i64, is_int};
use crate::Vm;

/// Where the monotonic clock starts.
static MONOTONIC_START: OnceLock<Instant> = OnceLock::new();

/// Nanoseconds per second.
const NS_PER_SEC: i64 = 1_000_000_000;

/// The longest wait between checks for Ctrl-C during `sleep`.
const SLEEP_SLICE: Duration = Duration::from_millis(50);

/// Creates the `time` module.
pub fn build(vm: &mut Vm) -> PyResult {
    MONOTONIC_START.get_or_init(Instant::now);
    let m = vm.new_module("time")?;
    vm.add_functions(
        &m,
        &[
            ("time", time_time),
            ("time_ns", time_time_ns),
            ("perf_counter", time_perf_counter),
            ("perf_counter_ns", time_perf_counter_ns),
            ("monotonic", time_monotonic),
            ("monotonic_ns", time_monotonic_ns),
            ("process_time", time_process_time),
            ("sleep", time_sleep),
        ],
    )?;
    Ok(m)
}

/// The clocks behind the module's functions.
#[derive(Clone, Copy)]
enum Clock {
    /// Wall-clock time since the Unix epoch (`CLOCK_REALTIME`).
    Wall,
    /// A clock that never goes back (`CLOCK_MONOTONIC`).
    Monotonic,
    /// CPU time of the process, user plus system.
    Process,
}

/// The reading of `clock` in nanoseconds.
fn read_ns(vm: &mut Vm, clock: Clock) -> PyResult<i64> {
    let ns = match clock {
        Clock::Wall => match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => d.as_nanos() as i64,
            Err(before) => -(before.duration().as_nanos() as i64),
        },
        Clock::Monotonic => MONOTONIC_START.get_or_init(Instant::now).elapsed().as_nanos() as i64,
        Clock::Process => process_cpu_ns().ok_or_else(|| {
            vm.new_error(ExcType::OSError, "time.process_time() needs /proc/self/stat, which is unreadable")
        })?,
    };
    Ok(ns)
}

/// CPU time of the process from the `utime` and `stime` fields of
/// `/proc/self/stat`, which count Linux's fixed 1/100 s `USER_HZ` ticks.
fn process_cpu_ns() -> Option<i64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields 14 and 15; the command name (field 2) may hold spaces, so count from its ')'.
    let mut fields = stat[stat.rfind(')')? + 1..].split_whitespace().skip(11);
    let utime: i64 = fields.next()?.parse().ok()?;
    let stime: i64 = fields.next()?.parse().ok()?;
    Some((utime + stime) * (NS_PER_SEC / 100))
}

/// `_PyTime_AsSecondsDouble`: whole seconds exactly, else `ns / 1e9`.
fn ns_to_seconds(ns: i64) -> f64 {
    if ns % NS_PER_SEC == 0 {
        (ns / NS_PER_SEC) as f64
    } else {
        ns as f64 / 1e9
    }
}

/// A clock function returning float seconds.
fn seconds(vm: &mut Vm, qualname: &str, args: &[ObjRef], kw: Option<&[ObjRef]>, clock: Clock) -> PyResult {
    no_kwargs(vm, qualname, kw)?;
    arg_count(vm, qualname, args, 0, 0)?;
    let ns = read_ns(vm, clock)?;
    vm.new_float(ns_to_seconds(ns))
}

/// A clock function returning int nanoseconds.
fn nanoseconds(
    vm: &mut Vm,
    qualname: &str,
    args: &[ObjRef],
    kw: Option<&[ObjRef]>,
    clock: Clock,
) -> PyResult {
    no_kwargs(vm, qualname, kw)?;
    arg_count(vm, qualname, args, 0, 0)?;
    let ns = read_ns(vm, clock)?;
    vm.new_int(ns)
}

fn time_time(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    seconds(vm, "time.time", args, kw, Clock::Wall)
}

fn time_time_ns(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    nanoseconds(vm, "time.time_ns", args, kw, Clock::Wall)
}

fn time_perf_counter(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    seconds(vm, "time.perf_counter", args, kw, Clock::Monotonic)
}

fn time_perf_counter_ns(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    nanoseconds(vm, "time.perf_counter_ns", args, kw, Clock::Monotonic)
}

fn time_monotonic(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    seconds(vm, "time.monotonic", args, kw, Clock::Monotonic)
}

fn time_monotonic_ns(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    nanoseconds(vm, "time.monotonic_ns", args, kw, Clock::Monotonic)
}

fn time_process_time(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    seconds(vm, "time.process_time", args, kw, Clock::Process)
}

/// `time.sleep(secs)`: waits, checking for Ctrl-C (`KeyboardInterrupt`)
/// every [`SLEEP_SLICE`].
fn time_sleep(vm: &mut Vm, args: &[ObjRef], kw: Option<&[ObjRef]>) -> PyResult {
    no_kwargs(vm, "time.sleep", kw)?;
    arg_count_tuple(vm, "time.sleep", args.len(), 1, 1)?;
    let ns = timeout_ns(vm, &args[0])?;
    if ns < 0 {
        return Err(vm.new_error(ExcType::ValueError, "sleep length must be non-negative"));
    }
    let deadline = Instant::now() + Duration::from_nanos(ns as u64);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        std::thread::sleep(left.min(SLEEP_SLICE));
        vm.check_interrupt()?;
    }
    Ok(vm.none.clone())
}

/// `_PyTime_FromSecondsObject` with `_PyTime_ROUND_TIMEOUT`: seconds as a
/// float or int to nanoseconds, rounded away from zero.
fn timeout_ns(vm: &mut Vm, secs: &ObjRef) -> PyResult<i64> {
    if let Some(f) = as_float(secs) {
        if f.is_nan() {
            return Err(vm.new_error(ExcType::ValueError, "Invalid value NaN (not a number)"));
        }
        let ns = f * 1e9;
        let ns = if ns >= 0.0 { ns.ceil() } else { ns.floor() };
        // i64::MIN is -2**63 exactly; anything from 2**63 up does not fit.
        if !(i64::MIN as f64..-(i64::MIN as f64)).contains(&ns) {
            return Err(vm.new_error(ExcType::OverflowError, "timestamp out of range for platform time_t"));
        }
        return Ok(ns as i64);
    }
    if !is_int(secs) {
        let t = vm.type_name(secs);
        return Err(
            vm.new_error(ExcType::TypeError, format!("'{t}' object cannot be interpreted as an integer"))
        );
    }
    as_i64(secs)
        .and_then(|s| s.checked_mul(NS_PER_SEC))
        .ok_or_else(|| vm.new_error(ExcType::OverflowError, "timestamp too large to convert to C _PyTime_t"))
}
