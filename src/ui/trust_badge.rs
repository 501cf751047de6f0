//! The badge on a tweet card that says who signed it: the key pinned for
//! the name (verified), a name seen for the first time (new key), somebody
//! else using the name (not the one you know), or nobody (unsigned). The
//! words are a pure function of the translations, so tests can check them;
//! the colours come from the theme in use.

use egui::{Color32, RichText};

use crate::core::model::author_key::{AuthorKey, Signed, Trust};
use crate::core::model::display::inert_name;

use super::i18n::Translations;

/// How loud a badge is; the colour follows the theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadgeRole {
    /// Signed by the key pinned for the name.
    Verified,
    /// Signed, and the name is new here: pinned on first use.
    NewKey,
    /// Signed by another key than the name's: never looks like the name.
    Impostor,
    /// No signature at all (classic, raw, or a v1 tweet without one).
    Unsigned,
    /// Signed by the key pinned for the name; the signature is being
    /// checked now that the tweet is shown (a frame or two).
    Checking,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Badge {
    pub label: String,
    pub role: BadgeRole,
    pub hover: String,
}

/// Names are cut to this many characters in badges.
const NAME_CHARS: usize = 40;

/// What a card says about its signature: `signed` as the entry holds it,
/// the author's name, and the key pinned for that name here, if known.
pub fn badge(
    tr: &Translations,
    signed: Option<Signed>,
    user: &str,
    pinned: Option<&AuthorKey>,
) -> Badge {
    let name = inert_name(user, NAME_CHARS);
    let Some(signed) = signed else {
        // A name that signs here, unsigned this once: said plainly.
        let (label, hover) = match pinned {
            Some(_) => (
                tr.tr_args("badge-unsigned-signer", &[("name", name.clone().into())]),
                tr.tr_args("badge-unsigned-signer-hover", &[("name", name.into())]),
            ),
            None => (tr.tr("badge-unsigned"), tr.tr("badge-unsigned-hover")),
        };
        return Badge {
            label,
            role: BadgeRole::Unsigned,
            hover,
        };
    };
    let fingerprint = || signed.key.fingerprint().to_string().into();
    match signed.trust {
        Trust::Verified | Trust::Unjudged => Badge {
            label: tr.tr("badge-verified"),
            role: BadgeRole::Verified,
            hover: tr.tr_args(
                "badge-verified-hover",
                &[("name", name.into()), ("fingerprint", fingerprint())],
            ),
        },
        Trust::NewKey => Badge {
            label: tr.tr("badge-new-key"),
            role: BadgeRole::NewKey,
            hover: tr.tr_args("badge-new-key-hover", &[("fingerprint", fingerprint())]),
        },
        Trust::KeyChanged => Badge {
            label: impostor_label(tr, user),
            role: BadgeRole::Impostor,
            hover: impostor_hover(tr, &name, &signed.key, pinned),
        },
    }
}

/// The badge of a tweet signed by the key pinned for its name whose
/// signature is checked now that it is shown: never "verified" before.
pub fn checking(tr: &Translations, user: &str) -> Badge {
    let name = inert_name(user, NAME_CHARS);
    Badge {
        label: tr.tr("badge-checking"),
        role: BadgeRole::Checking,
        hover: tr.tr_args("badge-checking-hover", &[("name", name.into())]),
    }
}

/// What a card signed by another key than the name's shows instead of the
/// name.
pub fn impostor_label(tr: &Translations, user: &str) -> String {
    let name = inert_name(user, NAME_CHARS);
    tr.tr_args("badge-impostor", &[("name", name.into())])
}

fn impostor_hover(
    tr: &Translations,
    name: &str,
    key: &AuthorKey,
    pinned: Option<&AuthorKey>,
) -> String {
    let name = || name.to_owned().into();
    let key = || key.fingerprint().to_string().into();
    match pinned {
        Some(pinned) => tr.tr_args(
            "badge-impostor-hover",
            &[
                ("name", name()),
                ("key", key()),
                ("pinned", pinned.fingerprint().to_string().into()),
            ],
        ),
        None => tr.tr_args(
            "badge-impostor-hover-no-pin",
            &[("name", name()), ("key", key())],
        ),
    }
}

/// The colour of a badge in the theme in use.
pub fn colour(ui: &egui::Ui, role: BadgeRole) -> Color32 {
    let dark = ui.visuals().dark_mode;
    match role {
        BadgeRole::Verified if dark => Color32::from_rgb(80, 200, 120),
        BadgeRole::Verified => Color32::from_rgb(0, 120, 60),
        BadgeRole::NewKey if dark => Color32::from_rgb(110, 180, 255),
        BadgeRole::NewKey => Color32::from_rgb(20, 90, 190),
        BadgeRole::Impostor => ui.visuals().error_fg_color,
        BadgeRole::Unsigned | BadgeRole::Checking => ui.visuals().weak_text_color(),
    }
}

