//! `refpy --dis`: a disassembly laid out like CPython 3.11's `python3 -m dis`.
//!
//! Columns: source line (when it changes), `>>` on jump and handler targets,
//! byte offset (2 × code-unit index), opcode name, argument, and the argument
//! resolved in parentheses. `CACHE` units are skipped, so offsets jump as in
//! `dis` without `show_caches`. Nested code objects follow, each under a
//! `Disassembly of <code object f, file "x.py", line N>:` header (CPython
//! prints an address too; refpy leaves it out so snapshots are stable).

use std::fmt::Write;

use crate::code::{CodeObject, Constant};
use crate::opcode::{BinaryOp, CompareOp, Opcode};
use crate::pyrepr::{float_repr, str_repr};

/// Disassembles `code` and, after it, every code object in its constants.
pub fn disassemble(code: &CodeObject) -> String {
    let mut out = String::new();
    disassemble_recursive(code, &mut out);
    out
}

fn disassemble_recursive(code: &CodeObject, out: &mut String) {
    disassemble_one(code, out);
    for c in &code.consts {
        if let Constant::Code(inner) = c {
            let _ = writeln!(out);
            let _ = writeln!(out, "Disassembly of {}:", code_repr(inner));
            disassemble_recursive(inner, out);
        }
    }
}

/// `<code object f, file "x.py", line 3>`.
pub fn code_repr(code: &CodeObject) -> String {
    format!("<code object {}, file \"{}\", line {}>", code.name, code.filename, code.firstlineno)
}

fn has_arg(op: Opcode) -> bool {
    use Opcode::*;
    !matches!(
        op,
        CACHE
            | NOP
            | POP_TOP
            | PUSH_NULL
            | UNARY_POSITIVE
            | UNARY_NEGATIVE
            | UNARY_NOT
            | UNARY_INVERT
            | BINARY_SUBSCR
            | STORE_SUBSCR
            | DELETE_SUBSCR
            | LIST_TO_TUPLE
            | GET_ITER
            | RETURN_VALUE
            | LOAD_ASSERTION_ERROR
            | PUSH_EXC_INFO
            | POP_EXCEPT
            | CHECK_EXC_MATCH
            | BEFORE_WITH
            | WITH_EXCEPT_START
            | LOAD_BUILD_CLASS
            | SETUP_ANNOTATIONS
            | RETURN_GENERATOR
            | YIELD_VALUE
            | GET_YIELD_FROM_ITER
            | IMPORT_STAR
            | PRINT_EXPR
    )
}

/// The resolved argument `dis` shows in parentheses, if any.
fn arg_repr(code: &CodeObject, op: Opcode, arg: u32) -> String {
    use Opcode::*;
    let name = |i: u32| code.names.get(i as usize).map_or_else(|| "?".to_string(), |n| n.to_string());
    let local = |i: u32| {
        let i = i as usize;
        let (v, c) = (code.varnames.len(), code.cellvars.len());
        let n = if i < v {
            code.varnames.get(i)
        } else if i < v + c {
            code.cellvars.get(i - v)
        } else {
            code.freevars.get(i - v - c)
        };
        n.map_or_else(|| "?".to_string(), |n| n.to_string())
    };
    match op {
        LOAD_CONST => code.consts.get(arg as usize).map_or_else(|| "?".into(), const_repr),
        LOAD_GLOBAL if arg & 1 == 1 => format!("NULL + {}", name(arg >> 1)),
        LOAD_GLOBAL => name(arg >> 1),
        LOAD_NAME | STORE_NAME | DELETE_NAME | STORE_GLOBAL | DELETE_GLOBAL | LOAD_ATTR | STORE_ATTR
        | DELETE_ATTR | LOAD_METHOD | IMPORT_NAME | IMPORT_FROM => name(arg),
        LOAD_FAST | STORE_FAST | DELETE_FAST | MAKE_CELL | LOAD_CLOSURE | LOAD_DEREF | STORE_DEREF
        | DELETE_DEREF | LOAD_CLASSDEREF => local(arg),
        COMPARE_OP => CompareOp::from_arg(arg).map_or("?", |c| c.symbol()).to_string(),
        BINARY_OP => BinaryOp::from_arg(arg).map_or("?", |b| b.symbol()).to_string(),
        FORMAT_VALUE => {
            let mut s = ["", "str", "repr", "ascii"][(arg & 3) as usize].to_string();
            if arg & 4 != 0 {
                if !s.is_empty() {
                    s.push_str(", ");
                }
                s.push_str("with format");
            }
            s
        }
        MAKE_FUNCTION => ["defaults", "kwdefaults", "annotations", "closure"]
            .iter()
            .enumerate()
            .filter(|(i, _)| arg & (1 << i) != 0)
            .map(|(_, s)| *s)
            .collect::<Vec<_>>()
            .join(", "),
        _ if op.is_jump() => format!("to {}", 2 * arg),
        _ => String::new(),
    }
}

