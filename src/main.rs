//! The `refpy` command: run a file, `-c CMD` or standard input, or the REPL
//! (`repl.rs`) when standard input is a terminal or `-i` is given.
//!
//! The interpreter runs on a thread with a large stack: Python calls never
//! recurse in Rust, but `repr` of nested data and compiling deeply nested
//! expressions do, bounded by the recursion limit and `stacker` checks.

mod cli;
mod repl;
mod visualize;

use std::io::{IsTerminal, Read};
use std::process::ExitCode;

use cli::{Command, Options, Program};
use refpy_compiler::Mode;
use refpy_vm::trace::{TraceEnd, TraceFormat};
use refpy_vm::{ExcType, RunError, Vm};

/// Stack size of the interpreter thread.
const STACK_SIZE: usize = 512 << 20;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info.location().map(|l| format!(" ({}:{})", l.file(), l.line())).unwrap_or_default();
        eprintln!("SystemError: refpy internal error{at}: {msg}");
    }));
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    let command = match cli::parse(args) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("{msg}\n{}\nTry `refpy -h' for more information.", cli::USAGE);
            return ExitCode::from(2);
        }
    };
    let options = match command {
        Command::Version => {
            println!("refpy {} (Python 3.11 compatible)", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Command::Help => {
            println!("{}", cli::HELP);
            return ExitCode::SUCCESS;
        }
        Command::Run(o) => o,
    };
    let worker = std::thread::Builder::new().stack_size(STACK_SIZE).spawn(move || run(options));
    match worker.map(|w| w.join()) {
        Ok(Ok(code)) => ExitCode::from(code),
        _ => ExitCode::from(1),
    }
}

/// Runs the program, then the REPL under `-i`; returns the exit status.
fn run(options: Options) -> u8 {
    if let Err(status) = start_tracemalloc(&options) {
        return status;
    }
    let interactive_stdin =
        options.program == Program::Stdin && (options.inspect || std::io::stdin().is_terminal());
    if interactive_stdin && !options.dis {
        return match new_vm(options.argv) {
            Ok((vm, globals)) => repl::run(vm, globals, !options.quiet),
            Err(status) => status,
        };
    }
    let (source, filename) = match read_program(&options.program) {
        Ok(sf) => sf,
        Err(code) => return code,
    };
    if options.dis {
        return disassemble(&source, &filename);
    }
    let (mut vm, globals) = match new_vm(options.argv) {
        Ok(v) => v,
        Err(status) => return status,
    };
    if matches!(options.program, Program::File(_)) {
        if let Err(err) = vm.set_script_path(&filename) {
            return vm.handle_uncaught(&err);
        }
    }
    if options.inspect {
        repl::catch_interrupts(&vm);
    }
    if let Some(page) = &options.visualize {
        if options.trace.is_some() && options.trace_format != TraceFormat::Refpy {
            eprintln!(
                "refpy: --visualize writes the --trace file in refpy's format only (--trace-format refpy)"
            );
            return 2;
        }
        let trace = (options.trace.as_deref(), options.trace_max_steps);
        let started = start_visualize(&mut vm, page, trace, &source, &filename);
        if let Err(status) = started {
            return status;
        }
    } else if let Some(path) = &options.trace {
        let (max_steps, format) = (options.trace_max_steps, options.trace_format);
        if let Err(status) = start_trace(&mut vm, path, &source, &filename, max_steps, format) {
            return status;
        }
    }
    let status = run_program(&mut vm, &globals, &source, &filename, options.inspect);
    if options.inspect {
        return repl::run(vm, globals, false);
    }
    vm.finalize_main(&globals);
    vm.out.flush();
    status
}

/// Runs the program text as `__main__`; returns the exit status. Under `-i`
/// (`inspect`) even `SystemExit` only prints its traceback, as the REPL follows.
fn run_program(vm: &mut Vm, globals: &refpy_heap::ObjRef, source: &str, filename: &str, inspect: bool) -> u8 {
    let result = vm.run_source(source, filename, Mode::Exec, globals);
    finish_trace(vm, &result, globals);
    let status = match result {
        Ok(_) => 0,
        Err(RunError::Syntax(e)) => {
            vm.out.flush();
            eprint!("{}", refpy_vm::traceback::format_syntax_error(&e));
            1
        }
        Err(RunError::Exception(err)) if inspect && vm.exc_matches(&err.exc, ExcType::SystemExit) => {
            vm.print_exception(&err.exc);
            1
        }
        Err(RunError::Exception(err)) => vm.handle_uncaught(&err),
    };
    vm.out.flush();
    status
}

/// `--trace`: starts recording into the file at `path` (at most `max_steps`
/// steps, in `format`); `Err` is the exit status when the file cannot be created.
fn start_trace(
    vm: &mut Vm,
    path: &str,
    source: &str,
    filename: &str,
    max_steps: usize,
    format: TraceFormat,
) -> Result<(), u8> {
    let started = std::fs::File::create(path)
        .and_then(|file| vm.start_trace(Box::new(file), source, filename, max_steps, format));
    started.map_err(|e| {
        eprintln!("refpy: can't write trace file '{path}': {e}");
        2
    })
}

/// `--visualize`: starts recording the trace into memory for the page at
/// `page` (and into the `--trace` file too, if given); `Err` is the exit
/// status when a file cannot be created.
fn start_visualize(
    vm: &mut Vm,
    page: &str,
    (trace, max_steps): (Option<&str>, usize),
    source: &str,
    filename: &str,
) -> Result<(), u8> {
    let create = |path: &str| {
        std::fs::File::create(path).map_err(|e| {
            eprintln!("refpy: can't write file '{path}': {e}");
            2
        })
    };
    let page_file = create(page)?;
    let copy = trace.map(create).transpose()?;
    let title = std::path::Path::new(filename).file_name().map_or(filename.into(), |n| n.to_string_lossy());
    let writer = visualize::PageWriter::new(page_file, &title, copy);
    vm.start_trace(Box::new(writer), source, filename, max_steps, TraceFormat::Refpy).map_err(|e| {
        eprintln!("refpy: can't write file '{page}': {e}");
        2
    })
}

/// Ends a `--trace` recording (if one runs) with the way the program ended.
fn finish_trace(vm: &mut Vm, result: &Result<refpy_heap::ObjRef, RunError>, globals: &refpy_heap::ObjRef) {
    let end = match result {
        Ok(_) => TraceEnd::Finished,
        Err(RunError::Syntax(e)) => TraceEnd::Syntax(e),
        Err(RunError::Exception(err)) if vm.exc_matches(&err.exc, ExcType::SystemExit) => TraceEnd::Finished,
        Err(RunError::Exception(err)) => TraceEnd::Exception(err),
    };
    if let Err(e) = vm.finish_trace(end, globals) {
        eprintln!("refpy: can't write trace file: {e}");
    }
}

/// Starts tracemalloc before the interpreter exists when `PYTHONTRACEMALLOC` or
/// `-X tracemalloc` asks for it; a bad value is CPython's fatal error (status 1).
fn start_tracemalloc(options: &Options) -> Result<(), u8> {
    let env = std::env::var("PYTHONTRACEMALLOC").ok();
    let frames = cli::tracemalloc_frames(env.as_deref(), &options.xoptions).map_err(|reason| {
        eprintln!("Fatal Python error: {reason}\nPython runtime state: preinitialized\n");
        1
    })?;
    if frames > refpy_heap::tracemalloc::MAX_NFRAME {
        eprintln!(
            "Fatal Python error: init_interp_main: can't initialize tracemalloc\n\
             Python runtime state: core initialized\n\
             ValueError: the number of frames must be in range [1; {}]\n",
            refpy_heap::tracemalloc::MAX_NFRAME
        );
        return Err(1);
    }
    if frames > 0 {
        refpy_heap::tracemalloc::start(frames);
    }
    Ok(())
}

/// A fresh interpreter and its `__main__` globals; `Err` is the exit status.
fn new_vm(argv: Vec<String>) -> Result<(Vm, refpy_heap::ObjRef), u8> {
    let seed = std::env::var("PYTHONHASHSEED").ok().and_then(|s| s.parse::<u64>().ok());
    let mut vm = Vm::new(argv, seed);
    match vm.new_main_globals() {
        Ok(globals) => Ok((vm, globals)),
        Err(err) => {
            let status = vm.handle_uncaught(&err);
            vm.out.flush();
            Err(status)
        }
    }
}

/// `refpy --dis`: prints the bytecode of the program.
fn disassemble(source: &str, filename: &str) -> u8 {
    match refpy_compiler::compile_source(source, filename, Mode::Exec) {
        Ok(code) => {
            print!("{}", refpy_compiler::dis::disassemble(&code));
            0
        }
        Err(e) => {
            eprint!("{}", refpy_vm::traceback::format_syntax_error(&e));
            1
        }
    }
}

/// The program text and the file name its code objects carry: the absolute
/// path for a script (as CPython shows it), `<string>` for `-c`, `<stdin>`.
fn read_program(program: &Program) -> Result<(String, String), u8> {
    match program {
        Program::Command(cmd) => Ok((cmd.clone(), "<string>".into())),
        Program::Stdin => {
            let mut s = String::new();
            if std::io::stdin().read_to_string(&mut s).is_err() {
                eprintln!("refpy: can't read standard input");
                return Err(2);
            }
            Ok((s, "<stdin>".into()))
        }
        Program::File(path) => {
            let abs =
                std::path::absolute(path).map(|p| p.display().to_string()).unwrap_or_else(|_| path.clone());
            match std::fs::read(path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(s) => Ok((s, abs)),
                    Err(_) => {
                        eprintln!("SyntaxError: Non-UTF-8 code in file {abs}");
                        Err(1)
                    }
                },
                Err(e) => {
                    let errno = e.raw_os_error().unwrap_or(2);
                    let msg = std::io::Error::from_raw_os_error(errno).to_string();
                    let msg = msg.split(" (os error").next().unwrap_or(&msg).to_string();
                    eprintln!("refpy: can't open file '{abs}': [Errno {errno}] {msg}");
                    Err(2)
                }
            }
        }
    }
}
