//! The constant pool of one code object and refpy's interning policy for
//! string literals.
//!
//! CPython 3.11 merges equal constants of a compilation unit
//! (`_PyCode_ConstantKey`, `merge_consts_recursive`) with a *type-strict* key:
//! `1`, `1.0` and `True` are different constants, so are `0.0` and `-0.0`, and
//! two NaNs are the same constant only when their bits are. [`ConstKey`] is that
//! key; the VM's loader uses the same key to merge constants across the code
//! objects of one compilation unit.
//!
//! refpy's one deliberate difference (DESIGN.md, "Interning"): a string
//! literal is interned when it is identifier-like (CPython's `all_name_chars`
//! rule, any length) *or* at most [`SHORT_STRING_LIMIT`] characters long. Any
//! other string literal is one object per occurrence in the source, so it has
//! no key and gets a fresh slot every time it is added. A tuple (or frozenset)
//! holding such a string is likewise never merged.

use std::rc::Rc;

use num_bigint::BigInt;
use rustc_hash::FxHashMap;

use crate::code::Constant;

/// Strings up to this many characters are interned when they appear as
/// literals (refpy's documented "short strings" rule); see [`CompileOptions`].
///
/// [`CompileOptions`]: crate::CompileOptions
pub const SHORT_STRING_LIMIT: usize = 20;

/// CPython's `all_name_chars`: true when every character is ASCII
/// `[A-Za-z0-9_]` (vacuously true for the empty string).
pub fn all_name_chars(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The short-literal half of the policy: at most `short_limit` characters (not bytes).
pub fn is_short_literal(s: &str, short_limit: usize) -> bool {
    s.chars().count() <= short_limit
}

/// The interning decision for a string literal under `short_limit`.
pub fn interns_literal(s: &str, short_limit: usize) -> bool {
    all_name_chars(s) || is_short_literal(s, short_limit)
}

/// Builds a `str` constant with the interning flag set by the policy.
pub fn str_constant(s: &str, short_limit: usize) -> Constant {
    Constant::Str { value: Rc::from(s), interned: interns_literal(s, short_limit) }
}

/// Type-strict identity of a constant, for merging equal constants.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ConstKey {
    None,
    Bool(bool),
    Int(i64),
    BigInt(BigInt),
    /// The float's bit pattern: `0.0`/`-0.0` differ, equal NaNs merge.
    Float(u64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Tuple(Vec<ConstKey>),
    FrozenSet(Vec<ConstKey>),
    Ellipsis,
}

impl ConstKey {
    /// The merge key of `c`, or `None` when `c` must never be merged with an
    /// equal constant: code objects, strings that are not interned, and
    /// tuples/frozensets containing one of those.
    pub fn of(c: &Constant) -> Option<ConstKey> {
        Some(match c {
            Constant::None => ConstKey::None,
            Constant::Bool(b) => ConstKey::Bool(*b),
            Constant::Int(i) => ConstKey::Int(*i),
            Constant::BigInt(b) => ConstKey::BigInt(b.clone()),
            Constant::Float(f) => ConstKey::Float(f.to_bits()),
            Constant::Str { value, interned: true } => ConstKey::Str(value.clone()),
            Constant::Str { interned: false, .. } | Constant::Code(_) => return None,
            Constant::Bytes(b) => ConstKey::Bytes(b.clone()),
            Constant::Tuple(items) => ConstKey::Tuple(keys_of(items)?),
            Constant::FrozenSet(items) => ConstKey::FrozenSet(keys_of(items)?),
            Constant::Ellipsis => ConstKey::Ellipsis,
        })
    }
}

fn keys_of(items: &[Constant]) -> Option<Vec<ConstKey>> {
    items.iter().map(ConstKey::of).collect()
}

/// `co_consts` under construction: merged constants find their old slot,
/// unmergeable ones always get a new slot.
#[derive(Default)]
pub struct ConstPool {
    consts: Vec<Constant>,
    index: FxHashMap<ConstKey, u32>,
    /// Slots whose object the code generator built itself (see
    /// [`CodeObject::compiler_made`](crate::code::CodeObject::compiler_made)).
    compiler_made: Vec<u32>,
}

impl ConstPool {
    /// Adds `c`, an object of the source (made by the parser or the AST
    /// optimizer), or finds its equal; returns its index in `co_consts`.
    pub fn add(&mut self, c: Constant) -> u32 {
        match ConstKey::of(&c) {
            Some(key) => {
                if let Some(&i) = self.index.get(&key) {
                    return i;
                }
                let i = self.push(c);
                self.index.insert(key, i);
                i
            }
            None => self.push(c),
        }
    }

    /// [`ConstPool::add`] for an object the code generator builds itself (a
    /// keyword-names tuple, a folded `BUILD_TUPLE`, a qualified name): when it
    /// takes a new slot, the slot is recorded as compiler-made. An equal
    /// constant added later shares the slot, as it shares CPython's object.
    pub fn add_compiler_made(&mut self, c: Constant) -> u32 {
        let before = self.consts.len();
        let i = self.add(c);
        if i as usize == before {
            self.compiler_made.push(i);
        }
        i
    }

    fn push(&mut self, c: Constant) -> u32 {
        self.consts.push(c);
        (self.consts.len() - 1) as u32
    }

    /// The finished `co_consts` and its compiler-made slots, ascending.
    pub fn finish(self) -> (Vec<Constant>, Vec<u32>) {
        (self.consts, self.compiler_made)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_interns_identifiers_and_short_strings() {
        assert!(interns_literal("hello_world_and_a_very_long_identifier_like_string", 20));
        assert!(interns_literal("hello world", 20));
        assert!(interns_literal("", 20));
        assert!(!interns_literal("a very very very long string that might not be interned", 20));
        assert!(!interns_literal("hello world", 5));
        assert!(interns_literal("ééééé", 5), "the limit counts characters, not bytes");
    }

    #[test]
    fn keys_are_type_strict() {
        let mut pool = ConstPool::default();
        let a = pool.add(Constant::Int(1));
        let b = pool.add(Constant::Float(1.0));
        let c = pool.add(Constant::Bool(true));
        let d = pool.add(Constant::Float(0.0));
        let e = pool.add(Constant::Float(-0.0));
        assert_eq!([a, b, c, d, e], [0, 1, 2, 3, 4]);
        assert_eq!(pool.add(Constant::Int(1)), 0);
        assert_eq!(pool.add(Constant::Float(f64::NAN)), pool.add(Constant::Float(f64::NAN)));
    }

    #[test]
    fn long_strings_are_never_merged() {
        let long = "a very very very long string that might not be interned";
        let mut pool = ConstPool::default();
        let a = pool.add(str_constant(long, SHORT_STRING_LIMIT));
        let b = pool.add(str_constant(long, SHORT_STRING_LIMIT));
        assert_ne!(a, b);
        let t = || Constant::Tuple(Rc::from(vec![str_constant(long, SHORT_STRING_LIMIT)]));
        assert_ne!(pool.add(t()), pool.add(t()));
        let h1 = pool.add(str_constant("hello world", SHORT_STRING_LIMIT));
        assert_eq!(h1, pool.add(str_constant("hello world", SHORT_STRING_LIMIT)));
    }
}
