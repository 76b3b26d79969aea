//! The text of `refpy.why(a, b)` and `refpy.explain(x)`: why two values are (or are not)
//! one object, and one object's memory story, in the words a textbook uses.
//!
//! Every statement is read from refpy's real state, never guessed from the value: the
//! singletons and caches of [`Vm`], the interned table and the `interned` mark of each
//! string (which records who interned it), the constants of the code objects running now,
//! the heap's size classes, pools and arenas, and the collector's lists. The output format
//! is documented in docs/EXPLAIN.md.

use std::rc::Rc;

use refpy_compiler::consts::{all_name_chars, interns_literal, is_short_literal};
use refpy_compiler::SHORT_STRING_LIMIT;
use refpy_heap::gc::{self, GcList};
use refpy_heap::ObjRef;

use crate::errors::{ExcType, PyResult};
use crate::objects::function::{CodeData, CodeObj};
use crate::objects::int::{as_i64, SMALL_INT_MAX, SMALL_INT_MIN};
use crate::objects::str::{as_str_object, str_repr, Interned};
use crate::Vm;

/// Longest `repr` shown for a value inside a sentence; longer ones end in `...`.
const SHOWN_CHARS: usize = 40;

/// Longest part of a string's text shown inside a sentence.
const SHOWN_TEXT_CHARS: usize = 30;

/// Why a string is in the interned table, in the compiler's or the program's terms.
#[derive(Clone, Copy, PartialEq, Eq)]
enum InternRule {
    /// All ASCII letters, digits and underscores (the compiler's `all_name_chars`).
    IdentifierLike,
    /// At most [`SHORT_STRING_LIMIT`] characters (the compiler's short-literal rule).
    ShortLiteral,
    /// `sys.intern` put it there first.
    SysIntern,
    /// refpy interned it for its own use (a name it looks up), under neither literal rule.
    Refpy,
}

/// What makes an object the one object for its value, strongest reason first.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Identity {
    /// `None`, `True`, `False`, `Ellipsis`, `NotImplemented`, `()`, `''`, `b''`.
    Singleton,
    /// The cached int object for a value in -5..=256.
    SmallInt,
    /// One of the 256 cached one-character Latin-1 strings.
    CachedChar,
    /// One of the 256 cached one-byte bytes objects.
    CachedByte,
    /// In the interned string table.
    Interned(InternRule),
    /// A constant of a code object that is running now (equal constants are merged).
    Constant,
    /// None of the above.
    Ordinary,
}

/// Where `obj` was allocated (`file:line`): known while tracemalloc traces
/// allocations (`Vm::allocation_site`), `None` otherwise.
pub(crate) fn allocation_site(vm: &Vm, obj: &ObjRef) -> Option<String> {
    vm.allocation_site(obj)
}

/// The text of `refpy.why(a, b)`: a first line starting with `same object` or
/// `different objects` and the rule, then the allocation sites that are known.
pub(crate) fn why(vm: &mut Vm, a: &ObjRef, b: &ObjRef) -> PyResult<String> {
    if a.is(b) {
        let mut text = same_object(vm, a)?;
        if let Some(site) = allocation_site(vm, a) {
            text.push_str(&format!("\nallocated at: {site}"));
        }
        return Ok(text);
    }
    let mut text = different_objects(vm, a, b)?;
    for (name, obj) in [("a", a), ("b", b)] {
        if let Some(site) = allocation_site(vm, obj) {
            text.push_str(&format!("\n{name} allocated at: {site}"));
        }
    }
    Ok(text)
}

/// The text of `refpy.explain(x)`: one `label: value` line per fact. `x` is the call's
/// argument, so its count includes the call's own reference, which is not reported.
pub(crate) fn explain(vm: &mut Vm, x: &ObjRef) -> PyResult<String> {
    let refcount = x.refcnt() - 1;
    let mut lines = vec![
        format!("type: {}", vm.type_name(x)),
        format!("id: {}", x.id()),
        format!("refcount: {refcount} (sys.getrefcount(x) - 1: the call's own reference is not counted)"),
        format!("getsizeof: {}", getsizeof_text(vm, x)?),
    ];
    lines.extend(heap_lines(x));
    lines.push(format!("gc: {}", gc_state(vm, x)));
    lines.push(format!("identity: {}", identity_facts(vm, x)));
    lines.push(format!("referents: {} (what gc.get_referents(x) lists)", x.referents().len()));
    if let Some(site) = allocation_site(vm, x) {
        lines.push(format!("allocated at: {site}"));
    }
    Ok(lines.join("\n"))
}

