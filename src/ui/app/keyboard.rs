//! The keyboard shortcuts carried out (ui/shortcuts.rs reads them): the
//! whole window can be driven without the mouse.

use crate::core::connection::net::NetCommand;
use crate::core::social::reaction::ReactionKind;
use crate::core::social::search::Filter;
use crate::ui::reaction_buttons::target_of;
use crate::ui::shortcuts::Shortcut;
use crate::ui::timeline_view::TweetAction;
use crate::ui::top_bar::TopBarAction;

use super::ChirpApp;

impl ChirpApp {
    /// Reads this frame's shortcut, before anything is drawn, and does it.
    pub(super) fn keyboard(&mut self, ctx: &egui::Context) {
        let Some(shortcut) = self.view.shortcut_keys.read(ctx) else {
            return;
        };
        match shortcut {
            Shortcut::NewTweet => self.view.compose.focus(),
            Shortcut::SelectNext => self.active_view().0.step_selection(1),
            Shortcut::SelectPrevious => self.active_view().0.step_selection(-1),
            Shortcut::Reply | Shortcut::Like | Shortcut::Message | Shortcut::OpenConversation => {
                if let Some(action) = self.selected_tweet_action(shortcut) {
                    self.tweet_action(action);
                }
            }
            Shortcut::GoHome => self.show(None),
            Shortcut::GoMentions => self.show(Some(Filter::Mentions(self.me()))),
            Shortcut::GoMessages => self.windows.messages.open = true,
            Shortcut::Search => self.view.filtered.open_search(),
            Shortcut::Close => self.close_topmost(),
            Shortcut::ShowSheet => self.windows.shortcut_sheet.open = true,
            Shortcut::OpenSettings => self.top_bar_action(TopBarAction::OpenSettings),
            Shortcut::ZoomIn | Shortcut::ZoomOut | Shortcut::ZoomReset => self.zoom(shortcut),
        }
    }

    fn zoom(&mut self, shortcut: Shortcut) {
        let appearance = &mut self.settings.appearance;
        match shortcut {
            Shortcut::ZoomIn => appearance.zoom_in(),
            Shortcut::ZoomOut => appearance.zoom_out(),
            _ => appearance.set_zoom(100),
        }
        if let Some(dialog) = &mut self.windows.settings_dialog {
            dialog.zoomed(*appearance);
        }
    }

    fn active_view(
        &mut self,
    ) -> (
        &mut crate::ui::timeline_view::TimelineView,
        &crate::core::model::timeline::Timeline,
    ) {
        let view = &mut self.view;
        view.filtered
            .active_view(&mut view.timeline_view, &self.timeline)
    }

    /// What r, l, m or o asks of the selected tweet (None: none selected,
    /// or it has no author to write to).
    fn selected_tweet_action(&mut self, shortcut: Shortcut) -> Option<TweetAction> {
        let my_key = self.services.identity.as_ref().map(|id| id.author_key());
        let me = self.me();
        let view = &mut self.view;
        let (view, timeline) = view
            .filtered
            .active_view(&mut view.timeline_view, &self.timeline);
        let entry = view.selected(timeline)?;
        let reactions = &self.reactions;
        match shortcut {
            Shortcut::Reply => Some(TweetAction::Reply(entry.reply_target())),
            Shortcut::Like => {
                let liked = my_key.is_some_and(|key| reactions.by_key(entry.id(), &key, true));
                let kind = if liked {
                    ReactionKind::Unlike
                } else {
                    ReactionKind::Like
                };
                // Without an identity, reacting says what is missing.
                Some(TweetAction::React(kind, target_of(entry)))
            }
            Shortcut::Message => entry
                .user()
                .filter(|user| *user != me && !entry.own)
                .map(|user| TweetAction::Message(user.to_owned())),
            Shortcut::OpenConversation => {
                Some(TweetAction::ShowConversation(entry.id().to_owned()))
            }
            _ => None,
        }
    }

    /// Esc: the shortcut sheet, then the windows over the main one, then
    /// the search box or narrowed view, then the selection; Esc in a text
    /// field leaves the field only.
    fn close_topmost(&mut self) {
        let windows = &mut self.windows;
        if std::mem::take(&mut windows.shortcut_sheet.open) {
            return;
        }
        // The dialog is modal: over every other window.
        if let Some(dialog) = windows.settings_dialog.take() {
            // As Cancel: the theme and zoom picked go back.
            self.settings.appearance = dialog.appearance_before();
            return;
        }
        if windows.person_card.take().is_some()
            || std::mem::take(&mut windows.identity.open)
            || std::mem::take(&mut windows.messages.open)
            || std::mem::take(&mut windows.diagnostics.open)
        {
            return;
        }
        if std::mem::take(&mut windows.discover.open) {
            self.services.net.send(NetCommand::Discover(false));
            return;
        }
        // egui has already taken the focus from a text field on Esc.
        let typing = self.view.shortcut_keys.was_typing();
        if (self.view.filtered.searching() || !typing) && self.view.filtered.close() {
            return;
        }
        if !typing {
            self.active_view().0.clear_selection();
        }
    }
}
