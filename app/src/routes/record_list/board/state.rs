//! The board's client state: each column's cards, count and total as signals, and the moves
//! between them. A move shows at once (optimistic); the server then saves it with the record's
//! version, and a refusal puts the card back where it was and says why. A stage that needs
//! empty required properties keeps the card while the board asks for them.

use leptos::{prelude::*, task::spawn_local};

use crate::{
    error::{AppError, MissingProperty},
    functions::{load_board_column, move_record_to_stage},
    models::{
        BoardCard, UserRef,
        pipeline::{BoardColumn, StageMove},
        view::{FieldInfo, ListTab},
    },
};

/// One stage of the board.
#[derive(Clone, Copy)]
pub(super) struct ColumnState {
    pub stage_id: i64,
    pub name: StoredValue<String>,
    pub count: RwSignal<u64>,
    pub total: RwSignal<Option<i64>>,
    pub cards: RwSignal<Vec<BoardCard>>,
    pub has_more: RwSignal<bool>,
    /// The last card of the last page the server sent: the next page starts after it,
    /// whatever moved in or out since.
    pub cursor: RwSignal<Option<i64>>,
    pub loading: RwSignal<bool>,
}

/// A place on the board: a column and a position in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Spot {
    pub column: usize,
    pub index: usize,
}

/// A card being dragged with a pointer (mouse, pen or touch).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Drag {
    pub card_id: i64,
    pub name: String,
    pub origin: Spot,
    pub pointer_id: i32,
    pub start: (i32, i32),
    pub at: (i32, i32),
    /// Past the few pixels that tell a drag from a click.
    pub active: bool,
    /// The column and card under the pointer.
    pub over: Option<Spot>,
}

/// A card picked up with the keyboard, and where it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Lift {
    pub card_id: i64,
    pub origin: Spot,
}

/// A move waiting for the target stage's required properties.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct PendingMove {
    pub card_id: i64,
    pub origin: Spot,
    pub stage: String,
    pub missing: Vec<MissingProperty>,
}

#[derive(Clone, Copy)]
pub(super) struct BoardState {
    pub tab: ListTab,
    /// The list's query string: the board's filters, which more cards must follow too.
    pub query: StoredValue<String>,
    pub columns: StoredValue<Vec<ColumnState>>,
    pub fields: StoredValue<Vec<FieldInfo>>,
    pub users: StoredValue<Vec<UserRef>>,
    pub noun: StoredValue<String>,
    pub drag: RwSignal<Option<Drag>>,
    pub lift: RwSignal<Option<Lift>>,
    /// What the live region says.
    pub announcement: RwSignal<String>,
    pub error: RwSignal<Option<String>>,
    pub pending: RwSignal<Option<PendingMove>>,
    /// A refusal of the required-properties dialog's values: `(property, message)`.
    pub pending_error: RwSignal<Option<(String, String)>>,
    /// The card whose "Move to stage" dialog is open.
    pub choosing_stage: RwSignal<Option<i64>>,
    /// Cards whose move the server has not answered yet.
    pub saving: RwSignal<Vec<i64>>,
}

impl BoardState {
    pub fn new(
        tab: ListTab,
        query: String,
        columns: Vec<BoardColumn>,
        fields: Vec<FieldInfo>,
        users: Vec<UserRef>,
        noun: String,
    ) -> BoardState {
        let columns = columns
            .into_iter()
            .map(|c| ColumnState {
                stage_id: c.stage_id,
                name: StoredValue::new(c.name),
                count: RwSignal::new(c.count),
                total: RwSignal::new(c.total_cents),
                has_more: RwSignal::new(c.first.has_more),
                cursor: RwSignal::new(c.first.cards.last().map(|card| card.id)),
                cards: RwSignal::new(c.first.cards),
                loading: RwSignal::new(false),
            })
            .collect();
        BoardState {
            tab,
            query: StoredValue::new(query),
            columns: StoredValue::new(columns),
            fields: StoredValue::new(fields),
            users: StoredValue::new(users),
            noun: StoredValue::new(noun),
            drag: RwSignal::new(None),
            lift: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            pending: RwSignal::new(None),
            pending_error: RwSignal::new(None),
            choosing_stage: RwSignal::new(None),
            saving: RwSignal::new(vec![]),
        }
    }

