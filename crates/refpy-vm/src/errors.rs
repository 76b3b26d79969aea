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
    BlockingIOError,
    ChildProcessError,
    ConnectionError,
    BrokenPipeError,
    ConnectionAbortedError,
    ConnectionRefusedError,
    ConnectionResetError,
    FileExistsError,
    FileNotFoundError,
    InterruptedError,
    IsADirectoryError,
    NotADirectoryError,
    PermissionError,
    ProcessLookupError,
    TimeoutError,
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
    /// `io.UnsupportedOperation`, also a `ValueError` ([`ExcType::second_base`]).
    UnsupportedOperation,
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
        (BlockingIOError, OSError),
        (ChildProcessError, OSError),
        (ConnectionError, OSError),
        (BrokenPipeError, ConnectionError),
        (ConnectionAbortedError, ConnectionError),
        (ConnectionRefusedError, ConnectionError),
        (ConnectionResetError, ConnectionError),
        (FileExistsError, OSError),
        (FileNotFoundError, OSError),
        (InterruptedError, OSError),
        (IsADirectoryError, OSError),
        (NotADirectoryError, OSError),
        (PermissionError, OSError),
        (ProcessLookupError, OSError),
        (TimeoutError, OSError),
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
        (UnsupportedOperation, OSError),
    ]
};

impl ExcType {
    /// The class name, as Python prints it.
    pub fn name(self) -> String {
        format!("{self:?}")
    }

    /// `__module__`: `io` for `io.UnsupportedOperation`, `builtins` for the rest
    /// (only the latter are names in `builtins`).
    pub fn module(self) -> &'static str {
        match self {
            ExcType::UnsupportedOperation => "io",
            _ => "builtins",
        }
    }

    /// The second base of the one built-in exception with two:
    /// `io.UnsupportedOperation(OSError, ValueError)`.
    pub fn second_base(self) -> Option<ExcType> {
        match self {
            ExcType::UnsupportedOperation => Some(ExcType::ValueError),
            _ => None,
        }
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