/// A small badge after the author's name. The impostor one is drawn by
/// `impostor_ui` in the name's place instead.
pub fn ui(ui: &mut egui::Ui, badge: &Badge) -> egui::Response {
    let text = RichText::new(&badge.label)
        .small()
        .color(colour(ui, badge.role));
    ui.add(egui::Label::new(text).selectable(false))
        .on_hover_text(&badge.hover)
}

/// In the author's place on a card signed by another key: loud, clickable
/// (it opens the person card), never the plain @name.
pub fn impostor_ui(ui: &mut egui::Ui, badge: &Badge) -> egui::Response {
    let colour = colour(ui, BadgeRole::Impostor);
    let text = RichText::new(&badge.label).strong().color(colour);
    let button = egui::Button::new(text)
        .fill(colour.gamma_multiply(0.15))
        .stroke(egui::Stroke::new(1.0, colour))
        .corner_radius(6.0);
    ui.add(button)
        .on_hover_text(&badge.hover)
        .on_hover_cursor(egui::CursorIcon::PointingHand)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::Language;

    fn en() -> Translations {
        Translations::new(Language::English)
    }

    fn key(byte: u8) -> AuthorKey {
        AuthorKey::from_bytes([byte; 32])
    }

    fn signed(byte: u8, trust: Trust) -> Option<Signed> {
        Some(Signed {
            key: key(byte),
            trust,
        })
    }

    #[test]
    fn verified_and_unjudged_say_verified_with_the_fingerprint() {
        for trust in [Trust::Verified, Trust::Unjudged] {
            let badge = badge(&en(), signed(0, trust), "alice", Some(&key(0)));
            assert_eq!(badge.label, "✔ verified");
            assert_eq!(badge.role, BadgeRole::Verified);
            assert_eq!(
                badge.hover,
                "Signed by the key pinned for @alice: 6668 7aad f862 bd77"
            );
        }
    }

    #[test]
    fn a_new_name_says_new_key_and_trust_on_first_use() {
        let badge = badge(&en(), signed(0, Trust::NewKey), "alice", None);
        assert_eq!(
            (badge.label.as_str(), badge.role),
            ("new key", BadgeRole::NewKey)
        );
        assert!(badge.hover.contains("trust on first use"));
        assert!(badge.hover.contains("6668 7aad f862 bd77"));
    }

    #[test]
    fn another_key_never_reads_as_the_name_and_shows_both_fingerprints() {
        let pinned = key(1);
        let badge = badge(&en(), signed(0, Trust::KeyChanged), "alice", Some(&pinned));
        assert_eq!(badge.label, "⚠ not the @alice you know");
        assert_ne!(badge.label, "@alice");
        assert_eq!(badge.role, BadgeRole::Impostor);
        assert!(badge.hover.contains("6668 7aad f862 bd77"));
        assert!(badge.hover.contains(&pinned.fingerprint().to_string()));
        let unknown_pin = super::badge(&en(), signed(0, Trust::KeyChanged), "alice", None);
        assert!(unknown_pin.hover.contains("the one pinned for it."));
    }

    #[test]
    fn no_signature_is_a_quiet_unsigned() {
        let badge = badge(&en(), None, "alice", None);
        assert_eq!(
            (badge.label.as_str(), badge.role),
            ("unsigned", BadgeRole::Unsigned)
        );
        // From a name that signs here: the badge says this one is not signed.
        let pinned = AuthorKey::from_bytes([1; 32]);
        let odd = super::badge(&en(), None, "alice", Some(&pinned));
        assert_eq!(odd.label, "unsigned: @alice signs, this is not signed");
        assert_eq!(odd.role, BadgeRole::Unsigned);
    }

    #[test]
    fn a_signature_being_checked_never_says_verified() {
        let badge = checking(&en(), "alice");
        assert_eq!(badge.role, BadgeRole::Checking);
        assert!(!badge.label.contains("verified") && !badge.label.contains('✔'));
        assert!(badge.hover.contains("@alice"));
    }

    #[test]
    fn hostile_names_are_inert_and_bounded() {
        let badge = badge(
            &en(),
            signed(0, Trust::KeyChanged),
            &"\u{202e}x".repeat(200),
            None,
        );
        assert!(!badge.label.contains('\u{202e}'));
        assert!(badge.label.chars().count() < 80);
    }
}