    pub fn column(&self, index: usize) -> Option<ColumnState> {
        self.columns.with_value(|c| c.get(index).copied())
    }

    pub fn column_count(&self) -> usize {
        self.columns.with_value(Vec::len)
    }

    pub fn stage_name(&self, column: usize) -> String {
        self.column(column)
            .map(|c| c.name.get_value())
            .unwrap_or_default()
    }

    /// Where a card is now, and the card.
    pub fn find(&self, card_id: i64) -> Option<(Spot, BoardCard)> {
        self.columns.with_value(|columns| {
            columns.iter().enumerate().find_map(|(column, state)| {
                state.cards.with_untracked(|cards| {
                    cards
                        .iter()
                        .position(|c| c.id == card_id)
                        .map(|index| (Spot { column, index }, cards[index].clone()))
                })
            })
        })
    }

    pub fn card_name(&self, card_id: i64) -> String {
        self.find(card_id)
            .and_then(|(_, card)| card.name)
            .unwrap_or_else(|| "Untitled".into())
    }

    /// "over Negotiation, position 3 of 12".
    pub fn describe_spot(&self, spot: Spot) -> String {
        let of = self
            .column(spot.column)
            .map_or(0, |c| c.cards.with_untracked(Vec::len));
        format!(
            "{}, position {} of {of}",
            self.stage_name(spot.column),
            spot.index + 1
        )
    }

    /// Moves a card to `to` on the board (position clamped), adjusting both columns' counts
    /// and totals. Answers where the card was.
    pub fn relocate(&self, card_id: i64, to: Spot) -> Option<Spot> {
        let (from, card) = self.find(card_id)?;
        let source = self.column(from.column)?;
        let target = self.column(to.column)?;
        source.cards.update(|cards| {
            cards.remove(from.index);
        });
        target.cards.update(|cards| {
            let index = to.index.min(cards.len());
            cards.insert(index, card.clone());
        });
        if from.column != to.column {
            source.count.update(|n| *n = n.saturating_sub(1));
            target.count.update(|n| *n += 1);
            if let Some(amount) = card.amount_cents {
                source.total.update(|t| *t = t.map(|t| t - amount));
                target.total.update(|t| *t = t.map(|t| t + amount));
            }
        }
        Some(from)
    }

    /// Saves the card's move from `origin` to where it is now, with `values` for required
    /// properties. A refusal puts it back at `origin`, except one that asks for properties.
    pub fn commit(&self, card_id: i64, origin: Spot, values: Vec<(String, String)>) {
        if self.is_saving(card_id) {
            return;
        }
        let Some((now, card)) = self.find(card_id) else {
            return;
        };
        let Some(target) = self.column(now.column) else {
            return;
        };
        if now.column == origin.column && values.is_empty() {
            return;
        }
        let board = *self;
        let name = card.name.clone().unwrap_or_else(|| "Untitled".into());
        let stage = target.name.get_value();
        let request = StageMove {
            record_id: card_id,
            stage_id: target.stage_id,
            version: card.version,
            values,
        };
        let sent_values = !request.values.is_empty();
        self.saving.update(|s| s.push(card_id));
        spawn_local(async move {
            let outcome = move_record_to_stage(request).await;
            // The board may be gone by now (another pipeline, filter or page).
            if board
                .saving
                .try_update(|s| s.retain(|id| *id != card_id))
                .is_none()
            {
                return;
            }
            let own_dialog = board
                .pending
                .with_untracked(|p| p.as_ref().is_some_and(|p| p.card_id == card_id));
            match outcome {
                Ok(moved) => {
                    if own_dialog {
                        board.pending.set(None);
                    }
                    board.set_version(card_id, moved.version);
                    board.announce(format!("Saved: {name} is in {stage}"));
                }
                Err(AppError::MissingRequired { stage, properties }) => {
                    board.pending_error.set(None);
                    board.pending.set(Some(PendingMove {
                        card_id,
                        origin,
                        stage,
                        missing: properties,
                    }));
                }
                Err(AppError::Invalid { field, message })
                    if sent_values
                        && own_dialog
                        && board.pending.with_untracked(|p| {
                            p.as_ref()
                                .is_some_and(|p| p.missing.iter().any(|m| m.name == field))
                        }) =>
                {
                    board.pending_error.set(Some((field, message)));
                }
                Err(error) => {
                    if own_dialog {
                        board.pending.set(None);
                    }
                    board.put_back(card_id, origin);
                    let message = format!(
                        "{name} stayed in {}: {error}",
                        board.stage_name(origin.column)
                    );
                    board.announce(message.clone());
                    board.error.set(Some(message));
                }
            }
        });
    }

