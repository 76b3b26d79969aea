//! Python exceptions as Rust values.
//!
//! A failing operation returns `Err(PyErr)`, where [`PyErr`] owns the
//! exception instance. The built-in exception classes are listed once in
//! [`EXCEPTION_TABLE`] (name and base, CPython's hierarchy); `Vm::new` turns
//! it into type objects. Messages are CPython 3.11's exact texts, built at the
//! call site through the `#[cold]` constructors on `Vm`.

use refpy_heap::ObjRef;

/// A raised exception: the instance (its type, args and traceback inside).
#[derive(Clone, Debug)]
pub struct PyErr {
    pub exc: ObjRef,
}

/// Result of anything that can raise.
pub type PyResult<T = ObjRef> = Result<T, PyErr>;

/// The built-in exception classes refpy creates, in [`EXCEPTION_TABLE`] order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ExcType {
    BaseException,
    SystemExit,
    KeyboardInterrupt,
    GeneratorExit,
    Exception,
    StopIteration,
    ArithmeticError,
    FloatingPointError,
    OverflowError,
    ZeroDivisionError,
    AssertionError,
    AttributeError,
    BufferError,
    EOFError,
    ImportError,
    ModuleNotFoundError,
    LookupError,
    IndexError,
    KeyError,
    MemoryError,
    NameError,
    UnboundLocalError,
    OSError,
    ReferenceError,
    RuntimeError,
    NotImplementedError,
    RecursionError,
    SyntaxError,
    IndentationError,
    TabError,
    SystemError,
    TypeError,
    ValueError,
    UnicodeError,
    UnicodeDecodeError,
    UnicodeEncodeError,
    Warning,
    SyntaxWarning,
    RuntimeWarning,
    DeprecationWarning,
    UserWarning,
}

/// `(class, base)` for every [`ExcType`], in declaration order; the base of
/// `BaseException` is `object` (written as itself here).
pub const EXCEPTION_TABLE: &[(ExcType, ExcType)] = {
    use ExcType::*;
    &[
        (BaseException, BaseException),
        (SystemExit, BaseException),
        (KeyboardInterrupt, BaseException),
        (GeneratorExit, BaseException),
        (Exception, BaseException),
        (StopIteration, Exception),
        (ArithmeticError, Exception),
        (FloatingPointError, ArithmeticError),
        (OverflowError, ArithmeticError),
        (ZeroDivisionError, ArithmeticError),
        (AssertionError, Exception),
        (AttributeError, Exception),
        (BufferError, Exception),
        (EOFError, Exception),
        (ImportError, Exception),
        (ModuleNotFoundError, ImportError),
        (LookupError, Exception),
        (IndexError, LookupError),
        (KeyError, LookupError),
        (MemoryError, Exception),
        (NameError, Exception),
        (UnboundLocalError, NameError),
        (OSError, Exception),
        (ReferenceError, Exception),
        (RuntimeError, Exception),
        (NotImplementedError, RuntimeError),
        (RecursionError, RuntimeError),
        (SyntaxError, Exception),
        (IndentationError, SyntaxError),
        (TabError, IndentationError),
        (SystemError, Exception),
        (TypeError, Exception),
        (ValueError, Exception),
        (UnicodeError, ValueError),
        (UnicodeDecodeError, UnicodeError),
        (UnicodeEncodeError, UnicodeError),
        (Warning, Exception),
        (SyntaxWarning, Warning),
        (RuntimeWarning, Warning),
        (DeprecationWarning, Warning),
        (UserWarning, Warning),
    ]
};

impl ExcType {
    /// The class name, as Python prints it.
    pub fn name(self) -> String {
        format!("{self:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_declaration_order() {
        for (i, (t, base)) in EXCEPTION_TABLE.iter().enumerate() {
            assert_eq!(*t as usize, i);
            assert!(*base as usize <= i, "{t:?} must come after its base");
        }
    }
}
