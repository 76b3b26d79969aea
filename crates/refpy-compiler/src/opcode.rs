//! The instruction set: CPython 3.11's opcodes where the semantics match.
//!
//! Code is a sequence of 16-bit [`CodeUnit`]s, one opcode byte and one
//! argument byte, as in CPython 3.11. Arguments above 255 are prefixed by
//! `EXTENDED_ARG` units. Instructions that CPython 3.11 specialises are
//! followed by the same number of `CACHE` units CPython reserves
//! ([`Opcode::cache_entries`]), so that inline caches can be added later
//! without changing the code format; the VM steps over them.
//!
//! Deliberate differences from 3.11 (an instruction CPython lacks gets a name
//! CPython 3.11 does not use):
//! - jumps take an *absolute* target, counted in code units:
//!   `JUMP_ABSOLUTE` (3.10's name), `POP_JUMP_IF_FALSE`/`POP_JUMP_IF_TRUE`/
//!   `POP_JUMP_IF_NONE`/`POP_JUMP_IF_NOT_NONE`, `JUMP_IF_FALSE_OR_POP`,
//!   `JUMP_IF_TRUE_OR_POP`, `FOR_ITER` (target = first unit after the loop)
//!   and `SEND`, instead of 3.11's forward/backward relative pairs.
//!
//! Stack effects are given as `(before -- after)`, top of stack rightmost.

