//! Command-line parsing, CPython's rules: options first; `-c CMD`, the script
//! path or `-` ends option parsing and everything after goes to `sys.argv`.

use std::ffi::OsString;

/// What to run.
#[derive(Debug, PartialEq, Eq)]
pub enum Program {
    /// `refpy FILE [args]`.
    File(String),
    /// `refpy -c CMD [args]`.
    Command(String),
    /// `refpy -` or `refpy` with no program: read standard input.
    Stdin,
}

/// Parsed command line.
#[derive(Debug, PartialEq, Eq)]
pub struct Options {
    pub program: Program,
    /// `sys.argv`.
    pub argv: Vec<String>,
    /// `--dis`: print the bytecode instead of running.
    pub dis: bool,
    /// `-q`: no banner in interactive mode.
    pub quiet: bool,
    /// `-i`: interactive after running the program.
    pub inspect: bool,
    /// `--trace OUT.json`: record an execution trace there (docs/TRACE.md).
    pub trace: Option<String>,
    /// `--trace-max-steps N`: steps recorded before `step_limit_reached`.
    pub trace_max_steps: usize,
    /// `--trace-format refpy|pytutor`: the format `--trace` writes (docs/TRACE.md).
    pub trace_format: refpy_vm::trace::TraceFormat,
    /// `--visualize OUT.html`: record the trace into a step-by-step heap page (docs/VISUALIZE.md).
    pub visualize: Option<String>,
    /// `-X NAME[=VALUE]` options in order (only `tracemalloc` means something).
    pub xoptions: Vec<String>,
}

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Run(Options),
    Version,
    Help,
}

/// CPython's usage line, printed on errors (exit status 2).
pub const USAGE: &str = "usage: refpy [option] ... [-c cmd | file | -] [arg] ...";

/// The `--help` text.
pub const HELP: &str = "\
usage: refpy [option] ... [-c cmd | file | -] [arg] ...
Options:
-c cmd : program passed in as string (terminates option list)
-i     : inspect interactively after running script
-q     : don't print version and copyright messages on interactive startup
-V     : print the Python version number and exit (also --version)
-h     : print this help message and exit (also --help)
--dis  : print the bytecode of the program instead of running it (refpy)
--trace FILE : record an execution trace of the program as JSON in FILE (refpy)
--trace-max-steps N : stop recording after N steps (default 1000; refpy)
--trace-format F : the format of --trace: refpy (default) or pytutor, Python
         Tutor's execution-trace format (refpy)
--visualize FILE : write a step-by-step picture of the heap as one HTML page
         to FILE (refpy; may be combined with --trace)
-X tracemalloc[=N] : trace memory allocations from startup, keeping N frames
         per traceback (default 1); other -X options are accepted and ignored
file   : program read from script file
-      : program read from stdin (default; interactive mode if a tty)
arg ...: arguments passed to program in sys.argv[1:]

Environment:
PYTHONHASHSEED: if this variable is set to an integer, it is used as a fixed
               seed for the hash() of str
PYTHONTRACEMALLOC: N > 0 traces memory allocations from startup with N frames
               per traceback, as -X tracemalloc=N (which takes precedence)";

