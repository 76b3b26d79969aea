//! Generates the parser from `grammar/python.lalrpop` into OUT_DIR (never into the source tree).
fn main() {
    let dir =
        std::path::PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    lalrpop::Configuration::new()
        .set_out_dir(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .emit_rerun_directives(true)
        .process_file(dir.join("../../grammar/python.lalrpop"))
        .expect("grammar/python.lalrpop must compile");
}
