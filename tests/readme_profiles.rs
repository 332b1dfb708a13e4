//! The README's kernel profile table is `verifier::DIFFERENCES`, row for row.

use dynptr_play::verifier::DIFFERENCES;

#[test]
fn the_readme_lists_every_profile_difference() {
    let readme = std::fs::read_to_string(dynptr_tests::repo_root().join("README.md"))
        .expect("README.md is readable");
    let rows: Vec<&str> = readme
        .lines()
        .skip_while(|l| !l.starts_with("## Kernel profiles"))
        .skip_while(|l| !l.starts_with("| what"))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .collect();
    assert_eq!(rows.len(), DIFFERENCES.len(), "{rows:#?}");
    for (row, d) in rows.iter().zip(DIFFERENCES) {
        let want = format!(
            "| {} | {} | {} | {} |",
            d.what, d.series, d.linux_6_18, d.changed_in
        );
        assert_eq!(*row, want);
    }
}
