//! The `.ftl` files themselves: each parses, every locale has every key
//! with the same variables, and every message formats without errors.

use std::collections::BTreeSet;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

use super::catalog::catalog;
use super::translations::source;
use super::{Language, Translations};

#[test]
fn every_ftl_parses_without_errors() {
    for language in Language::all() {
        if let Err(errors) = catalog(language) {
            panic!("{errors}");
        }
        let resource = FluentResource::try_new(source(language).to_owned())
            .unwrap_or_else(|(_, e)| panic!("{}: {e:?}", language.code()));
        let mut bundle = FluentBundle::new_concurrent(vec![language.langid()]);
        if let Err(errors) = bundle.add_resource(resource) {
            panic!("{}: {errors:?}", language.code());
        }
    }
}

#[test]
fn every_locale_has_the_same_keys() {
    let catalogs: Vec<_> = Language::all()
        .into_iter()
        .map(|language| (language, catalog(language).expect("parses")))
        .collect();
    let all: BTreeSet<&String> = catalogs.iter().flat_map(|(_, c)| c.keys()).collect();
    let mut problems = Vec::new();
    for (language, catalog) in &catalogs {
        let missing: Vec<_> = all
            .iter()
            .filter(|key| !catalog.contains_key(**key))
            .collect();
        if !missing.is_empty() {
            problems.push(format!("{} lacks {missing:?}", language.code()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_locale_uses_the_variables_english_does() {
    let english = catalog(Language::English).expect("parses");
    let mut problems = Vec::new();
    for language in Language::all() {
        for (key, variables) in catalog(language).expect("parses") {
            let wanted = english.get(&key);
            if wanted.is_some_and(|wanted| *wanted != variables) {
                problems.push(format!(
                    "{}: {key} uses {variables:?}, English {wanted:?}",
                    language.code()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Each message with its variables set to 0, 1, 2 and 1,000 (every plural
/// category of both languages): no missing reference, no error.
#[test]
fn every_message_formats_cleanly() {
    for language in Language::all() {
        let resource = FluentResource::try_new(source(language).to_owned()).expect("parses");
        let mut bundle = FluentBundle::new_concurrent(vec![language.langid()]);
        bundle.add_resource(resource).expect("adds");
        for (key, variables) in catalog(language).expect("parses") {
            let message = bundle.get_message(&key).expect("listed");
            let pattern = message.value().expect("every message has a value");
            for n in [0, 1, 2, 1_000] {
                let args: FluentArgs<'_> = variables.iter().map(|v| (v.as_str(), n)).collect();
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
                assert!(
                    errors.is_empty(),
                    "{} {key} ({n}): {errors:?}",
                    language.code()
                );
                assert!(
                    !text.trim().is_empty(),
                    "{} {key} is empty",
                    language.code()
                );
            }
        }
    }
}

#[test]
fn plurals_agree_with_their_number() {
    let pill = |language, count: usize| {
        Translations::new(language).tr_args("timeline-new-tweets", &[("count", count.into())])
    };
    assert!(
        pill(Language::English, 1).starts_with("1 new tweet:"),
        "{}",
        pill(Language::English, 1)
    );
    assert!(pill(Language::English, 2).starts_with("2 new tweets"));
    assert!(pill(Language::German, 1).starts_with("1 neuer Tweet"));
    assert!(pill(Language::German, 2).starts_with("2 neue Tweets"));
    assert!(pill(Language::German, 1_500).starts_with("1.500 neue Tweets"));
    assert!(pill(Language::English, 1_500).starts_with("1,500 new tweets"));
}
