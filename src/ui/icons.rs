//! Icons drawn with lines, not taken from a font: a symbol such as ↩ or ✉
//! looks like whatever the installed fonts make of it (an emoji font
//! turns them into coloured pictures of another size), so the buttons
//! under a tweet paint theirs and look the same on every machine.

use egui::{Color32, Rect, Sense, Stroke, Vec2, pos2, vec2};

use super::style;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Icon {
    /// A hooked arrow pointing back: answering.
    Reply,
    /// An envelope: a direct message.
    Envelope,
    /// A heart's outline: like.
    Heart,
    /// A filled heart: liked.
    HeartFilled,
    /// Two arrows chasing round: repost.
    Repost,
    /// A pair of opening quotation marks: quote.
    Quote,
}

impl Icon {
    /// Draws the icon to fill `rect` (a square) with `colour`.
    pub fn paint(self, painter: &egui::Painter, rect: Rect, colour: Color32) {
        let pen = Pen {
            painter,
            rect,
            stroke: Stroke::new((rect.height() / 9.0).max(1.0), colour),
            colour,
        };
        match self {
            Icon::Reply => pen.reply(),
            Icon::Envelope => pen.envelope(),
            Icon::Heart => {
                painter.add(egui::Shape::closed_line(heart(rect), pen.stroke));
            }
            Icon::HeartFilled => pen.heart_filled(),
            Icon::Repost => pen.repost(),
            Icon::Quote => pen.quote(),
        }
    }

    /// Just the icon, the size of a line of small text.
    pub fn ui(self, ui: &mut egui::Ui, colour: Color32) -> egui::Response {
        let side = ui.text_style_height(&egui::TextStyle::Small);
        let (rect, response) = ui.allocate_exact_size(Vec2::splat(side), Sense::hover());
        if ui.is_rect_visible(rect) {
            self.paint(ui.painter(), rect, colour);
        }
        response
    }
}

/// Draws in a square, placed by fractions of its side (y down).
struct Pen<'a> {
    painter: &'a egui::Painter,
    rect: Rect,
    stroke: Stroke,
    colour: Color32,
}

impl Pen<'_> {
    fn at(&self, x: f32, y: f32) -> egui::Pos2 {
        let rect = self.rect;
        pos2(
            rect.left() + x * rect.width(),
            rect.top() + y * rect.height(),
        )
    }

    fn line(&self, from: (f32, f32), to: (f32, f32)) {
        let points = [self.at(from.0, from.1), self.at(to.0, to.1)];
        self.painter.line_segment(points, self.stroke);
    }

    fn reply(&self) {
        // The shaft: from the head straight right, then a quarter turn
        // down (an ellipse around (0.6, 0.8)).
        let mut shaft = vec![self.at(0.15, 0.45)];
        shaft.extend((0..=8).map(|i| {
            let angle = -std::f32::consts::FRAC_PI_2 * (1.0 - i as f32 / 8.0);
            self.at(0.6 + 0.28 * angle.cos(), 0.8 + 0.35 * angle.sin())
        }));
        self.painter.add(egui::Shape::line(shaft, self.stroke));
        // The head, pointing left.
        self.line((0.15, 0.45), (0.42, 0.2));
        self.line((0.15, 0.45), (0.42, 0.7));
    }

    fn envelope(&self) {
        let body = Rect::from_min_max(self.at(0.08, 0.22), self.at(0.92, 0.78));
        (self.painter).rect_stroke(body, 1.0, self.stroke, egui::StrokeKind::Inside);
        let flap = vec![body.left_top(), self.at(0.5, 0.55), body.right_top()];
        self.painter.add(egui::Shape::line(flap, self.stroke));
    }

    /// Not convex: the two lobes as circles, the rest one convex polygon
    /// under them.
    fn heart_filled(&self) {
        let radius = LOBE_RADIUS * self.rect.width();
        (self.painter).circle_filled(self.at(0.3, LOBE_Y), radius, self.colour);
        (self.painter).circle_filled(self.at(0.7, LOBE_Y), radius, self.colour);
        let body = [
            (0.11, 0.49),
            (0.3, LOBE_Y),
            (0.5, 0.36),
            (0.7, LOBE_Y),
            (0.89, 0.49),
            (0.5, 0.92),
        ];
        let body = body.iter().map(|&(x, y)| self.at(x, y)).collect();
        (self.painter).add(egui::Shape::convex_polygon(body, self.colour, Stroke::NONE));
    }

    /// Three quarters of a circle, the arrow's head at its end.
    fn repost(&self) {
        let centre = self.at(0.5, 0.5);
        let radius = 0.34 * self.rect.width();
        let arc: Vec<_> = (0..=12)
            .map(|i| centre + radius * Vec2::angled(-0.5 + 4.7 * i as f32 / 12.0))
            .collect();
        let end = arc.last().copied().unwrap_or(centre);
        self.painter.add(egui::Shape::line(arc, self.stroke));
        let size = 0.22 * self.rect.width();
        (self.painter).line_segment([end, end + vec2(size, 0.0)], self.stroke);
        (self.painter).line_segment([end, end + vec2(0.0, size)], self.stroke);
    }

    fn quote(&self) {
        for x in [0.3, 0.68] {
            let radius = 0.13 * self.rect.width();
            (self.painter).circle_filled(self.at(x, 0.55), radius, self.colour);
            self.line((x - 0.12, 0.55), (x + 0.04, 0.2));
        }
    }
}

