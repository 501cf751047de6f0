//! The keyboard shortcuts: which key does what, read from a frame's input.
//! Letter keys act only while no text field has the focus (they are
//! typing there); Ctrl ones and Esc act always.

use egui::{Key, Modifiers};

/// What a key asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    /// Focus the compose box.
    NewTweet,
    /// Select the next (older) tweet.
    SelectNext,
    /// Select the previous (newer) tweet.
    SelectPrevious,
    Reply,
    Like,
    /// Write to the selected tweet's author.
    Message,
    OpenConversation,
    GoHome,
    GoMentions,
    GoMessages,
    Search,
    /// Close the topmost window, box or selection.
    Close,
    ShowSheet,
    OpenSettings,
    ZoomIn,
    ZoomOut,
    ZoomReset,
}

/// Every shortcut as the sheet lists it: the message ids of the keys
/// (written the language's way: "Strg" in German) and of what they do.
pub const SHEET: &[(&str, &str)] = &[
    ("shortcut-new-keys", "shortcut-new"),
    ("shortcut-select-keys", "shortcut-select"),
    ("shortcut-reply-keys", "shortcut-reply"),
    ("shortcut-like-keys", "shortcut-like"),
    ("shortcut-message-keys", "shortcut-message"),
    ("shortcut-conversation-keys", "shortcut-conversation"),
    ("shortcut-toggle-keys", "shortcut-toggle"),
    ("shortcut-home-keys", "shortcut-home"),
    ("shortcut-mentions-keys", "shortcut-mentions"),
    ("shortcut-messages-keys", "shortcut-messages"),
    ("shortcut-search-keys", "shortcut-search"),
    ("shortcut-settings-keys", "shortcut-settings"),
    ("shortcut-zoom-keys", "shortcut-zoom"),
    ("shortcut-close-keys", "shortcut-close"),
    ("shortcut-sheet-keys", "shortcut-sheet"),
];

/// Reads shortcuts frame by frame; remembers a `g` waiting for its second key.
#[derive(Debug, Default)]
pub struct ShortcutKeys {
    go_pending: bool,
    /// A text field had the focus at the end of the last frame. Read
    /// before this frame's: egui drops the focus on Esc before Chirp sees it.
    typing: bool,
}

impl ShortcutKeys {
    /// The shortcut pressed this frame, if any; its key is consumed so the
    /// widgets don't see it too.
    pub fn read(&mut self, ctx: &egui::Context) -> Option<Shortcut> {
        let typing = self.typing || ctx.text_edit_focused();
        ctx.input_mut(|input| {
            if let Some(shortcut) = command_shortcut(input) {
                self.go_pending = false;
                return Some(shortcut);
            }
            if typing {
                self.go_pending = false;
                return None;
            }
            if self.go_pending {
                // Waits for the next key press, whichever it is.
                if input.events.iter().any(is_key_press) {
                    self.go_pending = false;
                    return go_target(input);
                }
                return None;
            }
            if input.consume_key(Modifiers::NONE, Key::G) {
                self.go_pending = true;
                return None;
            }
            letter_shortcut(input)
        })
    }

    /// Notes whether a text field has the focus as the frame ends.
    pub fn end_frame(&mut self, ctx: &egui::Context) {
        self.typing = ctx.text_edit_focused();
    }

    /// A text field had the focus as this frame began (Esc leaves it).
    pub fn was_typing(&self) -> bool {
        self.typing
    }
}

fn is_key_press(event: &egui::Event) -> bool {
    matches!(event, egui::Event::Key { pressed: true, .. })
}

/// Ctrl shortcuts and Esc: they act even while typing.
fn command_shortcut(input: &mut egui::InputState) -> Option<Shortcut> {
    let keys = [
        (Modifiers::COMMAND, Key::N, Shortcut::NewTweet),
        (Modifiers::COMMAND, Key::F, Shortcut::Search),
        (Modifiers::COMMAND, Key::Comma, Shortcut::OpenSettings),
        (Modifiers::COMMAND, Key::Equals, Shortcut::ZoomIn),
        (Modifiers::COMMAND, Key::Plus, Shortcut::ZoomIn),
        (Modifiers::COMMAND, Key::Minus, Shortcut::ZoomOut),
        (Modifiers::COMMAND, Key::Num0, Shortcut::ZoomReset),
        (Modifiers::NONE, Key::Escape, Shortcut::Close),
    ];
    keys.into_iter()
        .find(|(modifiers, key, _)| input.consume_key(*modifiers, *key))
        .map(|(_, _, shortcut)| shortcut)
}

/// The second key after `g`.
fn go_target(input: &mut egui::InputState) -> Option<Shortcut> {
    let keys = [
        (Key::H, Shortcut::GoHome),
        (Key::M, Shortcut::GoMentions),
        (Key::D, Shortcut::GoMessages),
    ];
    keys.into_iter()
        .find(|(key, _)| input.consume_key(Modifiers::NONE, *key))
        .map(|(_, shortcut)| shortcut)
}

/// Single keys, while no text field has the focus.
fn letter_shortcut(input: &mut egui::InputState) -> Option<Shortcut> {
    if input.modifiers.command || input.modifiers.alt {
        return None;
    }
    let keys = [
        (Key::N, Shortcut::NewTweet),
        (Key::J, Shortcut::SelectNext),
        (Key::K, Shortcut::SelectPrevious),
        (Key::R, Shortcut::Reply),
        (Key::L, Shortcut::Like),
        (Key::M, Shortcut::Message),
        (Key::O, Shortcut::OpenConversation),
        (Key::Slash, Shortcut::Search),
        (Key::Questionmark, Shortcut::ShowSheet),
    ];
    keys.into_iter()
        .find(|(key, _)| input.consume_key(Modifiers::NONE, *key))
        .map(|(_, shortcut)| shortcut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sheet_names_messages_every_language_has() {
        use crate::ui::i18n::{Language, Translations};
        for language in Language::all() {
            let tr = Translations::new(language);
            for key in SHEET.iter().flat_map(|(keys, what)| [keys, what]) {
                assert_ne!(tr.tr(key), *key, "{key} is missing");
            }
        }
    }
}
