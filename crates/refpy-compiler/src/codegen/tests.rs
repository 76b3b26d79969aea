//! Codegen tests from source text: constants and interning, folding, stack
//! depth (checked against CPython 3.11's `co_stacksize`), jumps, errors.

use crate::code::{CodeObject, Constant};
use crate::opcode::Opcode;
use crate::{compile_source, compile_source_with_options, CompileOptions, Mode};

fn compile(src: &str) -> CodeObject {
    match compile_source(src, "t.py", Mode::Exec) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    }
}

fn error(src: &str) -> String {
    match compile_source(src, "t.py", Mode::Exec) {
        Ok(_) => panic!("compiled: {src}"),
        Err(e) => e.msg,
    }
}

fn first_function(code: &CodeObject) -> &CodeObject {
    code.consts
        .iter()
        .find_map(|c| match c {
            Constant::Code(f) => Some(&**f),
            _ => None,
        })
        .expect("a nested code object")
}

/// The (op, arg) pairs of the instructions, without caches.
fn instructions(code: &CodeObject) -> Vec<(Opcode, u32)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < code.code.len() {
        let (op, arg, next) = code.instruction_at(i);
        out.push((op, arg));
        i = next;
    }
    out
}

fn str_consts(code: &CodeObject) -> Vec<(String, bool)> {
    code.consts
        .iter()
        .filter_map(|c| match c {
            Constant::Str { value, interned } => Some((value.to_string(), *interned)),
            _ => None,
        })
        .collect()
}

const LONG: &str = "a very very very long string that might not be interned";

#[test]
fn long_literal_gets_a_slot_per_occurrence() {
    let code = compile(&format!("a = \"{LONG}\"\nb = \"{LONG}\"\n"));
    let strs = str_consts(&code);
    assert_eq!(strs, vec![(LONG.to_string(), false), (LONG.to_string(), false)]);
}

#[test]
fn short_literal_is_one_interned_slot() {
    let code = compile("s1 = \"hello world\"\ns2 = \"hello world\"\n");
    assert_eq!(str_consts(&code), vec![("hello world".to_string(), true)]);
}

#[test]
fn equal_ints_share_a_slot() {
    let code = compile("x = 300\ny = 300\n");
    let ints = code.consts.iter().filter(|c| matches!(c, Constant::Int(300))).count();
    assert_eq!(ints, 1);
    let loads: Vec<u32> =
        instructions(&code).into_iter().filter(|(op, _)| *op == Opcode::LOAD_CONST).map(|(_, a)| a).collect();
    assert_eq!(loads[0], loads[1]);
}

#[test]
fn identifier_like_strings_are_interned_at_any_length() {
    let name = "x".repeat(60);
    let code = compile(&format!("a = '{name}'\n"));
    assert_eq!(str_consts(&code), vec![(name, true)]);
}

#[test]
fn short_string_limit_is_a_setting() {
    let opts = CompileOptions { short_string_limit: 5 };
    let code = compile_source_with_options("a = 'hello world'\n", "t.py", Mode::Exec, &opts).unwrap();
    assert_eq!(str_consts(&code), vec![("hello world".to_string(), false)]);
}

#[test]
fn folding_follows_cpython() {
    let code = compile("a = -5\nb = 2**64\nc = 2**127\nd = 'a' * 30\ne = 'ab ' * 10\nf = (1, (2, 3))\n");
    let shown: Vec<String> = code.consts.iter().map(crate::dis::const_repr).collect();
    assert_eq!(
        shown,
        [
            "-5",
            "18446744073709551616",
            "2",
            "127",
            &format!("'{}'", "a".repeat(30)),
            &format!("'{}'", "ab ".repeat(10)),
            "(1, (2, 3))",
            "None"
        ]
    );
    let strs = str_consts(&code);
    assert!(strs[0].1, "identifier-like fold result is interned");
    assert!(!strs[1].1, "30-char fold result with spaces is not interned");
}

#[test]
fn big_int_literal_is_a_bigint_constant() {
    let code = compile("x = 123456789012345678901234567890\ny = 0x7fffffffffffffff\n");
    assert!(matches!(code.consts[0], Constant::BigInt(_)));
    assert!(matches!(code.consts[1], Constant::Int(i64::MAX)));
}

#[test]
fn stacksize_matches_cpython() {
    let cases = [
        ("def f(a, b):\n    return g(a, b, 1)\n", 5),
        ("def f(o):\n    return o.m(1, 2, k=3)\n", 5),
        ("def f(a, b, c):\n    return a < b < c\n", 3),
        ("def f(x):\n    return [i * 2 for i in x if i]\n", 2),
        ("def f():\n    try:\n        g()\n    except E as e:\n        h(e)\n    finally:\n        k()\n", 4),
        ("def f():\n    with a() as x, b() as y:\n        return x + y\n", 7),
        ("def f(a, b):\n    return g(*a, *b, x=1, **b)\n", 5),
        ("def f(x):\n    for i in x:\n        for j in i:\n            if j: break\n    return i\n", 3),
        ("def f(a):\n    return {'a': a, 'b': 2, **a}\n", 3),
        ("def f(x):\n    yield from (i for i in x)\n", 2),
    ];
    for (src, want) in cases {
        assert_eq!(first_function(&compile(src)).stacksize, want, "{src}");
    }
}