/// A heart's outline in `rect`: two round lobes meeting in a notch, and
/// straight sides down to the point. (A smooth parametric heart has
/// points of zero speed at the notch and the tip, where a stroked line
/// draws long spikes.)
fn heart(rect: Rect) -> Vec<egui::Pos2> {
    let at = |x: f32, y: f32| {
        pos2(
            rect.left() + x * rect.width(),
            rect.top() + y * rect.height(),
        )
    };
    let lobe = |centre_x: f32, from: f32, to: f32| {
        (0..=10).map(move |i| {
            let angle = (from + (to - from) * i as f32 / 10.0).to_radians();
            at(
                centre_x + LOBE_RADIUS * angle.cos(),
                LOBE_Y + LOBE_RADIUS * angle.sin(),
            )
        })
    };
    let mut points = vec![at(0.5, 0.92)];
    // Left lobe from its lower left round over the top to the notch, then
    // the right lobe from the notch round to its lower right (y is down).
    points.extend(lobe(0.3, 150.0, 335.0));
    points.extend(lobe(0.7, 205.0, 390.0));
    points
}

const LOBE_RADIUS: f32 = 0.22;
const LOBE_Y: f32 = 0.38;

/// A quiet button under a tweet: a painted icon and small text (maybe
/// none), no frame until hovered. A screen reader hears `text` unless the
/// caller names it otherwise. `on`: in the accent colour (liked, reposted).
pub struct IconButton<'a> {
    pub icon: Icon,
    pub text: &'a str,
    pub on: bool,
}

impl egui::Widget for IconButton<'_> {
    fn ui(self, ui: &mut egui::Ui) -> egui::Response {
        let galley = egui::WidgetText::from(egui::RichText::new(self.text).small()).into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Small,
        );
        let padding = ui.spacing().button_padding;
        let side = ui.text_style_height(&egui::TextStyle::Small);
        let gap = if self.text.is_empty() { 0.0 } else { 4.0 };
        let size = vec2(side + gap + galley.size().x, side) + 2.0 * padding;
        let (rect, response) = ui.allocate_exact_size(size, Sense::click());
        let text = self.text;
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, ui.is_enabled(), text));
        if ui.is_rect_visible(rect) {
            let visuals = ui.style().interact(&response);
            let lit = response.hovered() || response.has_focus();
            if lit {
                let radius = visuals.corner_radius;
                ui.painter().rect_filled(rect, radius, visuals.weak_bg_fill);
            }
            let colour = match (self.on, lit) {
                (true, _) => style::accent(ui.visuals()),
                (false, true) => visuals.text_color(),
                (false, false) => style::weak(ui),
            };
            let icon_rect = Rect::from_min_size(rect.min + padding, Vec2::splat(side));
            self.icon.paint(ui.painter(), icon_rect, colour);
            let text_at = pos2(
                icon_rect.right() + gap,
                rect.center().y - galley.size().y / 2.0,
            );
            ui.painter().galley(text_at, galley, colour);
        }
        response
    }
}

/// An `IconButton` that is never "on".
pub fn icon_button(ui: &mut egui::Ui, icon: Icon, text: &str) -> egui::Response {
    ui.add(IconButton {
        icon,
        text,
        on: false,
    })
}
