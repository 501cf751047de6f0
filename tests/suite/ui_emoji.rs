//! Colour emoji in the real app (issue 17): a tweet's emoji drawn in colour
//! from Noto Color Emoji, while the window's own text and symbols (✔, ⚠,
//! the painted Reply and Message icons) stay monochrome.

use std::path::PathBuf;

use egui_kittest::kittest::Queryable as _;

use crate::ui_app::{open, settings, tweet};

/// Where Debian's fonts-noto-color-emoji puts it; tests/run.sh installs it.
const NOTO_COLOR_EMOJI: &str = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf";

/// Pixels of the glyph atlas that have a colour (monochrome glyphs are
/// white, with coverage in alpha, whatever colour the text is drawn in).
fn coloured_atlas_pixels(ctx: &egui::Context) -> usize {
    #[expect(
        clippy::redundant_closure_for_method_calls,
        reason = "FontsView::image does not fit fonts()'s lifetimes"
    )]
    let atlas = ctx.fonts(|fonts| fonts.image());
    atlas
        .pixels
        .iter()
        .filter(|p| p.a() > 0 && (p.r().abs_diff(p.g()) > 24 || p.g().abs_diff(p.b()) > 24))
        .count()
}

#[test]
fn a_tweets_emoji_are_in_colour_and_the_windows_own_symbols_are_not() {
    let noto = PathBuf::from(NOTO_COLOR_EMOJI);
    assert!(
        noto.exists(),
        "install fonts-noto-color-emoji (tests/run.sh does)"
    );
    let mut ui = open(settings("alice"));
    let found = chirp::ui::fonts::install(&ui.harness.ctx, std::slice::from_ref(&noto));
    assert_eq!(found, Some(noto), "the colour font is used");

    ui.receive(tweet("e-1", "bob", "no emoji here"));
    ui.harness.run_steps(2);
    ui.harness.get_by_label("no emoji here");
    ui.harness.get_by_label("Reply");
    assert_eq!(
        coloured_atlas_pixels(&ui.harness.ctx),
        0,
        "Reply, Message and the rest of the window: monochrome"
    );

    let text = "emoji test \u{1F426} \u{1F389} \u{1F600} \u{2764}\u{FE0F} \u{2709} \u{21A9}";
    ui.receive(tweet("e-2", "carol", text));
    ui.harness.run_steps(2);
    ui.harness.get_by_label(text);
    let coloured = coloured_atlas_pixels(&ui.harness.ctx);
    assert!(
        coloured > 200,
        "the tweet's emoji in colour: {coloured} pixels"
    );
}

#[test]
fn emoji_being_typed_are_in_colour_too() {
    let noto = PathBuf::from(NOTO_COLOR_EMOJI);
    assert!(
        noto.exists(),
        "install fonts-noto-color-emoji (tests/run.sh does)"
    );
    let mut ui = open(settings("alice"));
    chirp::ui::fonts::install(&ui.harness.ctx, std::slice::from_ref(&noto));
    ui.harness.run_steps(2);
    assert_eq!(
        coloured_atlas_pixels(&ui.harness.ctx),
        0,
        "nothing typed yet"
    );

    ui.type_tweet("party \u{1F973}");
    let coloured = coloured_atlas_pixels(&ui.harness.ctx);
    assert!(
        coloured > 50,
        "🥳 in the compose box in colour: {coloured} pixels"
    );
}