/// Parses the arguments after the program name. `Err` holds the message
/// printed before the usage line.
pub fn parse(args: Vec<OsString>) -> Result<Command, String> {
    let mut parser = lexopt::Parser::from_args(args);
    let mut o = Options {
        program: Program::Stdin,
        argv: vec![String::new()],
        dis: false,
        quiet: false,
        inspect: false,
        trace: None,
        trace_max_steps: refpy_vm::trace::DEFAULT_MAX_STEPS,
        trace_format: refpy_vm::trace::TraceFormat::Refpy,
        visualize: None,
        xoptions: Vec::new(),
    };
    loop {
        let arg = parser.next().map_err(|e| e.to_string())?;
        let Some(arg) = arg else { return Ok(Command::Run(o)) };
        use lexopt::Arg::{Long, Short, Value};
        match arg {
            Short('V') | Long("version") => return Ok(Command::Version),
            Short('h') | Short('?') | Long("help") => return Ok(Command::Help),
            Short('q') => o.quiet = true,
            Short('i') => o.inspect = true,
            Long("dis") => o.dis = true,
            Long("trace") => {
                let path =
                    parser.value().map_err(|_| "Argument expected for the --trace option".to_string())?;
                o.trace = Some(path.to_string_lossy().into_owned());
            }
            Long("visualize") => {
                let path =
                    parser.value().map_err(|_| "Argument expected for the --visualize option".to_string())?;
                o.visualize = Some(path.to_string_lossy().into_owned());
            }
            Long("trace-max-steps") => {
                let n = parser
                    .value()
                    .map_err(|_| "Argument expected for the --trace-max-steps option".to_string())?;
                let n = n.to_string_lossy();
                o.trace_max_steps = n
                    .parse()
                    .map_err(|_| format!("--trace-max-steps expects a number of steps, not '{n}'"))?;
            }
            Long("trace-format") => {
                let f = parser
                    .value()
                    .map_err(|_| "Argument expected for the --trace-format option".to_string())?;
                o.trace_format = match f.to_string_lossy().as_ref() {
                    "refpy" => refpy_vm::trace::TraceFormat::Refpy,
                    "pytutor" => refpy_vm::trace::TraceFormat::Pytutor,
                    other => return Err(format!("--trace-format expects refpy or pytutor, not '{other}'")),
                };
            }
            Short('X') => {
                let opt = parser.value().map_err(|_| "Argument expected for the -X option".to_string())?;
                o.xoptions.push(opt.to_string_lossy().into_owned());
            }
            Short('c') => {
                let cmd = parser.value().map_err(|_| "Argument expected for the -c option".to_string())?;
                o.argv = vec!["-c".to_string()];
                o.argv.extend(rest(&mut parser));
                o.program = Program::Command(cmd.to_string_lossy().into_owned());
                return Ok(Command::Run(o));
            }
            Value(v) => {
                let v = v.to_string_lossy().into_owned();
                o.program = if v == "-" { Program::Stdin } else { Program::File(v.clone()) };
                o.argv = vec![v];
                o.argv.extend(rest(&mut parser));
                return Ok(Command::Run(o));
            }
            Short(c) => return Err(format!("Unknown option: -{c}")),
            Long(l) => return Err(format!("Unknown option: --{l}")),
        }
    }
}

/// Frames per traceback tracemalloc starts with (0: it does not start), from
/// `PYTHONTRACEMALLOC` (`env`) and the first `-X tracemalloc[=N]`, which wins.
/// `Err` is the reason of CPython's fatal error for a value that is not a
/// non-negative C int.
pub fn tracemalloc_frames(env: Option<&str>, xoptions: &[String]) -> Result<usize, String> {
    let mut frames = 0;
    if let Some(v) = env.filter(|v| !v.is_empty()) {
        frames =
            c_int_option(v).ok_or("config_init_tracemalloc: PYTHONTRACEMALLOC: invalid number of frames")?;
    }
    let xoption = xoptions.iter().find(|x| x.split('=').next() == Some("tracemalloc"));
    if let Some(x) = xoption {
        frames = match x.split_once('=') {
            Some((_, v)) => c_int_option(v)
                .ok_or("config_init_tracemalloc: -X tracemalloc=NFRAME: invalid number of frames")?,
            None => 1,
        };
    }
    Ok(frames)
}

/// A non-negative C `int` as `strtol` reads it whole: leading white space and a sign
/// allowed, nothing after the digits; the empty string is 0.
fn c_int_option(text: &str) -> Option<usize> {
    if text.is_empty() {
        return Some(0);
    }
    let t = text.trim_start_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']);
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    usize::try_from(t.parse::<i32>().ok()?).ok()
}