#[test]
fn for_iter_jumps_past_the_loop_and_break_pops_the_iterator() {
    let code = compile("for i in x:\n    if i: break\ny = 1\n");
    let ins = instructions(&code);
    let (_, target) = ins.iter().find(|(op, _)| *op == Opcode::FOR_ITER).copied().unwrap();
    let (op, arg, _) = code.instruction_at(target as usize);
    assert_eq!((op, arg), (Opcode::LOAD_CONST, 0), "FOR_ITER exits to `y = 1`");
    let pos = ins.iter().position(|(op, _)| *op == Opcode::POP_JUMP_IF_FALSE).unwrap();
    assert_eq!(ins[pos + 1].0, Opcode::POP_TOP, "break pops the iterator");
    assert_eq!(ins[pos + 2].0, Opcode::JUMP_ABSOLUTE);
}

#[test]
fn extended_arg_for_large_arguments() {
    let src: String = (0..300).map(|i| format!("v{i} = {i}\n")).collect();
    let code = compile(&src);
    assert!(code.code.iter().any(|u| u.op == Opcode::EXTENDED_ARG));
    let ins = instructions(&code);
    assert!(ins.contains(&(Opcode::STORE_NAME, 299)));
    assert_eq!(code.locations.len(), code.code.len());
}

#[test]
fn interactive_mode_prints_expressions() {
    let code = compile_source("1 + x\nfor i in y: i\n", "<stdin>", Mode::Interactive).unwrap();
    let n = instructions(&code).iter().filter(|(op, _)| *op == Opcode::PRINT_EXPR).count();
    assert_eq!(n, 2);
}

#[test]
fn closures_use_cells_and_free_vars() {
    let code = compile("def f(x):\n    def g():\n        return x\n    return g\n");
    let f = first_function(&code);
    assert_eq!(&*f.cellvars[0], "x");
    let g = first_function(f);
    assert_eq!(&*g.freevars[0], "x");
    assert_eq!(&*g.qualname, "f.<locals>.g");
    assert_eq!(instructions(g)[0], (Opcode::COPY_FREE_VARS, 1));
    assert!(instructions(g).contains(&(Opcode::LOAD_DEREF, 0)));
    assert_eq!(instructions(f)[0], (Opcode::MAKE_CELL, 2), "cell slot follows the locals x, g");
}

#[test]
fn exception_table_rows() {
    let code = compile("def f():\n    try:\n        g()\n    except E:\n        h()\n");
    let f = first_function(&code);
    assert_eq!(f.exceptiontable.len(), 3);
    let first = f.exceptiontable[0];
    assert_eq!((first.depth, first.lasti), (0, false));
    let (op, _, _) = f.instruction_at(first.target as usize);
    assert_eq!(op, Opcode::PUSH_EXC_INFO);
}

#[test]
fn compile_errors_use_cpython_messages() {
    assert_eq!(error("return 1\n"), "'return' outside function");
    assert_eq!(error("break\n"), "'break' outside loop");
    assert_eq!(error("def f():\n    continue\n"), "'continue' not properly in loop");
    assert_eq!(error("yield 1\n"), "'yield' outside function");
    assert_eq!(error("class C:\n    yield 1\n"), "'yield' outside function");
    assert_eq!(
        error("def f():\n    x = 1\n    global x\n"),
        "name 'x' is assigned to before global declaration"
    );
    assert_eq!(
        error("def f():\n    print(x)\n    global x\n"),
        "name 'x' is used prior to global declaration"
    );
    assert_eq!(error("nonlocal x\n"), "nonlocal declaration not allowed at module level");
    assert_eq!(error("def f():\n    nonlocal x\n"), "no binding for nonlocal 'x' found");
    assert_eq!(error("def f(a, a): pass\n"), "duplicate argument 'a' in function definition");
    assert_eq!(error("f(a=1, a=2)\n"), "keyword argument repeated: a");
    assert_eq!(
        error("try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass\n"),
        "default 'except:' must be last"
    );
    assert!(error("x = 1j\n").contains("not supported by refpy yet"));
}

#[test]
fn deep_expressions_do_not_overflow_the_stack() {
    use refpy_syntax::ast::{Constant as C, Expr, ExprKind, Module, Operator, Stmt, StmtKind};
    let mut e = Expr {
        node: ExprKind::Name { id: "x".into(), ctx: refpy_syntax::ast::ExprContext::Load },
        span: Default::default(),
    };
    for _ in 0..100_000 {
        let one = Expr { node: ExprKind::Constant(C::Int(1)), span: Default::default() };
        e = Expr {
            node: ExprKind::BinOp { left: Box::new(e), op: Operator::Add, right: Box::new(one) },
            span: Default::default(),
        };
    }
    let module = Module { body: vec![Stmt { node: StmtKind::Expr(Box::new(e)), span: Default::default() }] };
    let code = crate::compile(&module, "deep.py", Mode::Exec).unwrap();
    assert_eq!(code.stacksize, 2);
    // Dropping a deep AST recurses too; keep it off this thread's stack.
    std::thread::Builder::new().stack_size(256 << 20).spawn(move || drop(module)).unwrap().join().unwrap();
}
