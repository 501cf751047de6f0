//! The colour emoji font the system's font configuration names
//! (fontconfig's `emoji` family, CoreText's, DirectWrite's), for machines
//! that keep it somewhere other than the usual paths (a user's own fonts,
//! another distribution's layout). Enumerating the system's fonts can take
//! hundreds of milliseconds, so it runs on a thread of its own, and only
//! when the usual paths had none.

use std::path::PathBuf;

use super::{definitions, find_colour_font};

/// Looks on a thread; installs the font in `ctx` if one is found (the
/// window's emoji turn from monochrome to colour a moment after it opens).
pub fn spawn(ctx: &egui::Context) {
    let ctx = ctx.clone();
    let spawned = std::thread::Builder::new()
        .name("emoji-font".into())
        .spawn(move || {
            if let Some(font) = find_colour_font(&emoji_fonts()) {
                tracing::info!(path = %font.path.display(), "colour emoji font (font configuration)");
                ctx.set_fonts(definitions(Some(&font)));
                ctx.request_repaint();
            }
        });
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "no thread to look for a colour emoji font");
    }
}

/// The files of the system's emoji families, in its order of preference.
pub fn emoji_fonts() -> Vec<PathBuf> {
    use fontique::{Collection, CollectionOptions, GenericFamily, SourceKind};

    let mut collection = Collection::new(CollectionOptions {
        shared: false,
        system_fonts: true,
    });
    let families: Vec<_> = collection.generic_families(GenericFamily::Emoji).collect();
    families
        .into_iter()
        .filter_map(|id| collection.family(id))
        .flat_map(|family| {
            family
                .fonts()
                .iter()
                .filter_map(|font| match font.source().kind() {
                    SourceKind::Path(path) => Some(path.to_path_buf()),
                    SourceKind::Memory(_) => None,
                })
                .collect::<Vec<_>>()
        })
        .collect()
}
