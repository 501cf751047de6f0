//! The window: a thin egui layer over `core`. Each file draws one part;
//! `app` owns the state and talks to the network worker over channels.

mod app;
mod compose_box;
mod hashtags_panel;
mod settings_dialog;
mod status;
mod style;
mod timeline_view;
mod top_bar;

pub use app::ChirpApp;

use std::path::Path;

use crate::core::broker::BrokerAddress;
use crate::core::net::{self, ConnectionConfig};
use crate::core::settings::{Settings, SettingsError, SettingsWriter};

const ICON_PNG: &[u8] = include_bytes!("../../assets/icon.png");

/// Opens the window and runs until it is closed. `broker_override` (from
/// `--broker`) is used for this run only and not saved.
pub fn run(broker_override: Option<BrokerAddress>) -> anyhow::Result<()> {
    let path = Settings::default_path()?;
    let (settings, startup_notice) = load_settings(&path);
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Chirp")
        .with_app_id("chirp")
        .with_inner_size([1040.0, 720.0])
        .with_min_inner_size([640.0, 420.0]);
    match eframe::icon_data::from_png_bytes(ICON_PNG) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(e) => eprintln!("chirp: app icon unreadable: {e}"),
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "Chirp",
        options,
        Box::new(move |cc| {
            style::apply(&cc.egui_ctx);
            let broker = broker_override
                .clone()
                .unwrap_or_else(|| settings.broker.clone());
            let config = ConnectionConfig::new(broker, settings.client_id.clone());
            let ctx = cc.egui_ctx.clone();
            let (link, worker) = net::spawn(config, move || ctx.request_repaint())?;
            let (notice_tx, notice_rx) = crossbeam_channel::unbounded();
            let writer = SettingsWriter::spawn(path, move |e| {
                let _ = notice_tx.send(format!("Settings not saved: {e}"));
            });
            let mut app = ChirpApp::new(settings, link, broker_override)
                .with_worker(worker)
                .with_settings_writer(writer, notice_rx);
            if let Some(notice) = startup_notice {
                app.add_notice(notice);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}

/// Loads settings. An unreadable file never stops the app: it is moved
/// aside (not deleted) and the defaults are used, with a notice saying so.
fn load_settings(path: &Path) -> (Settings, Option<String>) {
    match Settings::load(path) {
        Ok(settings) => (settings, None),
        Err(error @ SettingsError::Parse { .. }) => {
            let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
            let aside = path.with_extension(format!("json.corrupt-{stamp}"));
            let moved = std::fs::rename(path, &aside);
            let mut settings = Settings::default();
            settings.ensure_client_id();
            let notice = match moved {
                Ok(()) => format!(
                    "{error}. It was moved to {} and the defaults are used.",
                    aside.display()
                ),
                Err(e) => {
                    format!("{error}. It could not be moved aside ({e}); the defaults are used.")
                }
            };
            (settings, Some(notice))
        }
        Err(error) => {
            let mut settings = Settings::default();
            settings.ensure_client_id();
            (settings, Some(format!("{error}. The defaults are used.")))
        }
    }
}
