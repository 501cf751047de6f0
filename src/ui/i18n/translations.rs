//! The Fluent bundles of one language, with English behind them.

use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use super::{Language, numbers};

type Bundle = FluentBundle<FluentResource>;

/// Built into the binary: the window never depends on files beside it.
const ENGLISH: &str = include_str!("../../../assets/i18n/en/chirp.ftl");
const GERMAN: &str = include_str!("../../../assets/i18n/de/chirp.ftl");

/// The `.ftl` source of `language`.
pub(super) fn source(language: Language) -> &'static str {
    match language {
        Language::English => ENGLISH,
        Language::German => GERMAN,
    }
}

/// The window's text in one language. Cheap to clone (one `Arc`), so it
/// can be handed out of egui's context on every call.
#[derive(Clone)]
pub struct Translations {
    inner: Arc<Inner>,
}

struct Inner {
    language: Language,
    bundle: Bundle,
    /// English, for a key the language lacks (None when it is English):
    /// a missing translation shows English rather than a key.
    english: Option<Bundle>,
}

impl Translations {
    pub fn new(language: Language) -> Self {
        let english = (language != Language::English).then(|| bundle(Language::English));
        Self {
            inner: Arc::new(Inner {
                language,
                bundle: bundle(language),
                english,
            }),
        }
    }

    pub fn language(&self) -> Language {
        self.inner.language
    }

    /// The message `key`, without arguments.
    pub fn tr(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message `key` with its arguments: `("count", n.into())`.
    pub fn tr_args(&self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let args: FluentArgs<'_> = args.iter().map(|(n, v)| (*n, v.clone())).collect();
        self.format(key, Some(&args))
    }

    /// The key itself when no bundle has it (the tests keep that from
    /// happening); a missing argument shows as `{$name}`, as Fluent does.
    fn format(&self, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let bundles = std::iter::once(&self.inner.bundle).chain(self.inner.english.as_ref());
        for bundle in bundles {
            if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle
                    .format_pattern(pattern, args, &mut errors)
                    .into_owned();
            }
        }
        key.to_owned()
    }
}

impl std::fmt::Debug for Translations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Translations")
            .field(&self.language())
            .finish()
    }
}

/// The bundle of `language`. A broken `.ftl` still gives every message
/// that parsed (the tests fail on any error, so a release has none).
fn bundle(language: Language) -> Bundle {
    let mut bundle = Bundle::new_concurrent(vec![language.langid()]);
    // Fluent wraps each argument in Unicode isolation marks, which egui's
    // fonts draw as boxes; the window's text has one direction anyway.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(numbers::formatter(language)));
    let resource = match FluentResource::try_new(source(language).to_owned()) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            tracing::error!(?language, ?errors, "translations do not parse");
            resource
        }
    };
    if let Err(errors) = bundle.add_resource(resource) {
        tracing::error!(?language, ?errors, "translations clash");
    }
    bundle
}