    /// Returns a card to `origin` (a refused or cancelled move).
    pub fn put_back(&self, card_id: i64, origin: Spot) {
        self.relocate(card_id, origin);
    }

    /// Whether the server has not answered this card's move yet: it may not move again until
    /// then (the move would carry a version about to change).
    pub fn is_saving(&self, card_id: i64) -> bool {
        self.saving.with_untracked(|s| s.contains(&card_id))
    }

    /// Whether a card may be picked up now: not while another is lifted, dragged or waiting
    /// for its required properties, nor while its own move is being saved.
    pub fn can_pick_up(&self, card_id: i64) -> bool {
        self.lift.with_untracked(Option::is_none)
            && self.drag.with_untracked(Option::is_none)
            && self.pending.with_untracked(Option::is_none)
            && !self.is_saving(card_id)
    }

    /// Says `text` in the live region, again even when it is what was said last.
    pub fn announce(&self, text: String) {
        self.announcement.update(|said| {
            // A changed text is what screen readers notice: a repeat gets a no-break space.
            *said = if *said == text {
                format!("{text}\u{a0}")
            } else {
                text
            };
        });
    }

    /// Cancels a keyboard lift: the card goes back where it was picked up.
    pub fn cancel_lift(&self) {
        if let Some(lift) = self.lift.get_untracked() {
            self.lift.set(None);
            self.put_back(lift.card_id, lift.origin);
            let back = self.find(lift.card_id).map_or(lift.origin, |(s, _)| s);
            self.announce(format!(
                "Move cancelled. {} is back in {}",
                self.card_name(lift.card_id),
                self.describe_spot(back)
            ));
        }
    }

    fn set_version(&self, card_id: i64, version: i64) {
        if let Some((spot, _)) = self.find(card_id)
            && let Some(column) = self.column(spot.column)
        {
            column.cards.update(|cards| {
                if let Some(card) = cards.get_mut(spot.index) {
                    card.version = version;
                }
            });
        }
    }

    /// Loads the next page of a column, after its last card.
    pub fn load_more(&self, column: usize) {
        let Some(state) = self.column(column) else {
            return;
        };
        if state.loading.get_untracked() || !state.has_more.get_untracked() {
            return;
        }
        let before = state.cursor.get_untracked();
        state.loading.set(true);
        let (tab, query) = (self.tab, self.query.get_value());
        let board = *self;
        spawn_local(async move {
            let outcome = load_board_column(tab, query, state.stage_id, before).await;
            if state.loading.try_set(false).is_some() {
                // The board is gone.
                return;
            }
            match outcome {
                Ok(page) => {
                    if let Some(last) = page.cards.last() {
                        state.cursor.set(Some(last.id));
                    }
                    // A card dropped here meanwhile may come again: it is shown once.
                    let fresh: Vec<BoardCard> = page
                        .cards
                        .into_iter()
                        .filter(|card| board.find(card.id).is_none())
                        .collect();
                    state.cards.update(|cards| cards.extend(fresh));
                    state.has_more.set(page.has_more);
                }
                Err(error) => board.error.set(Some(error.to_string())),
            }
        });
    }
}
