//! The window's text in the user's language: Fluent messages from
//! `assets/i18n/<code>/chirp.ftl`, built into the binary. The app installs
//! one language's [`Translations`] in egui's context; every part of the
//! window asks for its text through [`Translate`] on its `Ui` or `Context`.

mod language;
mod numbers;
mod time;
mod translations;

#[cfg(test)]
mod catalog;
#[cfg(test)]
mod catalog_tests;
#[cfg(test)]
mod usage_tests;

pub use fluent_bundle::FluentValue;
pub use language::{Language, system_language};
pub use numbers::{format_count, format_decimal};
pub use translations::Translations;

fn id() -> egui::Id {
    egui::Id::unique("chirp-translations")
}

/// Makes `translations` the window's language from the next call on.
pub fn install(ctx: &egui::Context, translations: Translations) {
    ctx.data_mut(|d| d.insert_temp(id(), translations));
}

/// The translations installed in `ctx`. Before any are, English, built
/// once and kept there, so that a stray early call costs nothing twice.
pub fn installed(ctx: &egui::Context) -> Translations {
    if let Some(translations) = ctx.data(|d| d.get_temp::<Translations>(id())) {
        return translations;
    }
    let english = Translations::new(Language::English);
    install(ctx, english.clone());
    english
}

/// Text in the installed language, from anything that reaches egui's
/// context. Not to be called inside a `ctx.input(…)` or similar closure,
/// which holds the context's lock.
pub trait Translate {
    fn translations(&self) -> Translations;

    /// The message `key`.
    fn tr(&self, key: &str) -> String {
        self.translations().tr(key)
    }

    /// The message `key` with arguments: `&[("count", n.into())]`.
    fn tr_args(&self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        self.translations().tr_args(key, args)
    }
}

impl Translate for egui::Context {
    fn translations(&self) -> Translations {
        installed(self)
    }
}

impl Translate for egui::Ui {
    fn translations(&self) -> Translations {
        installed(self.ctx())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_installed_language_is_used_and_english_before_any() {
        let ctx = egui::Context::default();
        assert_eq!(ctx.translations().language(), Language::English);
        assert!(ctx.tr("language-system-hover").starts_with("Follows"));
        install(&ctx, Translations::new(Language::German));
        assert_eq!(ctx.translations().language(), Language::German);
        assert_eq!(
            ctx.tr_args("timeline-new-tweets", &[("count", 2.into())]),
            "2 neue Tweets – nach oben"
        );
    }

    #[test]
    fn a_key_missing_everywhere_shows_as_itself() {
        let german = Translations::new(Language::German);
        assert_eq!(german.tr("no-such-key"), "no-such-key");
    }
}