fn disassemble_one(code: &CodeObject, out: &mut String) {
    let mut targets = std::collections::BTreeSet::new();
    let mut i = 0;
    while i < code.code.len() {
        let (op, arg, next) = code.instruction_at(i);
        if op.is_jump() {
            targets.insert(arg as usize);
        }
        i = next.max(i + 1);
    }
    targets.extend(code.exceptiontable.iter().map(|e| e.target as usize));
    let max_line = code.locations.iter().map(|l| l.lineno).max().unwrap_or(0);
    let line_width = if max_line >= 1000 { max_line.to_string().len() } else { 3 };
    let max_offset = 2 * code.code.len().saturating_sub(1);
    let offset_width = if max_offset >= 10000 { max_offset.to_string().len() } else { 4 };
    let mut last_line = None;
    let mut ext: u32 = 0;
    for (i, unit) in code.code.iter().enumerate() {
        if unit.op == Opcode::CACHE {
            continue;
        }
        let arg = (ext << 8) | u32::from(unit.arg);
        ext = if unit.op == Opcode::EXTENDED_ARG { arg } else { 0 };
        let line = code.locations.get(i).map_or(0, |l| l.lineno);
        let shows_line = (line != 0 || unit.op == Opcode::RESUME) && last_line != Some(line);
        let mut fields = Vec::new();
        if shows_line {
            if i > 0 {
                out.push('\n');
            }
            last_line = Some(line);
            fields.push(format!("{line:>line_width$}"));
        } else {
            fields.push(" ".repeat(line_width));
        }
        fields.push("   ".to_string());
        fields.push(if targets.contains(&i) { ">>" } else { "  " }.to_string());
        fields.push(format!("{:>offset_width$}", 2 * i));
        fields.push(format!("{:<20}", unit.op.name()));
        if has_arg(unit.op) {
            fields.push(format!("{arg:>5}"));
            let r = arg_repr(code, unit.op, arg);
            if !r.is_empty() {
                fields.push(format!("({r})"));
            }
        }
        let _ = writeln!(out, "{}", fields.join(" ").trim_end());
    }
    if !code.exceptiontable.is_empty() {
        let _ = writeln!(out, "ExceptionTable:");
        for e in &code.exceptiontable {
            let lasti = if e.lasti { " lasti" } else { "" };
            let _ = writeln!(
                out,
                "  {} to {} -> {} [{}]{lasti}",
                2 * e.start,
                2 * e.end - 2,
                2 * e.target,
                e.depth
            );
        }
    }
}

/// Python's `repr` of a constant.
pub fn const_repr(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::Bool(true) => "True".into(),
        Constant::Bool(false) => "False".into(),
        Constant::Int(i) => i.to_string(),
        Constant::BigInt(b) => b.to_string(),
        Constant::Float(f) => float_repr(*f),
        Constant::Str { value, .. } => str_repr(value),
        Constant::Bytes(b) => bytes_repr(b),
        Constant::Tuple(items) if items.len() == 1 => format!("({},)", const_repr(&items[0])),
        Constant::Tuple(items) => {
            format!("({})", items.iter().map(const_repr).collect::<Vec<_>>().join(", "))
        }
        Constant::FrozenSet(items) if items.is_empty() => "frozenset()".into(),
        Constant::FrozenSet(items) => {
            format!("frozenset({{{}}})", items.iter().map(const_repr).collect::<Vec<_>>().join(", "))
        }
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Code(code) => code_repr(code),
    }
}

/// Python's `bytes.__repr__`.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    let mut out = String::from("b");
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(quote as char);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_repr_matches_python() {
        for (f, s) in [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1.5e-5, "1.5e-05"),
            (0.0001, "0.0001"),
            (-2.5, "-2.5"),
            (1.2338405969061735e176, "1.2338405969061735e+176"),
            (123.456, "123.456"),
        ] {
            assert_eq!(float_repr(f), s);
        }
    }

    #[test]
    fn str_and_bytes_repr() {
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("a\nb"), "'a\\nb'");
        assert_eq!(bytes_repr(b"a\x00"), "b'a\\x00'");
    }
}

