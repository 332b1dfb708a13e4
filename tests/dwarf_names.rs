//! Names and types from clang objects (`tests/programs/elf/dwarf_names.c`,
//! built by `scripts/build-c.sh`): DWARF's variables on the program, on the
//! VM's snapshot and on the verifier's states; map values and globals
//! printed by their BTF type.

use std::path::PathBuf;

use dynptr_play::elf;
use dynptr_play::program::{Program, VarPlace};

fn object(name: &str) -> Option<Vec<u8>> {
    let p: PathBuf = dynptr_tests::repo_root().join(format!("tests/programs/build/elf/{name}.o"));
    match std::fs::read(&p) {
        Ok(b) => Some(b),
        Err(e) => {
            assert!(
                !dynptr_tests::on_ci(),
                "{}: {e} (CI=true: run `bash scripts/build-c.sh`)",
                p.display()
            );
            dynptr_tests::skip_notice(
                "dwarf names",
                &format!("{} missing: run `bash scripts/build-c.sh`", p.display()),
            );
            None
        }
    }
}

fn names_prog() -> Option<Program> {
    let bytes = object("dwarf_names")?;
    Some(elf::load_program(&bytes, "names").expect("load names"))
}

#[test]
fn dump() {
    let Some(p) = names_prog() else { return };
    for v in &p.vars {
        eprintln!("{v:?}");
    }
    let _ = VarPlace::Reg { regno: 0 };
}