// --- identity -------------------------------------------------------------------------

/// The strongest identity reason of `obj` (see [`Identity`]).
fn identity(vm: &Vm, obj: &ObjRef) -> Identity {
    if is_singleton(vm, obj) {
        return Identity::Singleton;
    }
    if is_small_int(vm, obj) {
        return Identity::SmallInt;
    }
    if vm.latin1.iter().any(|c| c.is(obj)) {
        return Identity::CachedChar;
    }
    if vm.byte_chars.iter().any(|c| c.is(obj)) {
        return Identity::CachedByte;
    }
    if let Some(rule) = intern_rule(obj) {
        return Identity::Interned(rule);
    }
    if is_constant(vm, obj) {
        return Identity::Constant;
    }
    Identity::Ordinary
}

/// `obj` is one of the interpreter's singletons: None, True, False,
/// Ellipsis, NotImplemented, `()`, `''`, `b''`.
pub(crate) fn is_singleton(vm: &Vm, obj: &ObjRef) -> bool {
    let singletons = [
        &vm.none,
        &vm.true_,
        &vm.false_,
        &vm.ellipsis,
        &vm.not_implemented,
        &vm.empty_tuple,
        &vm.empty_str,
        &vm.empty_bytes,
    ];
    singletons.iter().any(|s| s.is(obj))
}

/// `obj` is a cached one-character str or one-byte bytes object.
pub(crate) fn is_cached_char(vm: &Vm, obj: &ObjRef) -> bool {
    vm.latin1.iter().any(|c| c.is(obj)) || vm.byte_chars.iter().any(|c| c.is(obj))
}

/// `obj` is the cached object of a small int (an exact int in -5..=256).
pub(crate) fn is_small_int(vm: &Vm, obj: &ObjRef) -> bool {
    match as_i64(obj) {
        Some(v) if (SMALL_INT_MIN..=SMALL_INT_MAX).contains(&v) => {
            vm.small_ints[(v - SMALL_INT_MIN) as usize].is(obj)
        }
        _ => false,
    }
}

/// Why the string `obj` is interned, or `None` when it is not (or not a string).
fn intern_rule(obj: &ObjRef) -> Option<InternRule> {
    let (payload, text) = as_str_object(obj)?;
    match payload.interned.get() {
        Interned::No => None,
        Interned::BySysIntern => Some(InternRule::SysIntern),
        Interned::ByRefpy if all_name_chars(text) => Some(InternRule::IdentifierLike),
        Interned::ByRefpy if is_short_literal(text, SHORT_STRING_LIMIT) => Some(InternRule::ShortLiteral),
        Interned::ByRefpy => Some(InternRule::Refpy),
    }
}

/// Whether `obj` is a string that a literal the compiler did not intern made.
fn is_long_literal(obj: &ObjRef) -> bool {
    as_str_object(obj).is_some_and(|(payload, _)| payload.long_literal.get())
}

/// Whether `obj` is a constant (`co_consts`) of a code object running now or defined
/// inside one: the constants that `Vm::load_code` merged by value.
fn is_constant(vm: &Vm, obj: &ObjRef) -> bool {
    let mut todo: Vec<Rc<CodeData>> = vm.frames.iter().map(|f| f.code.clone()).collect();
    while let Some(code) = todo.pop() {
        for c in &code.consts {
            if c.is(obj) {
                return true;
            }
            if let Some(CodeObj(inner)) = c.downcast::<CodeObj>() {
                todo.push(inner.clone());
            }
        }
    }
    false
}

/// The `identity:` line of `explain`: every cache, table or constant pool holding `obj`.
fn identity_facts(vm: &Vm, obj: &ObjRef) -> String {
    let id = identity(vm, obj);
    let mut facts = Vec::new();
    match id {
        Identity::Singleton => facts.push("singleton".to_string()),
        Identity::SmallInt => facts.push("small int, cached (-5..256)".to_string()),
        Identity::CachedChar => facts.push("one-character Latin-1 string, cached".to_string()),
        Identity::CachedByte => facts.push("one-byte bytes object, cached".to_string()),
        Identity::Interned(_) | Identity::Constant | Identity::Ordinary => {}
    }
    let cached = !facts.is_empty();
    match intern_rule(obj) {
        Some(rule) if id != Identity::Singleton => facts.push(format!("interned ({})", intern_rule_words(rule))),
        None if is_long_literal(obj) => facts.push(format!(
            "string literal longer than {SHORT_STRING_LIMIT} characters, not interned: one object per occurrence"
        )),
        _ => {}
    }
    if !cached && is_constant(vm, obj) {
        facts.push("constant of the running code".to_string());
    }
    if facts.is_empty() {
        facts.push("ordinary object (no cache, interning or constant holds it)".to_string());
    }
    facts.join("; ")
}

