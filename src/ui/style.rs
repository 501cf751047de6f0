//! Chirp's look: an accent colour and roomier spacing than egui's defaults.

use egui::Color32;

/// Chirp's blue, as drawn on the dark theme (`accent` picks per theme).
pub const ACCENT: Color32 = Color32::from_rgb(29, 155, 240);
/// Under white text (unread pills, Post): white on it is 5:1, in both themes.
pub const ACCENT_FILL: Color32 = Color32::from_rgb(0, 110, 200);
pub const WARN: Color32 = Color32::from_rgb(255, 173, 31);

// Text colours, per theme: the bright ones are for dark backgrounds; on a
// light one they measure 2–3:1, so light themes get darker shades of the
// same hue (each at least 4.5:1 on egui's light panel background).

/// Links, hashtags, highlights.
pub fn accent(visuals: &egui::Visuals) -> Color32 {
    per_theme(visuals, ACCENT, Color32::from_rgb(0, 100, 180))
}

/// Connected, sent, online.
pub fn ok(visuals: &egui::Visuals) -> Color32 {
    per_theme(
        visuals,
        Color32::from_rgb(0, 186, 124),
        Color32::from_rgb(0, 125, 70),
    )
}

/// Waiting, sending, cautions.
pub fn warn(visuals: &egui::Visuals) -> Color32 {
    per_theme(visuals, WARN, Color32::from_rgb(170, 90, 0))
}

/// Errors and refusals.
pub fn error(visuals: &egui::Visuals) -> Color32 {
    per_theme(
        visuals,
        Color32::from_rgb(255, 90, 95),
        Color32::from_rgb(190, 20, 30),
    )
}

fn per_theme(visuals: &egui::Visuals, dark: Color32, light: Color32) -> Color32 {
    if visuals.dark_mode { dark } else { light }
}

pub fn apply(ctx: &egui::Context) {
    // egui follows the system's theme; CHIRP_THEME=light|dark overrides it
    // (for screenshots of both).
    match std::env::var("CHIRP_THEME").as_deref() {
        Ok("light") => ctx.set_theme(egui::Theme::Light),
        Ok("dark") => ctx.set_theme(egui::Theme::Dark),
        _ => {}
    }
    // Ctrl+=, Ctrl+- and Ctrl+0 are Chirp's (app/keyboard.rs): kept
    // within 50–300 % and saved.
    ctx.options_mut(|options| options.zoom_with_keyboard = false);
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(10.0, 4.0);
        style.spacing.interact_size.y = 24.0;
        for (text_style, size) in [
            (egui::TextStyle::Body, 15.0),
            (egui::TextStyle::Button, 14.0),
            (egui::TextStyle::Heading, 20.0),
            (egui::TextStyle::Small, 11.5),
        ] {
            if let Some(font) = style.text_styles.get_mut(&text_style) {
                font.size = size;
            }
        }
    });
}

/// A softer colour for secondary text, readable in light and dark themes.
pub fn weak(ui: &egui::Ui) -> Color32 {
    ui.visuals().weak_text_color()
}

/// The app icon as a texture, for the top bar.
pub fn load_icon(ctx: &egui::Context) -> egui::TextureHandle {
    let image = match image::load_from_memory_with_format(super::ICON_PNG, image::ImageFormat::Png)
    {
        Ok(decoded) => {
            let rgba = decoded.to_rgba8();
            let size = [rgba.width() as usize, rgba.height() as usize];
            egui::ColorImage::from_rgba_unmultiplied(size, rgba.as_raw())
        }
        // The icon is compiled in; a broken one shows as an empty square.
        Err(_) => egui::ColorImage::filled([1, 1], egui::Color32::TRANSPARENT),
    };
    ctx.load_texture("chirp-icon", image, egui::TextureOptions::LINEAR)
}
