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
file   : program read from script file
-      : program read from stdin (default; interactive mode if a tty)
arg ...: arguments passed to program in sys.argv[1:]

Environment:
PYTHONHASHSEED: if this variable is set to an integer, it is used as a fixed
               seed for the hash() of str";

/// Parses the arguments after the program name. `Err` holds the message
/// printed before the usage line.
pub fn parse(args: Vec<OsString>) -> Result<Command, String> {
    let mut parser = lexopt::Parser::from_args(args);
    let (mut dis, mut quiet, mut inspect) = (false, false, false);
    loop {
        let arg = parser.next().map_err(|e| e.to_string())?;
        let Some(arg) = arg else {
            let options = Options { program: Program::Stdin, argv: vec![String::new()], dis, quiet, inspect };
            return Ok(Command::Run(options));
        };
        use lexopt::Arg::{Long, Short, Value};
        match arg {
            Short('V') | Long("version") => return Ok(Command::Version),
            Short('h') | Short('?') | Long("help") => return Ok(Command::Help),
            Short('q') => quiet = true,
            Short('i') => inspect = true,
            Long("dis") => dis = true,
            Short('c') => {
                let cmd = parser.value().map_err(|_| "Argument expected for the -c option".to_string())?;
                let mut argv = vec!["-c".to_string()];
                argv.extend(rest(&mut parser));
                let program = Program::Command(cmd.to_string_lossy().into_owned());
                return Ok(Command::Run(Options { program, argv, dis, quiet, inspect }));
            }
            Value(v) => {
                let v = v.to_string_lossy().into_owned();
                let program = if v == "-" { Program::Stdin } else { Program::File(v.clone()) };
                let mut argv = vec![v];
                argv.extend(rest(&mut parser));
                return Ok(Command::Run(Options { program, argv, dis, quiet, inspect }));
            }
            Short(c) => return Err(format!("Unknown option: -{c}")),
            Long(l) => return Err(format!("Unknown option: --{l}")),
        }
    }
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
    fn no_program_reads_stdin() {
        let Ok(Command::Run(o)) = p(&["-q"]) else { panic!() };
        assert_eq!(o.program, Program::Stdin);
        assert!(o.quiet);
        assert_eq!(p(&["--version"]), Ok(Command::Version));
        assert!(p(&["-Z"]).is_err());
        assert!(p(&["-c"]).is_err());
    }
}
