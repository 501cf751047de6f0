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
    /// None when the code passes a slice built elsewhere (not checked).
    args: Option<BTreeSet<String>>,
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

/// The string literal at the start of `text` (after white space), and
/// what follows it.
fn literal(text: &str) -> Option<(&str, &str)> {
    let rest = text.trim_start().strip_prefix('"')?;
    rest.find('"').map(|end| (&rest[..end], &rest[end + 1..]))
}

/// The argument names of a call whose text after the key is `rest`: the
/// first string of each `("name", …)` up to the slice's closing `]`. None
/// when the arguments are not a literal slice right after the key.
fn arg_names(rest: &str) -> Option<BTreeSet<String>> {
    let slice = rest.trim_start().strip_prefix(',')?.trim_start();
    let slice = slice.strip_prefix("&[")?;
    let mut depth = 1;
    let mut end = slice.len();
    for (index, c) in slice.char_indices() {
        depth += match c {
            '[' => 1,
            ']' => -1,
            _ => 0,
        };
        if depth == 0 {
            end = index;
            break;
        }
    }
    let region = &slice[..end];
    let mut names = BTreeSet::new();
    for (index, _) in region.match_indices('(') {
        // A tuple's opening, not a call's (`format!(`, `f(`).
        let before = region[..index].chars().next_back().unwrap_or(' ');
        if before.is_alphanumeric() || before == '!' || before == '_' {
            continue;
        }
        if let Some((name, after)) = literal(&region[index + 1..])
            && after.trim_start().starts_with(',')
        {
            names.insert(name.to_owned());
        }
    }
    Some(names)
}

/// Every call with a literal key, outside `i18n/` (whose own tests ask
/// for keys that are missing on purpose).
fn calls() -> Vec<Call> {
    let patterns = [
        (".tr(", false),
        ("::tr(", false),
        (".tr_args(", true),
        ("::tr_args(", true),
    ];
    let mut calls = Vec::new();
    for (file, text) in ui_sources() {
        if file.components().any(|c| c.as_os_str() == "i18n") {
            continue;
        }
        for (pattern, with_args) in patterns {
            for (index, _) in text.match_indices(pattern) {
                let Some((key, after)) = literal(&text[index + pattern.len()..]) else {
                    continue;
                };
                let args = if with_args {
                    arg_names(after)
                } else {
                    Some(BTreeSet::new())
                };
                let (file, key) = (file.clone(), key.to_owned());
                calls.push(Call { file, key, args });
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
        let file = call.file.display();
        match (english.get(&call.key), &call.args) {
            (None, _) => problems.push(format!("{file}: {} is missing", call.key)),
            (Some(variables), Some(args)) if args != variables => problems.push(format!(
                "{file}: {} is given {args:?}, uses {variables:?}",
                call.key
            )),
            _ => {}
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
    let wanted = BTreeSet::from(["count".to_owned(), "user".to_owned()]);
    assert_eq!(names, Some(wanted));
    assert_eq!(arg_names(", &args)"), None);
    let pill = calls()
        .into_iter()
        .find(|c| c.key == "timeline-new-tweets")
        .expect("the pill asks for its text");
    assert_eq!(pill.args, Some(BTreeSet::from(["count".to_owned()])));
}