/// The words for `rule` in the `identity:` line.
fn intern_rule_words(rule: InternRule) -> String {
    match rule {
        InternRule::IdentifierLike => "identifier-like literal".to_string(),
        InternRule::ShortLiteral => format!("string literal of at most {SHORT_STRING_LIMIT} characters"),
        InternRule::SysIntern => "by sys.intern".to_string(),
        InternRule::Refpy => "by refpy, for a name it uses".to_string(),
    }
}

// --- why ------------------------------------------------------------------------------

/// The first line of `why` for one object reached by both arguments.
fn same_object(vm: &mut Vm, obj: &ObjRef) -> PyResult<String> {
    let shown = show(vm, obj)?;
    let rule = match identity(vm, obj) {
        Identity::Singleton => format!(
            "{shown} is a singleton: None, True, False, (), '', b'', Ellipsis and NotImplemented exist once each"
        ),
        Identity::SmallInt => format!(
            "{shown} is a small int, and ints from -5 to 256 are cached: every {shown} is this object"
        ),
        Identity::CachedChar => format!(
            "{shown} is a one-character Latin-1 string, and those 256 strings are cached: \
             chr(), indexing and slicing return this object"
        ),
        Identity::CachedByte => {
            format!("{shown} is a one-byte bytes object, and those 256 objects are cached")
        }
        Identity::Interned(InternRule::IdentifierLike) => {
            format!("{shown} is an identifier-like literal, interned")
        }
        Identity::Interned(InternRule::ShortLiteral) => format!(
            "{shown} is a string literal of at most {SHORT_STRING_LIMIT} characters, so it is interned"
        ),
        Identity::Interned(InternRule::SysIntern) => format!("{shown} is interned by sys.intern"),
        Identity::Interned(InternRule::Refpy) => {
            format!("{shown} is interned: refpy uses it as a name")
        }
        Identity::Constant => format!(
            "{shown} is a constant of this code, and equal constants of one compilation unit \
             are merged into one object"
        ),
        Identity::Ordinary => "both names refer to one object (bound by assignment, not copied)".to_string(),
    };
    Ok(format!("same object: {rule}"))
}

/// The first line of `why` for two distinct objects.
fn different_objects(vm: &mut Vm, a: &ObjRef, b: &ObjRef) -> PyResult<String> {
    let equal = vm.equal(a, b)?;
    let (ta, tb) = (vm.type_name(a), vm.type_name(b));
    let reason = if !a.ob_type_ref().is(b.ob_type_ref()) {
        if equal {
            format!("equal values of different types ({ta} and {tb}) are separate objects")
        } else {
            format!("different types ({ta} and {tb}) and values")
        }
    } else if !equal && vm.is_heap_instance(a) {
        format!("two {ta} instances that do not compare equal")
    } else if !equal {
        let (sa, sb) = (show(vm, a)?, show(vm, b)?);
        format!("the values differ ({sa} != {sb})")
    } else {
        equal_values(vm, a, b)?
    };
    Ok(format!("different objects: {reason}"))
}

/// Why two distinct objects of one type with equal values were not made one.
fn equal_values(vm: &mut Vm, a: &ObjRef, b: &ObjRef) -> PyResult<String> {
    let t = vm.type_name(a);
    if let (Some((_, text)), Some(_)) = (as_str_object(a), as_str_object(b)) {
        return Ok(equal_strings(vm, a, b, text));
    }
    let small = as_i64(a).is_some_and(|v| (SMALL_INT_MIN..=SMALL_INT_MAX).contains(&v));
    if a.ob_type_ref().is(&vm.types.int) && !small {
        let shown = show(vm, a)?;
        return Ok(format!(
            "equal values, created separately at run time ({shown} is outside the small int cache, -5..256)"
        ));
    }
    if a.ob_type_ref().is(&vm.types.float) {
        return Ok("equal values, created separately at run time (floats are never cached)".to_string());
    }
    let mutable = [&vm.types.list, &vm.types.dict, &vm.types.set];
    if mutable.iter().any(|m| a.ob_type_ref().is(m)) {
        let shown = show(vm, a)?;
        return Ok(format!(
            "equal values, but a {t} is mutable: two separate objects, as {shown} is {shown} must be"
        ));
    }
    if a.ob_type_ref().is(&vm.types.tuple) {
        return Ok(match (is_constant(vm, a), is_constant(vm, b)) {
            (true, false) | (false, true) => {
                "equal values, but one tuple is a constant of the code and the other was built at run time"
            }
            _ => "equal values, created separately (only equal constants of one compilation unit are merged)",
        }
        .to_string());
    }
    Ok("equal values, created separately".to_string())
}