/// One instruction's opcode. `#[repr(u8)]` and exhaustive, so the eval loop's
/// `match` compiles to a jump table.
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(non_camel_case_types, reason = "opcodes keep CPython's spelling")]
pub enum Opcode {
    /// Padding after an instruction that CPython would specialise.
    CACHE,
    NOP,
    /// Marks the start of a code object (3.11); arg 0 = function start.
    RESUME,
    /// `(v --)`
    POP_TOP,
    /// `(-- NULL)`: the marker below a callable that is not a method.
    PUSH_NULL,
    /// `(… v -- … v v)`: copy the arg-th item (1 = top).
    COPY,
    /// Swap top with the arg-th item (2 = second).
    SWAP,
    /// `(-- co_consts[arg])`
    LOAD_CONST,
    /// `(-- locals[arg])`; raises UnboundLocalError if unset.
    LOAD_FAST,
    /// `(v --)` into `locals[arg]`.
    STORE_FAST,
    DELETE_FAST,
    /// Module-level name access (globals, then builtins) with `co_names[arg]`.
    LOAD_NAME,
    STORE_NAME,
    DELETE_NAME,
    /// `(-- [NULL] v)`: `co_names[arg >> 1]`; pushes NULL first when `arg & 1`.
    LOAD_GLOBAL,
    STORE_GLOBAL,
    DELETE_GLOBAL,
    /// Cells and free variables, indexed in `cellvars ++ freevars` (after the locals).
    MAKE_CELL,
    LOAD_CLOSURE,
    LOAD_DEREF,
    STORE_DEREF,
    DELETE_DEREF,
    LOAD_CLASSDEREF,
    COPY_FREE_VARS,
    /// `(obj -- attr)` with `co_names[arg]`.
    LOAD_ATTR,
    /// `(v obj --)`: `obj.name = v`.
    STORE_ATTR,
    DELETE_ATTR,
    /// `(obj -- meth self)` for a method found on the type, else `(obj -- NULL attr)`.
    LOAD_METHOD,
    /// `(a b -- a op b)`; arg is a [`BinaryOp`] (in-place forms included).
    BINARY_OP,
    UNARY_POSITIVE,
    UNARY_NEGATIVE,
    UNARY_NOT,
    UNARY_INVERT,
    /// `(a b -- a cmp b)`; arg is a [`CompareOp`].
    COMPARE_OP,
    /// `(a b -- a is b)`, inverted when arg is 1.
    IS_OP,
    /// `(a b -- a in b)`, inverted when arg is 1.
    CONTAINS_OP,
    /// `(container key -- container[key])`
    BINARY_SUBSCR,
    /// `(v container key --)`
    STORE_SUBSCR,
    /// `(container key --)`
    DELETE_SUBSCR,
    /// `(start stop [step] -- slice)`; arg is 2 or 3.
    BUILD_SLICE,
    BUILD_TUPLE,
    BUILD_LIST,
    BUILD_SET,
    /// `(k1 v1 … kn vn -- dict)`
    BUILD_MAP,
    /// `(v1 … vn keys_tuple -- dict)`
    BUILD_CONST_KEY_MAP,
    /// `(pieces… -- str)`: concatenates arg strings (f-strings).
    BUILD_STRING,
    /// `(value [spec] -- str)`: arg & 3 = conversion (0 none, 1 str, 2 repr, 3 ascii), arg & 4 = has spec.
    FORMAT_VALUE,
    /// Append TOS to the list at `stack[-arg]` (after popping TOS).
    LIST_APPEND,
    SET_ADD,
    /// `(key value --)` into the dict at `stack[-arg]`.
    MAP_ADD,
    LIST_EXTEND,
    SET_UPDATE,
    DICT_UPDATE,
    DICT_MERGE,
    /// `(list -- tuple)`
    LIST_TO_TUPLE,
    /// `(seq -- v_n … v_1)`: exactly arg items, first item ends on top.
    UNPACK_SEQUENCE,
    /// `a, *b, c = seq`: arg low byte = count before, high byte = count after.
    UNPACK_EX,
    /// `(iterable -- iterator)`
    GET_ITER,
    /// `(it -- it next)`, or pop `it` and jump to `arg` when exhausted.
    FOR_ITER,
    /// Unconditional jump to `arg`.
    JUMP_ABSOLUTE,
    POP_JUMP_IF_FALSE,
    POP_JUMP_IF_TRUE,
    POP_JUMP_IF_NONE,
    POP_JUMP_IF_NOT_NONE,
    /// Jump keeping TOS if it is false, else pop it (`and`).
    JUMP_IF_FALSE_OR_POP,
    /// Jump keeping TOS if it is true, else pop it (`or`).
    JUMP_IF_TRUE_OR_POP,
    /// 3.11's call prologue; arg = argument count. A no-op in refpy for now.
    PRECALL,
    /// `(NULL|meth callable|self args… -- result)` with arg positional+keyword
    /// arguments; the last `len(kw_names)` arguments are keywords when a
    /// `KW_NAMES` ran just before.
    CALL,
    /// Sets the keyword names (`co_consts[arg]`, a tuple of str) for the next `CALL`.
    KW_NAMES,
    /// `(NULL|callable callable|self args_tuple [kwargs_dict] -- result)`; arg & 1 = has kwargs.
    CALL_FUNCTION_EX,
    /// `([defaults] [kwdefaults] [annotations] [closure] code -- function)`;
    /// arg flags: 1 defaults tuple, 2 kw-defaults dict, 4 annotations, 8 closure tuple.
    MAKE_FUNCTION,
    /// `(v --)`: return v to the caller.
    RETURN_VALUE,
    /// `(-- AssertionError)`
    LOAD_ASSERTION_ERROR,
    /// `([exc [cause]] --)`: arg = 0 (re-raise), 1 or 2.
    RAISE_VARARGS,
    /// Exception-handling instructions of 3.11 (handler entry via the exception table).
    PUSH_EXC_INFO,
    POP_EXCEPT,
    RERAISE,
    CHECK_EXC_MATCH,
    BEFORE_WITH,
    WITH_EXCEPT_START,
    /// `(-- __build_class__)`
    LOAD_BUILD_CLASS,
    SETUP_ANNOTATIONS,
    /// Generators.
    RETURN_GENERATOR,
    YIELD_VALUE,
    SEND,
    GET_YIELD_FROM_ITER,
    /// `(level fromlist -- module)` with `co_names[arg]`.
    IMPORT_NAME,
    /// `(module -- module attr)` with `co_names[arg]`.
    IMPORT_FROM,
    IMPORT_STAR,
    /// `(v --)`: interactive mode's expression echo through `sys.displayhook`.
    PRINT_EXPR,
    /// Prefix: the next instruction's arg is `(this_arg << 8) | its_arg`.
    EXTENDED_ARG,
}

