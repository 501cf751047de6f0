//! The code against the catalog: every key `src/ui` asks for exists in
//! English with exactly the arguments passed, and every key is used.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::Language;
use super::catalog::catalog;
use super::time::{MONTHS, WEEKDAYS};

/// One `tr("key")` or `tr_args("key", &[("name", …), …])` in the code.
#[derive(Debug)]
struct Call {
    file: PathBuf,
    key: String,
    /// None for `tr`, which passes none.
    args: BTreeSet<String>,
}

fn ui_sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ui is readable") {
            let path = entry.expect("listed").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("readable");
                files.push((path, text));
            }
        }
    }
    files
}

/// The string literal at the start of `text` (after white space).
fn literal(text: &str) -> Option<&str> {
    let rest = text.trim_start().strip_prefix('"')?;
    rest.find('"').map(|end| &rest[..end])
}

/// The argument names of a call whose text (after the key) is `rest`:
/// the first string of each `("name", …)` up to the slice's closing `]`.
fn arg_names(rest: &str) -> BTreeSet<String> {
    let Some(start) = rest.find("&[") else {
        return BTreeSet::new();
    };
    let mut depth = 0;
    let mut end = rest.len();
    for (index, c) in rest[start + 1..].char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    end = start + 1 + index;
                    break;
                }
            }
            _ => {}
        }
    }
    let region = &rest[start..end];
    let mut names = BTreeSet::new();
    for (index, _) in region.match_indices("(\"") {
        let before = region[..index].chars().next_back().unwrap_or(' ');
        if before.is_alphanumeric() || before == '!' || before == '_' {
            continue;
        }
        if let Some(name) = literal(&region[index + 1..]) {
            names.insert(name.to_owned());
        }
    }
    names
}

/// Every call with a literal key, outside `i18n/` (whose own tests ask
/// for keys that are missing on purpose).
fn calls() -> Vec<Call> {
    let mut calls = Vec::new();
    for (file, text) in ui_sources() {
        if file.components().any(|c| c.as_os_str() == "i18n") {
            continue;
        }
        for (pattern, with_args) in [(".tr(", false), (".tr_args(", true)] {
            for (index, _) in text.match_indices(pattern) {
                let rest = &text[index + pattern.len()..];
                let Some(key) = literal(rest) else { continue };
                let after = &rest[rest.find(key).unwrap_or(0) + key.len() + 1..];
                let args = if with_args {
                    arg_names(after)
                } else {
                    BTreeSet::new()
                };
                calls.push(Call {
                    file: file.clone(),
                    key: key.to_owned(),
                    args,
                });
            }
        }
    }
    calls
}

#[test]
fn every_key_the_code_uses_is_in_english_with_its_arguments() {
    let english = catalog(Language::English).expect("parses");
    let mut problems = Vec::new();
    for call in calls() {
        match english.get(&call.key) {
            None => problems.push(format!("{}: {} is missing", call.file.display(), call.key)),
            Some(variables) if *variables != call.args => problems.push(format!(
                "{}: {} is given {:?}, uses {variables:?}",
                call.file.display(),
                call.key,
                call.args
            )),
            Some(_) => {}
        }
    }
    for key in MONTHS.iter().chain(WEEKDAYS.iter()) {
        if !english.contains_key(*key) {
            problems.push(format!("{key} is missing"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A key no code names is a leftover: a translator would keep it alive
/// for nothing. (Named anywhere as a literal counts, for keys in tables.)
#[test]
fn every_key_is_used() {
    let sources: String = ui_sources().into_iter().map(|(_, text)| text).collect();
    let unused: Vec<_> = catalog(Language::English)
        .expect("parses")
        .into_keys()
        .filter(|key| !sources.contains(&format!("\"{key}\"")))
        .collect();
    assert!(unused.is_empty(), "not used: {unused:?}");
}

#[test]
fn the_scan_finds_keys_and_arguments() {
    let names = arg_names(r#", &[("count", n.into()), ("user", format!("@{u}").into())])"#);
    assert_eq!(
        names,
        BTreeSet::from(["count".to_owned(), "user".to_owned()])
    );
    assert!(
        calls()
            .iter()
            .any(|c| c.key == "timeline-new-tweets" && c.args.contains("count"))
    );
}
