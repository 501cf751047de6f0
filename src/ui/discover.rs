//! The Discover window: every hashtag active under the root, ranked by a
//! decayed rate, with its counts for the last 5 minutes and hour, a
//! sparkline of the hour, and one click to follow.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use egui::RichText;

use super::i18n::{Translate as _, format_count};
use super::style;
use crate::core::desktop::settings::FollowedHashtag;
use crate::core::social::trending::{TagTrend, Trending};

/// Rows shown.
const SHOWN: usize = 30;
/// The ranking is recomputed at most this often while the window is open.
const REFRESH: Duration = Duration::from_millis(500);

#[derive(Debug, Default)]
pub struct DiscoverView {
    pub open: bool,
    trending: Trending,
    shown: Vec<TagTrend>,
    shown_at: Option<Instant>,
}

fn now_secs() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

impl DiscoverView {
    /// One message seen on `tag`.
    pub fn record(&mut self, tag: &str) {
        self.trending.record(tag, now_secs());
    }

    /// Draws the window when open. Returns a hashtag the user chose to
    /// follow. `open` goes false when the window is closed.
    pub fn ui(&mut self, ctx: &egui::Context, hashtags: &[FollowedHashtag]) -> Option<String> {
        if !self.open {
            return None;
        }
        if self.shown_at.is_none_or(|at| at.elapsed() >= REFRESH) {
            self.shown = self.trending.top(SHOWN, now_secs());
            self.shown_at = Some(Instant::now());
        }
        let mut open = self.open;
        let mut follow = None;
        // Beside the timeline, clear of the hashtags panel and top bar.
        let right = ctx.content_rect().right();
        egui::Window::new(ctx.tr("discover-title"))
            .id(egui::Id::unique("discover-window"))
            .open(&mut open)
            .default_pos([(right - 480.0).max(220.0), 56.0])
            .default_width(460.0)
            .resizable(false)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(
                    RichText::new(ui.tr("discover-explained"))
                        .small()
                        .color(style::weak(ui)),
                );
                ui.add_space(4.0);
                if self.shown.is_empty() {
                    ui.label(ui.tr("discover-empty"));
                }
                egui::Grid::new("discover-grid")
                    .num_columns(5)
                    .spacing([12.0, 6.0])
                    .show(ui, |ui| {
                        if !self.shown.is_empty() {
                            let headings = [
                                ui.tr("discover-hashtag"),
                                ui.tr("discover-five-minutes"),
                                ui.tr("discover-hour"),
                                ui.tr("discover-last-hour"),
                                String::new(),
                            ];
                            for heading in headings {
                                ui.label(RichText::new(heading).small().color(style::weak(ui)));
                            }
                            ui.end_row();
                        }
                        for trend in &self.shown {
                            if let Some(tag) = row_ui(ui, trend, hashtags) {
                                follow = Some(tag);
                            }
                        }
                    });
            });
        self.open = open;
        if !open {
            self.shown_at = None;
        }
        follow
    }
}

fn row_ui(ui: &mut egui::Ui, trend: &TagTrend, hashtags: &[FollowedHashtag]) -> Option<String> {
    let mut follow = None;
    ui.label(RichText::new(format!("#{}", trend.tag)).strong());
    let language = ui.translations().language();
    ui.label(format_count(language, u64::from(trend.last_5_minutes)));
    ui.label(format_count(language, u64::from(trend.last_hour)));
    sparkline_ui(ui, &trend.sparkline);
    let following = hashtags.iter().any(|h| h.followed && h.tag == trend.tag);
    if following {
        ui.label(RichText::new(ui.tr("discover-following")).color(style::weak(ui)));
    } else if ui
        .button(ui.tr("discover-follow"))
        .on_hover_text(ui.tr_args(
            "discover-follow-hover",
            &[("tag", trend.tag.as_str().into())],
        ))
        .clicked()
    {
        follow = Some(trend.tag.clone());
    }
    ui.end_row();
    follow
}

/// The hour per minute as a line, scaled to its busiest minute.
fn sparkline_ui(ui: &mut egui::Ui, counts: &[u32]) {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(120.0, 18.0), egui::Sense::hover());
    let max = counts.iter().copied().max().unwrap_or(0).max(1) as f32;
    let step = rect.width() / (counts.len().max(2) - 1) as f32;
    let points: Vec<egui::Pos2> = counts
        .iter()
        .enumerate()
        .map(|(i, &count)| {
            egui::pos2(
                rect.left() + i as f32 * step,
                rect.bottom() - (count as f32 / max) * rect.height(),
            )
        })
        .collect();
    ui.painter().add(egui::Shape::line(
        points,
        egui::Stroke::new(1.5, style::ACCENT),
    ));
    let busiest = counts.iter().max().copied().unwrap_or(0);
    let hover = ui.tr_args("discover-busiest-minute", &[("count", busiest.into())]);
    response.on_hover_text(hover);
}