impl Opcode {
    /// Every opcode, in discriminant order (for decoding and tests).
    pub const ALL: &'static [Opcode] = &[
        Opcode::CACHE,
        Opcode::NOP,
        Opcode::RESUME,
        Opcode::POP_TOP,
        Opcode::PUSH_NULL,
        Opcode::COPY,
        Opcode::SWAP,
        Opcode::LOAD_CONST,
        Opcode::LOAD_FAST,
        Opcode::STORE_FAST,
        Opcode::DELETE_FAST,
        Opcode::LOAD_NAME,
        Opcode::STORE_NAME,
        Opcode::DELETE_NAME,
        Opcode::LOAD_GLOBAL,
        Opcode::STORE_GLOBAL,
        Opcode::DELETE_GLOBAL,
        Opcode::MAKE_CELL,
        Opcode::LOAD_CLOSURE,
        Opcode::LOAD_DEREF,
        Opcode::STORE_DEREF,
        Opcode::DELETE_DEREF,
        Opcode::LOAD_CLASSDEREF,
        Opcode::COPY_FREE_VARS,
        Opcode::LOAD_ATTR,
        Opcode::STORE_ATTR,
        Opcode::DELETE_ATTR,
        Opcode::LOAD_METHOD,
        Opcode::BINARY_OP,
        Opcode::UNARY_POSITIVE,
        Opcode::UNARY_NEGATIVE,
        Opcode::UNARY_NOT,
        Opcode::UNARY_INVERT,
        Opcode::COMPARE_OP,
        Opcode::IS_OP,
        Opcode::CONTAINS_OP,
        Opcode::BINARY_SUBSCR,
        Opcode::STORE_SUBSCR,
        Opcode::DELETE_SUBSCR,
        Opcode::BUILD_SLICE,
        Opcode::BUILD_TUPLE,
        Opcode::BUILD_LIST,
        Opcode::BUILD_SET,
        Opcode::BUILD_MAP,
        Opcode::BUILD_CONST_KEY_MAP,
        Opcode::BUILD_STRING,
        Opcode::FORMAT_VALUE,
        Opcode::LIST_APPEND,
        Opcode::SET_ADD,
        Opcode::MAP_ADD,
        Opcode::LIST_EXTEND,
        Opcode::SET_UPDATE,
        Opcode::DICT_UPDATE,
        Opcode::DICT_MERGE,
        Opcode::LIST_TO_TUPLE,
        Opcode::UNPACK_SEQUENCE,
        Opcode::UNPACK_EX,
        Opcode::GET_ITER,
        Opcode::FOR_ITER,
        Opcode::JUMP_ABSOLUTE,
        Opcode::POP_JUMP_IF_FALSE,
        Opcode::POP_JUMP_IF_TRUE,
        Opcode::POP_JUMP_IF_NONE,
        Opcode::POP_JUMP_IF_NOT_NONE,
        Opcode::JUMP_IF_FALSE_OR_POP,
        Opcode::JUMP_IF_TRUE_OR_POP,
        Opcode::PRECALL,
        Opcode::CALL,
        Opcode::KW_NAMES,
        Opcode::CALL_FUNCTION_EX,
        Opcode::MAKE_FUNCTION,
        Opcode::RETURN_VALUE,
        Opcode::LOAD_ASSERTION_ERROR,
        Opcode::RAISE_VARARGS,
        Opcode::PUSH_EXC_INFO,
        Opcode::POP_EXCEPT,
        Opcode::RERAISE,
        Opcode::CHECK_EXC_MATCH,
        Opcode::BEFORE_WITH,
        Opcode::WITH_EXCEPT_START,
        Opcode::LOAD_BUILD_CLASS,
        Opcode::SETUP_ANNOTATIONS,
        Opcode::RETURN_GENERATOR,
        Opcode::YIELD_VALUE,
        Opcode::SEND,
        Opcode::GET_YIELD_FROM_ITER,
        Opcode::IMPORT_NAME,
        Opcode::IMPORT_FROM,
        Opcode::IMPORT_STAR,
        Opcode::PRINT_EXPR,
        Opcode::EXTENDED_ARG,
    ];

    /// The number of `CACHE` units CPython 3.11 places after this opcode
    /// (`_PyOpcode_Caches`), reserved here for later specialisation.
    pub const fn cache_entries(self) -> usize {
        match self {
            Opcode::LOAD_GLOBAL => 5,
            Opcode::BINARY_OP => 1,
            Opcode::UNPACK_SEQUENCE => 1,
            Opcode::COMPARE_OP => 2,
            Opcode::BINARY_SUBSCR => 4,
            Opcode::STORE_SUBSCR => 1,
            Opcode::LOAD_ATTR => 4,
            Opcode::STORE_ATTR => 4,
            Opcode::LOAD_METHOD => 10,
            Opcode::PRECALL => 1,
            Opcode::CALL => 4,
            _ => 0,
        }
    }

    /// True for instructions whose argument is an absolute jump target.
    pub fn is_jump(self) -> bool {
        matches!(
            self,
            Opcode::FOR_ITER
                | Opcode::JUMP_ABSOLUTE
                | Opcode::POP_JUMP_IF_FALSE
                | Opcode::POP_JUMP_IF_TRUE
                | Opcode::POP_JUMP_IF_NONE
                | Opcode::POP_JUMP_IF_NOT_NONE
                | Opcode::JUMP_IF_FALSE_OR_POP
                | Opcode::JUMP_IF_TRUE_OR_POP
                | Opcode::SEND
        )
    }

    /// The name `refpy --dis` prints, CPython's spelling.
    pub fn name(self) -> String {
        format!("{self:?}")
    }
}

/// One 16-bit code unit: CPython 3.11's `_Py_CODEUNIT`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeUnit {
    pub op: Opcode,
    pub arg: u8,
}

