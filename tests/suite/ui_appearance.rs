//! Settings → Appearance in the real app: System / Light / Dark and the
//! zoom take effect as they are picked, Apply keeps them, Cancel and Esc
//! put them back.

use egui::Key;
use egui_kittest::kittest::Queryable as _;

use chirp::core::desktop::appearance::ThemeChoice;

use crate::ui_app::{Ui, open, settings};

fn click(ui: &mut Ui, label: &str) {
    ui.harness.get_by_label(label).click();
    ui.harness.run_steps(3);
}

fn theme(ui: &Ui) -> ThemeChoice {
    ui.harness.state().settings().appearance.theme
}

#[test]
fn a_theme_picked_shows_at_once_and_apply_keeps_it() {
    let mut ui = open(settings("dana"));
    assert_eq!(theme(&ui), ThemeChoice::System);
    click(&mut ui, "Settings");
    click(&mut ui, "Dark");
    assert_eq!(ui.harness.ctx.theme(), egui::Theme::Dark, "shown at once");
    click(&mut ui, "Light");
    assert_eq!(ui.harness.ctx.theme(), egui::Theme::Light);
    click(&mut ui, "Apply");
    assert_eq!(theme(&ui), ThemeChoice::Light, "kept");
    assert_eq!(ui.harness.ctx.theme(), egui::Theme::Light);
}

#[test]
fn cancel_and_esc_put_the_appearance_back() {
    let mut ui = open(settings("dana"));
    click(&mut ui, "Settings");
    click(&mut ui, "Light");
    click(&mut ui, "Cancel");
    assert_eq!(theme(&ui), ThemeChoice::System);
    assert_eq!(
        ui.harness.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::System
    );

    click(&mut ui, "Settings");
    click(&mut ui, "Dark");
    ui.harness
        .key_press_modifiers(egui::Modifiers::COMMAND, Key::Equals);
    ui.harness.run_steps(2);
    assert_eq!(ui.harness.state().settings().appearance.zoom_percent, 110);
    ui.harness.key_press(Key::Escape);
    ui.harness.run_steps(2);
    assert!(
        ui.harness.query_by_label("Apply").is_none(),
        "Esc closed it"
    );
    assert_eq!(theme(&ui), ThemeChoice::System);
    assert_eq!(ui.harness.state().settings().appearance.zoom_percent, 100);
    assert!((ui.harness.ctx.zoom_factor() - 1.0).abs() < 1e-4);
}

#[test]
fn the_zoom_is_reset_from_settings_and_a_saved_one_applies_at_start() {
    let mut saved = settings("dana");
    saved.appearance.zoom_percent = 60;
    saved.appearance.theme = ThemeChoice::Dark;
    let mut ui = open(saved);
    assert!((ui.harness.ctx.zoom_factor() - 0.6).abs() < 1e-4);
    assert_eq!(ui.harness.ctx.theme(), egui::Theme::Dark);
    click(&mut ui, "Settings");
    click(&mut ui, "Reset the zoom to 100 %");
    click(&mut ui, "Apply");
    assert_eq!(ui.harness.state().settings().appearance.zoom_percent, 100);
    assert!((ui.harness.ctx.zoom_factor() - 1.0).abs() < 1e-4);
}