/// Why two distinct, equal strings were not made one.
fn equal_strings(vm: &Vm, a: &ObjRef, b: &ObjRef, text: &str) -> String {
    let cached = |o: &ObjRef| vm.latin1.iter().any(|c| c.is(o));
    if cached(a) != cached(b) {
        return "equal values, but a one-character ASCII literal is interned as its own object, apart \
                from the cached one-character string that chr() and indexing return"
            .to_string();
    }
    let literal_shape = interns_literal(text, SHORT_STRING_LIMIT);
    if is_long_literal(a) || is_long_literal(b) {
        return format!(
            "equal values, but each occurrence of a literal longer than {SHORT_STRING_LIMIT} characters \
             that is not identifier-like creates its own object"
        );
    }
    if !literal_shape {
        return "equal values, created separately at run time (strings built at run time are not \
                interned; sys.intern would make them one object)"
            .to_string();
    }
    "equal values, but one was built at run time and is not interned (refpy interns literals \
     and names, and sys.intern interns on request)"
        .to_string()
}

/// A value as shown inside a sentence: a string in double quotes (as a textbook writes
/// it) when it has none, anything else as `repr`, both cut short with `...`.
fn show(vm: &mut Vm, obj: &ObjRef) -> PyResult<String> {
    if let Some((_, text)) = as_str_object(obj) {
        let cut: String = text.chars().take(SHOWN_TEXT_CHARS).collect();
        let ellipsis = if cut.len() < text.len() { "..." } else { "" };
        let r = str_repr(&cut);
        if r.starts_with('\'') && !cut.contains('"') {
            return Ok(format!("\"{}{ellipsis}\"", &r[1..r.len() - 1]));
        }
        return Ok(format!("{r}{ellipsis}"));
    }
    let r = vm.repr_string(obj)?;
    if r.chars().count() <= SHOWN_CHARS {
        return Ok(r);
    }
    Ok(format!("{}...", r.chars().take(SHOWN_CHARS - 3).collect::<String>()))
}

// --- heap and collector ---------------------------------------------------------------

/// `sys.getsizeof(x)` in bytes, or why it is unavailable: refpy raises `TypeError` for
/// the types it cannot size yet, and `explain` still tells the rest of the story.
fn getsizeof_text(vm: &mut Vm, x: &ObjRef) -> PyResult<String> {
    match vm.getsizeof(x) {
        Ok(n) => Ok(format!("{n} bytes")),
        Err(e) if vm.exc_matches(&e.exc, ExcType::TypeError) => {
            Ok(format!("unavailable (TypeError: {})", vm.str_string(&e.exc)?))
        }
        Err(e) => Err(e),
    }
}

/// The `block:` and `pool:` lines: the object's block in pymalloc, or the system allocator.
fn heap_lines(obj: &ObjRef) -> [String; 2] {
    match obj.block_info() {
        Some(info) => [
            format!("block: {} bytes, size class {} (pymalloc)", info.block_size, info.size_class_index),
            format!("pool: {} of arena {}, at {:#x}", info.pool_index, info.arena_index, info.pool_address),
        ],
        None => [
            "block: large (system allocator: more than 512 bytes)".to_string(),
            "pool: none (not in an arena)".to_string(),
        ],
    }
}

/// The `gc:` line: tracked or not, and in which generation.
fn gc_state(vm: &Vm, obj: &ObjRef) -> String {
    if !obj.is_gc() {
        return format!("not tracked (the cycle collector never follows {} objects)", vm.type_name(obj));
    }
    match gc::generation_of(obj) {
        Some(GcList::Generation(g)) => format!("tracked, generation {g}"),
        Some(GcList::Permanent) => "tracked, frozen (the permanent generation of gc.freeze())".to_string(),
        None if obj.is_tracked() => "tracked, in the collection under way".to_string(),
        None => "not tracked (a container holding only untracked values is left out)".to_string(),
    }
}
