use super::*;

/// The tweet (issue 17).
const TWEET: &str = "emoji test \u{1F426} \u{1F389} \u{1F600} \u{2764}\u{FE0F} \u{2709} \u{21A9}";

/// Where Debian's fonts-noto-color-emoji puts Noto Color Emoji (CBDT
/// bitmaps); tests/run.sh installs it.
const NOTO_COLOR_EMOJI: &str = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf";

/// A font with 😀 only as a monochrome outline: egui's bundled Noto Emoji,
/// written to a file as a system font would be.
fn monochrome_font_file(dir: &Path) -> PathBuf {
    let defaults = egui::FontDefinitions::default();
    let font = defaults
        .font_data
        .get("NotoEmoji-Regular")
        .expect("egui's bundled monochrome emoji");
    let path = dir.join("NotoEmoji-Regular.ttf");
    std::fs::write(&path, font.bytes()).expect("written");
    path
}

/// One pass of `ctx` drawing `ui`, its texture changes dropped.
fn pass(ctx: &egui::Context, ui: impl FnMut(&mut egui::Ui)) {
    let mut output = ctx.run_ui(egui::RawInput::default(), ui);
    output.textures_delta.clear();
}

/// The tweet laid out and drawn in the content family, then the
/// glyph atlas: how many of its pixels have a colour (not grey).
fn coloured_atlas_pixels(definitions: egui::FontDefinitions) -> usize {
    let ctx = egui::Context::default();
    ctx.set_fonts(definitions);
    draw_tweet(&ctx)
}

/// `coloured_atlas_pixels` in `ctx` as its fonts are.
fn draw_tweet(ctx: &egui::Context) -> usize {
    for _ in 0..2 {
        pass(ctx, |ui| {
            let font = content_font(ui, &egui::TextStyle::Body);
            ui.label(egui::RichText::new(TWEET).font(font));
        });
    }
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
fn with_no_colour_font_every_emoji_has_a_bundled_monochrome_glyph() {
    let dir = tempfile::tempdir().expect("temp dir");
    let candidates = [
        dir.path().join("missing.ttf"),
        monochrome_font_file(dir.path()),
    ];
    assert!(
        find_colour_font(&candidates).is_none(),
        "no colour font among them"
    );

    let definitions = definitions(None);
    assert_eq!(
        definitions.families.get(&CONTENT),
        definitions.families.get(&egui::FontFamily::Proportional),
        "the content family is the text's"
    );
    let ctx = egui::Context::default();
    ctx.set_fonts(definitions.clone());
    let font = egui::FontId::new(15.0, CONTENT.clone());
    pass(&ctx, |ui| {
        ui.fonts_mut(|fonts| {
            for c in TWEET.chars().filter(|c| !c.is_ascii() && *c != '\u{FE0F}') {
                assert!(fonts.has_glyph(&font, c), "{c:?} has a glyph, not a box");
            }
        });
    });
    assert_eq!(coloured_atlas_pixels(definitions), 0, "all monochrome");
}

#[test]
fn noto_color_emoji_is_found_and_drawn_in_colour() {
    let noto = PathBuf::from(NOTO_COLOR_EMOJI);
    assert!(
        noto.exists(),
        "{NOTO_COLOR_EMOJI} missing: install fonts-noto-color-emoji (tests/run.sh does)"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let candidates = [
        dir.path().join("missing.ttf"),
        monochrome_font_file(dir.path()),
        noto.clone(),
    ];
    let found = find_colour_font(&candidates).expect("Noto Color Emoji found");
    assert_eq!(found.path, noto, "the first colour font of the candidates");

    let definitions = definitions(Some(&found));
    let content = &definitions.families[&CONTENT];
    assert_eq!(
        content[..2],
        ["Ubuntu-Light", COLOUR_FONT],
        "after the text font"
    );
    assert!(
        !definitions.families[&egui::FontFamily::Proportional].contains(&COLOUR_FONT.to_owned()),
        "the window's own symbols stay monochrome"
    );
    // Hundreds of coloured pixels (about 500 here: six emoji of some 13 px
    // square at 15 pt, many of their pixels white, grey or black outline);
    // monochrome draws none.
    let coloured = coloured_atlas_pixels(definitions);
    assert!(
        coloured > 200,
        "drawn in colour: {coloured} coloured pixels"
    );
}

#[test]
fn an_empty_override_means_no_colour_font() {
    // CHIRP_EMOJI_FONT's rule, without setting the process's environment.
    assert!(candidates_from(Some("".into())).is_empty());
    assert_eq!(
        candidates_from(Some("/x/Emoji.ttf".into())),
        [PathBuf::from("/x/Emoji.ttf")]
    );
    assert_eq!(candidates_from(None).len(), SYSTEM_FONTS.len());
}

#[test]
fn the_font_configuration_names_noto_color_emoji() {
    // fontconfig's `emoji` family, as a machine with Noto Color Emoji in
    // another place would find it.
    let found = find_colour_font(&system_lookup::emoji_fonts()).expect("a colour emoji font");
    assert_eq!(found.path, PathBuf::from(NOTO_COLOR_EMOJI));
}

#[test]
fn the_looked_up_font_is_installed_from_its_thread() {
    let ctx = egui::Context::default();
    system_lookup::spawn(&ctx);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        pass(&ctx, |_| {});
        let installed = ctx.fonts(|fonts| fonts.definitions().font_data.contains_key(COLOUR_FONT));
        if installed {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "not installed within 20 s"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let coloured = draw_tweet(&ctx);
    assert!(
        coloured > 200,
        "drawn in colour: {coloured} coloured pixels"
    );
}
