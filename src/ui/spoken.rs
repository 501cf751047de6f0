//! What a screen reader says for widgets that show only a symbol or a
//! number ("×", "›", "♡ 2"), and the live regions it announces by itself.

use egui::accesskit::Live;

/// Names `response`'s widget for screen readers: what it does, not its icon.
pub fn name(response: &egui::Response, name: impl Into<String>) {
    let name = name.into();
    response
        .ctx
        .accesskit_node_builder(response.id, |node| node.set_label(name));
}

/// Makes `ui` a live region: a screen reader announces each change of
/// its name (politely, between other speech).
pub fn live(ui: &egui::Ui) {
    ui.ctx()
        .accesskit_node_builder(ui.unique_id(), |node| node.set_live(Live::Polite));
}

/// Keeps a widget inside a live region from being announced itself (the
/// region says it better, e.g. without a countdown).
pub fn quiet(response: &egui::Response) {
    response
        .ctx
        .accesskit_node_builder(response.id, |node| node.set_live(Live::Off));
}