/// `BINARY_OP`'s argument: CPython 3.11's `NB_*` numbering (`Include/opcode.h`).
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add = 0,
    And = 1,
    FloorDivide = 2,
    Lshift = 3,
    MatrixMultiply = 4,
    Multiply = 5,
    Remainder = 6,
    Or = 7,
    Power = 8,
    Rshift = 9,
    Subtract = 10,
    TrueDivide = 11,
    Xor = 12,
    InplaceAdd = 13,
    InplaceAnd = 14,
    InplaceFloorDivide = 15,
    InplaceLshift = 16,
    InplaceMatrixMultiply = 17,
    InplaceMultiply = 18,
    InplaceRemainder = 19,
    InplaceOr = 20,
    InplacePower = 21,
    InplaceRshift = 22,
    InplaceSubtract = 23,
    InplaceTrueDivide = 24,
    InplaceXor = 25,
}

impl BinaryOp {
    const ALL: [BinaryOp; 26] = [
        BinaryOp::Add,
        BinaryOp::And,
        BinaryOp::FloorDivide,
        BinaryOp::Lshift,
        BinaryOp::MatrixMultiply,
        BinaryOp::Multiply,
        BinaryOp::Remainder,
        BinaryOp::Or,
        BinaryOp::Power,
        BinaryOp::Rshift,
        BinaryOp::Subtract,
        BinaryOp::TrueDivide,
        BinaryOp::Xor,
        BinaryOp::InplaceAdd,
        BinaryOp::InplaceAnd,
        BinaryOp::InplaceFloorDivide,
        BinaryOp::InplaceLshift,
        BinaryOp::InplaceMatrixMultiply,
        BinaryOp::InplaceMultiply,
        BinaryOp::InplaceRemainder,
        BinaryOp::InplaceOr,
        BinaryOp::InplacePower,
        BinaryOp::InplaceRshift,
        BinaryOp::InplaceSubtract,
        BinaryOp::InplaceTrueDivide,
        BinaryOp::InplaceXor,
    ];

    /// Decodes an instruction argument; `None` for an out-of-range value.
    pub fn from_arg(arg: u32) -> Option<BinaryOp> {
        Self::ALL.get(arg as usize).copied()
    }

    /// The operator as CPython prints it in error messages (`+`, `+=`, `**`, …).
    pub fn symbol(self) -> &'static str {
        const SYMBOLS: [&str; 26] = [
            "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^", "+=", "&=", "//=", "<<=",
            "@=", "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^=",
        ];
        SYMBOLS[self as usize]
    }

    /// The non-in-place form (`InplaceAdd` → `Add`).
    pub fn base(self) -> BinaryOp {
        let i = self as usize;
        if i >= 13 {
            Self::ALL[i - 13]
        } else {
            self
        }
    }

    /// True for the `+=` family.
    pub fn is_inplace(self) -> bool {
        self as usize >= 13
    }
}

/// `COMPARE_OP`'s argument, CPython's `Py_LT`… numbering.
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    Lt = 0,
    Le = 1,
    Eq = 2,
    Ne = 3,
    Gt = 4,
    Ge = 5,
}

impl CompareOp {
    /// Decodes an instruction argument; `None` for an out-of-range value.
    pub fn from_arg(arg: u32) -> Option<CompareOp> {
        [CompareOp::Lt, CompareOp::Le, CompareOp::Eq, CompareOp::Ne, CompareOp::Gt, CompareOp::Ge]
            .get(arg as usize)
            .copied()
    }

    /// The operator as CPython prints it (`<`, `<=`, …).
    pub fn symbol(self) -> &'static str {
        ["<", "<=", "==", "!=", ">", ">="][self as usize]
    }

    /// The comparison with its operands swapped (`a < b` ⇔ `b > a`).
    pub fn swapped(self) -> CompareOp {
        match self {
            CompareOp::Lt => CompareOp::Gt,
            CompareOp::Le => CompareOp::Ge,
            CompareOp::Eq => CompareOp::Eq,
            CompareOp::Ne => CompareOp::Ne,
            CompareOp::Gt => CompareOp::Lt,
            CompareOp::Ge => CompareOp::Le,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_opcode_in_order() {
        for (i, op) in Opcode::ALL.iter().enumerate() {
            assert_eq!(*op as usize, i, "{op:?}");
        }
        assert_eq!(*Opcode::ALL.last().unwrap(), Opcode::EXTENDED_ARG);
    }

    #[test]
    fn binary_op_numbering_matches_cpython() {
        assert_eq!(BinaryOp::from_arg(13), Some(BinaryOp::InplaceAdd));
        assert_eq!(BinaryOp::InplaceXor.base(), BinaryOp::Xor);
        assert_eq!(BinaryOp::FloorDivide.symbol(), "//");
        assert_eq!(BinaryOp::from_arg(26), None);
    }
}