#[cfg(test)]
mod snapshot_tests {
    //! Expected texts were checked against `python3 -m dis` (3.11.7), with
    //! 3.11's relative jumps rewritten as refpy's absolute ones.

    use crate::{compile_source, Mode};

    fn dis(src: &str) -> String {
        super::disassemble(&compile_source(src, "x.py", Mode::Exec).expect("compiles"))
    }

    #[test]
    fn loop_and_call() {
        let src = "def f(xs):
    t = 0
    for x in xs:
        t += x
    print(t)
    return t
";
        let want = "  0           0 RESUME                   0

  1           2 LOAD_CONST               0 (<code object f, file \"x.py\", line 1>)
              4 MAKE_FUNCTION            0
              6 STORE_NAME               0 (f)
              8 LOAD_CONST               1 (None)
             10 RETURN_VALUE

Disassembly of <code object f, file \"x.py\", line 1>:
  1           0 RESUME                   0

  2           2 LOAD_CONST               1 (0)
              4 STORE_FAST               1 (t)

  3           6 LOAD_FAST                0 (xs)
              8 GET_ITER
        >>   10 FOR_ITER                13 (to 26)
             12 STORE_FAST               2 (x)

  4          14 LOAD_FAST                1 (t)
             16 LOAD_FAST                2 (x)
             18 BINARY_OP               13 (+=)
             22 STORE_FAST               1 (t)
             24 JUMP_ABSOLUTE            5 (to 10)

  5     >>   26 LOAD_GLOBAL              1 (NULL + print)
             38 LOAD_FAST                1 (t)
             40 PRECALL                  1
             44 CALL                     1
             54 POP_TOP

  6          56 LOAD_FAST                1 (t)
             58 RETURN_VALUE
";
        assert_eq!(dis(src), want);
    }

    #[test]
    fn try_except_finally() {
        let src = "def f():
    try:
        a()
    except E as e:
        b(e)
    finally:
        c()
";
        let want = "  0           0 RESUME                   0

  1           2 LOAD_CONST               0 (<code object f, file \"x.py\", line 1>)
              4 MAKE_FUNCTION            0
              6 STORE_NAME               0 (f)
              8 LOAD_CONST               1 (None)
             10 RETURN_VALUE

Disassembly of <code object f, file \"x.py\", line 1>:
  1           0 RESUME                   0

  2           2 NOP

  3           4 LOAD_GLOBAL              1 (NULL + a)
             16 PRECALL                  0
             20 CALL                     0
             30 POP_TOP
             32 JUMP_ABSOLUTE           55 (to 110)
        >>   34 PUSH_EXC_INFO

  4          36 LOAD_GLOBAL              2 (E)
             48 CHECK_EXC_MATCH
             50 POP_JUMP_IF_FALSE       51 (to 102)
             52 STORE_FAST               0 (e)

  5          54 LOAD_GLOBAL              5 (NULL + b)
             66 LOAD_FAST                0 (e)
             68 PRECALL                  1
             72 CALL                     1
             82 POP_TOP
             84 POP_EXCEPT
             86 LOAD_CONST               0 (None)
             88 STORE_FAST               0 (e)
             90 DELETE_FAST              0 (e)
             92 JUMP_ABSOLUTE           55 (to 110)
        >>   94 LOAD_CONST               0 (None)
             96 STORE_FAST               0 (e)
             98 DELETE_FAST              0 (e)
            100 RERAISE                  1

  4     >>  102 RERAISE                  0
        >>  104 COPY                     3
            106 POP_EXCEPT
            108 RERAISE                  1

  7     >>  110 LOAD_GLOBAL              7 (NULL + c)
            122 PRECALL                  0
            126 CALL                     0
            136 POP_TOP
            138 LOAD_CONST               0 (None)
            140 RETURN_VALUE
        >>  142 PUSH_EXC_INFO
            144 LOAD_GLOBAL              7 (NULL + c)
            156 PRECALL                  0
            160 CALL                     0
            170 POP_TOP
            172 RERAISE                  0
        >>  174 COPY                     3
            176 POP_EXCEPT
            178 RERAISE                  1
ExceptionTable:
  4 to 30 -> 34 [0]
  32 to 32 -> 142 [0]
  34 to 52 -> 104 [1] lasti
  54 to 82 -> 94 [1] lasti
  84 to 92 -> 142 [0]
  94 to 102 -> 104 [1] lasti
  104 to 108 -> 142 [0]
  142 to 172 -> 174 [1] lasti
";
        assert_eq!(dis(src), want);
    }
}