/// Every remaining argument, unparsed (they belong to the program).
fn rest(parser: &mut lexopt::Parser) -> Vec<String> {
    parser.raw_args().map(|raw| raw.map(|a| a.to_string_lossy().into_owned()).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<Command, String> {
        parse(args.iter().map(OsString::from).collect())
    }

    #[test]
    fn script_arguments_are_not_options() {
        let Ok(Command::Run(o)) = p(&["x.py", "-c", "--version"]) else { panic!() };
        assert_eq!(o.program, Program::File("x.py".into()));
        assert_eq!(o.argv, vec!["x.py", "-c", "--version"]);
    }

    #[test]
    fn dash_c_takes_the_rest() {
        let Ok(Command::Run(o)) = p(&["-c", "print(1)", "a", "-q"]) else { panic!() };
        assert_eq!(o.program, Program::Command("print(1)".into()));
        assert_eq!(o.argv, vec!["-c", "a", "-q"]);
    }

    #[test]
    fn tracemalloc_frames_from_env_and_x_options() {
        let x = |opts: &[&str]| opts.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(tracemalloc_frames(None, &[]), Ok(0));
        assert_eq!(tracemalloc_frames(Some(" +5"), &[]), Ok(5));
        assert_eq!(tracemalloc_frames(Some(""), &[]), Ok(0));
        assert!(tracemalloc_frames(Some("5 "), &[]).is_err());
        assert!(tracemalloc_frames(Some("-1"), &[]).is_err());
        assert!(tracemalloc_frames(Some("99999999999"), &[]).is_err());
        assert_eq!(tracemalloc_frames(Some("5"), &x(&["tracemalloc"])), Ok(1));
        assert_eq!(tracemalloc_frames(Some("5"), &x(&["tracemalloc="])), Ok(0));
        assert_eq!(tracemalloc_frames(None, &x(&["dev", "tracemalloc=2", "tracemalloc=3"])), Ok(2));
        assert_eq!(tracemalloc_frames(None, &x(&["tracemallocx=2"])), Ok(0));
        assert!(tracemalloc_frames(None, &x(&["tracemalloc=two"])).is_err());
        let Ok(Command::Run(o)) = p(&["-X", "tracemalloc=4", "-Xdev", "x.py"]) else { panic!() };
        assert_eq!(o.xoptions, x(&["tracemalloc=4", "dev"]));
        assert!(p(&["-X"]).is_err());
    }

    #[test]
    fn no_program_reads_stdin() {
        let Ok(Command::Run(o)) = p(&["-q"]) else { panic!() };
        assert_eq!(o.program, Program::Stdin);
        assert!(o.quiet);
        assert_eq!(p(&["--version"]), Ok(Command::Version));
        assert!(p(&["-Z"]).is_err());
        assert!(p(&["-c"]).is_err());
    }

    #[test]
    fn trace_options_come_before_the_program() {
        let Ok(Command::Run(o)) = p(&["--trace", "t.json", "--trace-max-steps", "5", "x.py", "--trace"])
        else {
            panic!()
        };
        assert_eq!((o.trace.as_deref(), o.trace_max_steps), (Some("t.json"), 5));
        assert_eq!(o.argv, vec!["x.py", "--trace"]);
        let Ok(Command::Run(o)) = p(&["x.py"]) else { panic!() };
        assert_eq!((o.trace, o.trace_max_steps), (None, 1000));
        assert!(p(&["--trace-max-steps", "many", "x.py"]).is_err());
        assert!(p(&["--trace"]).is_err());
    }

    #[test]
    fn trace_format_is_refpy_or_pytutor() {
        use refpy_vm::trace::TraceFormat;
        let Ok(Command::Run(o)) = p(&["--trace-format", "pytutor", "x.py"]) else { panic!() };
        assert_eq!(o.trace_format, TraceFormat::Pytutor);
        let Ok(Command::Run(o)) = p(&["x.py"]) else { panic!() };
        assert_eq!(o.trace_format, TraceFormat::Refpy);
        assert!(p(&["--trace-format", "dot", "x.py"]).is_err());
        assert!(p(&["--trace-format"]).is_err());
    }

    #[test]
    fn visualize_option_takes_a_path() {
        let Ok(Command::Run(o)) = p(&["--visualize", "v.html", "--trace", "t.json", "x.py"]) else {
            panic!()
        };
        assert_eq!((o.visualize.as_deref(), o.trace.as_deref()), (Some("v.html"), Some("t.json")));
        assert!(p(&["--visualize"]).is_err());
    }
}
