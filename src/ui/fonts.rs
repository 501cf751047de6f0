//! The window's fonts. egui's own (Ubuntu Light, Hack) with its bundled
//! monochrome emoji everywhere, so no emoji is ever an empty box; and for
//! what people write (tweets, messages, bios, what is being typed) the
//! system's colour emoji font in front of those, when the machine has one
//! (Noto Color Emoji, Apple Color Emoji, Segoe UI Emoji), drawn in colour
//! by epaint's `color_fonts` (CBDT/sbix bitmaps and COLR glyphs).
//!
//! The window's own symbols (✔ verified, ⚠) stay monochrome:
//! they take the theme's colours (a green ✔, a red ⚠), which a colour
//! glyph would not (Noto's ✔ is a dark slate grey, faint on the dark theme).

mod system_lookup;

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

/// The family of text people wrote: the text font, then the colour emoji.
static CONTENT: LazyLock<egui::FontFamily> =
    LazyLock::new(|| egui::FontFamily::Name("chirp-content".into()));

/// The colour font's name in the font definitions.
const COLOUR_FONT: &str = "colour-emoji";

/// Overrides where the colour emoji font is looked for: a path, or empty
/// for none (to see or measure the monochrome fallback on any machine).
pub const FONT_ENV: &str = "CHIRP_EMOJI_FONT";

/// Where systems keep their colour emoji font, the commonest first; a
/// fixed list because stat() of a few paths costs nothing at start-up,
/// while enumerating the system's fonts can take hundreds of milliseconds.
const SYSTEM_FONTS: &[&str] = &[
    // Debian and Ubuntu (fonts-noto-color-emoji), Arch, Fedora, openSUSE:
    "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",
    "/usr/share/fonts/noto/NotoColorEmoji.ttf",
    "/usr/share/fonts/google-noto-color-emoji-fonts/NotoColorEmoji.ttf",
    "/usr/share/fonts/truetype/NotoColorEmoji.ttf",
    "/System/Library/Fonts/Apple Color Emoji.ttc",
    "C:\\Windows\\Fonts\\seguiemj.ttf",
];

/// The character a colour emoji font must draw in colour to be used.
const PROBE: char = '\u{1F600}';

/// A colour emoji font found on this machine, memory-mapped (file-backed
/// pages, read only where glyphs are drawn).
#[derive(Clone)]
pub struct ColourFont {
    pub path: PathBuf,
    data: egui::FontData,
}

/// Where to look: `CHIRP_EMOJI_FONT` if set, else the usual system places.
pub fn candidates() -> Vec<PathBuf> {
    candidates_from(std::env::var_os(FONT_ENV))
}

fn candidates_from(over: Option<std::ffi::OsString>) -> Vec<PathBuf> {
    match over {
        Some(path) if path.is_empty() => Vec::new(),
        Some(path) => vec![PathBuf::from(path)],
        None => SYSTEM_FONTS.iter().map(PathBuf::from).collect(),
    }
}

/// The first candidate that is a font drawing 😀 in colour.
pub fn find_colour_font(candidates: &[PathBuf]) -> Option<ColourFont> {
    candidates.iter().find_map(|path| load_colour_font(path))
}

fn load_colour_font(path: &Path) -> Option<ColourFont> {
    use fontique::{SourceCache, SourceCacheOptions, SourceId, SourceInfo, SourceKind};

    let source = SourceInfo::new(SourceId::new(), SourceKind::Path(path.into()));
    let blob = SourceCache::new(SourceCacheOptions::default()).get(&source)?;
    let (bytes, _) = blob.into_raw_parts();
    // A .ttc holds several faces; Apple Color Emoji's is the first.
    let data = egui::FontData::from_blob(bytes, 0).tweak(egui::FontTweak {
        // Noto's and Apple's emoji are wider than a letter is tall: a
        // little smaller, they sit on the line like the text around them.
        scale: 0.9,
        ..Default::default()
    });
    has_colour_glyph(data.bytes(), PROBE).then(|| ColourFont {
        path: path.to_owned(),
        data,
    })
}

/// Does the font have a colour bitmap (CBDT, sbix) or COLR glyph for `c`?
/// (What epaint's `color_fonts` draws in colour.)
fn has_colour_glyph(bytes: &[u8], c: char) -> bool {
    use skrifa::MetadataProvider as _;

    let Ok(font) = skrifa::FontRef::from_index(bytes, 0) else {
        return false;
    };
    let Some(glyph) = font.charmap().map(c) else {
        return false;
    };
    font.color_glyphs().get(glyph).is_some()
        || font
            .bitmap_strikes()
            .glyph_for_size(skrifa::instance::Size::unscaled(), glyph)
            .is_some()
}

/// egui's default fonts with their bundled monochrome emoji, plus the
/// content family: the same, with `colour` (if any) right after the text
/// font, so digits, © and ™ stay text and only what the text font lacks is
/// drawn as colour emoji.
pub fn definitions(colour: Option<&ColourFont>) -> egui::FontDefinitions {
    let mut definitions = egui::FontDefinitions::default();
    let mut content = definitions
        .families
        .get(&egui::FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    if let Some(font) = colour {
        definitions
            .font_data
            .insert(COLOUR_FONT.to_owned(), Arc::new(font.data.clone()));
        content.insert(content.len().min(1), COLOUR_FONT.to_owned());
    }
    definitions.families.insert(CONTENT.clone(), content);
    definitions
}

/// Sets the window's fonts; the colour emoji font used, if one was found.
pub fn install(ctx: &egui::Context, candidates: &[PathBuf]) -> Option<PathBuf> {
    let colour = find_colour_font(candidates);
    match &colour {
        Some(font) => tracing::info!(path = %font.path.display(), "colour emoji font"),
        None => tracing::info!("no colour emoji font: monochrome emoji"),
    }
    ctx.set_fonts(definitions(colour.as_ref()));
    colour.map(|font| font.path)
}

/// The window's fonts: the colour emoji font at the usual paths (or
/// `CHIRP_EMOJI_FONT`'s), else the one the system's font configuration
/// names, looked up on a thread.
pub fn install_for_window(ctx: &egui::Context) {
    let overridden = std::env::var_os(FONT_ENV).is_some();
    if install(ctx, &candidates()).is_none() && !overridden {
        system_lookup::spawn(ctx);
    }
}

/// The font of `style` in the content family, where the window has it
/// (a context without `install`, as in tests, keeps the style's own).
pub fn content_font(ui: &egui::Ui, style: &egui::TextStyle) -> egui::FontId {
    let mut font = style.resolve(ui.style());
    if ui.fonts(|fonts| fonts.definitions().families.contains_key(&CONTENT)) {
        font.family = CONTENT.clone();
    }
    font
}

#[cfg(test)]
#[path = "fonts/tests.rs"]
mod tests;
