//! The state of a settings form: what it shows and edits (the draft) beside what was last saved,
//! so the form knows when it has unsaved changes and a successful save makes the sent values the
//! saved ones.

use leptos::prelude::*;

use crate::error::AppError;

/// A save action's last outcome, as `ServerAction::value()` gives it.
pub type SaveOutcome = MappedSignal<Option<Result<(), AppError>>>;

pub struct SettingsDraft<T: Send + Sync + 'static> {
    /// What the form shows and edits.
    pub current: RwSignal<T>,
    saved: RwSignal<T>,
    sent: RwSignal<T>,
}

impl<T: Send + Sync + 'static> Clone for SettingsDraft<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for SettingsDraft<T> {}

impl<T: Clone + PartialEq + Send + Sync + 'static> SettingsDraft<T> {
    /// Starts from `initial`, the saved values; `outcome` is the form's save action value.
    pub fn new(initial: T, outcome: SaveOutcome) -> Self {
        let draft = SettingsDraft {
            current: RwSignal::new(initial.clone()),
            saved: RwSignal::new(initial.clone()),
            sent: RwSignal::new(initial),
        };
        Effect::new(move |_| {
            if let Some(Ok(())) = outcome.get() {
                draft.saved.set(draft.sent.get_untracked());
            }
        });
        draft
    }

    /// Whether the form differs from what was last saved.
    pub fn dirty(self) -> Signal<bool> {
        Signal::derive(move || self.current.get() != self.saved.get())
    }

    /// The values to send now; once the save succeeds they count as saved.
    pub fn take_for_save(self) -> T {
        let values = self.current.get_untracked();
        self.sent.set(values.clone());
        values
    }
}
