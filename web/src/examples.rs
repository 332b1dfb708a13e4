//! The examples gallery: `static/examples/*.s`, embedded at build time,
//! the C lessons `static/examples/*.c`, compiled by clang at build time and
//! embedded as objects, and `index.json`, which gives each a title, a group
//! and its expected verdict.

use serde::Deserialize;

include!(concat!(env!("OUT_DIR"), "/examples_gen.rs"));

/// One entry of `index.json`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Example {
    /// File name in `static/examples/`.
    pub file: String,
    /// Title shown in the selector.
    pub title: String,
    /// Group (`Basics`, `Ring buffer`, `Rejected`, ...).
    pub group: String,
    /// `accepted` or `rejected: <kernel message>`.
    pub expect: String,
    /// The panel to look at (`dynptrs`, `ringbuf`, `packet`, `verifier`, ...).
    #[serde(default)]
    pub panel: Option<String>,
    /// The kernel profile the verdict is for (`series`, `6.18`); none: the
    /// default profile.
    #[serde(default)]
    pub kernel: Option<String>,
    /// The other half of a helpers-vs-kfuncs pair: the same program written
    /// the other way.
    #[serde(default)]
    pub pair: Option<String>,
    /// For a C lesson: the program of the object to open (default: the first).
    #[serde(default)]
    pub program: Option<String>,
}

/// The gallery, in index order (an entry whose file is missing is dropped).
pub fn gallery() -> Vec<Example> {
    let list: Vec<Example> = serde_json::from_str(INDEX).unwrap_or_default();
    list.into_iter()
        .filter(|e| text(&e.file).is_some() || object(&e.file).is_some())
        .collect()
}

/// The compiled object of a C lesson (`x.c`).
pub fn object(file: &str) -> Option<&'static [u8]> {
    OBJECTS.iter().find(|(f, _)| *f == file).map(|(_, o)| *o)
}

/// The text of an example file.
pub fn text(file: &str) -> Option<&'static str> {
    FILES.iter().find(|(f, _)| *f == file).map(|(_, t)| *t)
}

/// The program type an example declares (`.program NAME TYPE`).
pub fn declared_prog_type(src: &str) -> Option<&str> {
    src.lines().find_map(|l| {
        let mut w = l.split_whitespace();
        (w.next()? == ".program").then_some(())?;
        let _name = w.next()?;
        w.next()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Breakpoints, Engine};

    /// In the disassembly of a C lesson (the editor's text, whose lines are
    /// not the program's C lines), the rejection and the provenance markers
    /// sit on their instructions' lines.
    #[test]
    fn a_c_lessons_disassembly_marks_its_own_lines() {
        use std::collections::BTreeSet;

        use dynptr_play::verifier::KernelProfile;

        use crate::state::Action;

        let bytes = object("rej_use_after_submit.c").expect("embedded");
        let (text, prog_type, engine) = Engine::load_elf(bytes).expect("loads");
        let none = BTreeSet::new();
        let no_c = BTreeSet::new();
        let bps = Breakpoints {
            asm: &none,
            c: &no_c,
        };
        let (e, _) = engine.apply(
            &Action::Verify,
            &text,
            prog_type,
            "",
            bps,
            KernelProfile::Linux6_18,
        );
        let lines: Vec<&str> = text.lines().collect();
        let at = |l: Option<u32>| {
            l.and_then(|l| lines.get(l as usize - 1))
                .copied()
                .unwrap_or("")
        };
        let (line, msg) = e.editor_rejection().expect("rejected");
        assert!(msg.contains("Expected an initialized dynptr"));
        assert!(
            at(Some(line)).contains("call bpf_dynptr_write"),
            "{}",
            at(Some(line))
        );
        let calls: Vec<(&str, String)> = e
            .provenance()
            .iter()
            .map(|m| (m.role, at(e.editor_line_of(m.insn)).trim().to_string()))
            .collect();
        assert_eq!(
            calls,
            [
                ("created", "call bpf_ringbuf_reserve_dynptr".to_string()),
                ("cloned", "call kfunc bpf_dynptr_clone".to_string()),
                ("released", "call bpf_ringbuf_submit_dynptr".to_string()),
                ("rejected", "call bpf_dynptr_write".to_string()),
            ]
        );
    }

    #[test]
    fn every_c_lesson_opens_like_a_dropped_object_and_gets_its_verdict_in_the_page() {
        use std::collections::BTreeSet;

        use dynptr_play::verifier::KernelProfile;

        use crate::state::Action;

        let c: Vec<Example> = gallery()
            .into_iter()
            .filter(|e| e.file.ends_with(".c"))
            .collect();
        assert!(c.len() >= 8, "{} C lessons in the gallery", c.len());
        for e in c {
            let bytes = object(&e.file).unwrap_or_else(|| panic!("{} is embedded", e.file));
            let (mut text, mut prog_type, mut engine) =
                Engine::load_elf(bytes).unwrap_or_else(|err| panic!("{}: {err}", e.file));
            if let Some(p) = &e.program {
                let i = engine
                    .elf_programs()
                    .iter()
                    .position(|(n, _)| n == p)
                    .unwrap_or_else(|| panic!("{}: holds no program {p}", e.file));
                (text, prog_type, engine) = engine.select_prog(i).expect("a listed program");
            }
            // What Verify and Run do in the page, under the entry's profile.
            let kernel = e
                .kernel
                .as_deref()
                .and_then(KernelProfile::from_name)
                .unwrap_or_default();
            let none = BTreeSet::new();
            let no_c = BTreeSet::new();
            let bps = Breakpoints {
                asm: &none,
                c: &no_c,
            };
            let (verified, _) = engine.apply(&Action::Verify, &text, prog_type, "", bps, kernel);
            let verdict = verified.verdict_text().unwrap_or_default();
            let ok = match e.expect.strip_prefix("rejected: ") {
                None => verdict == "accepted",
                Some(m) => verdict.starts_with("rejected: ") && verdict.contains(m),
            };
            assert!(
                ok,
                "{}: expected `{}`, the page says `{verdict}`",
                e.file, e.expect
            );
            if verdict == "accepted" {
                let (mut run, _) = verified.apply(&Action::Run, &text, prog_type, "", bps, kernel);
                for _ in 0..1000 {
                    if !run.running {
                        break;
                    }
                    run = run.run_chunk();
                }
                let end = run.exit_text().unwrap_or_default();
                assert!(
                    end.starts_with("exited"),
                    "{}: the run ends with `{end}`",
                    e.file
                );
            }
        }
    }
}
