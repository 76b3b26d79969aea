//! Prints the disassembly of a file: `cargo run -p refpy-compiler --example dis -- FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dis FILE");
        std::process::exit(2);
    };
    let source = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    match refpy_compiler::compile_source(&source, &path, refpy_compiler::Mode::Exec) {
        Ok(code) => print!("{}", refpy_compiler::disassemble(&code)),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
