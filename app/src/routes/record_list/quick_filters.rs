//! The quick filters: the owner (e.g. Deal owner), and Create date and Last activity date —
//! today, the last 7/30/90 days or a custom range. A plain GET form carrying the rest of the list's state, so it works without
//! JavaScript; with it, a preset applies at once and a custom range is checked at its fields.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::models::{
    input::parse_date,
    view::{DatePreset, LAST_ACTIVITY, ListUrl, RecordListView},
};

/// Which quick filter a field edits.
#[derive(Clone, Copy, PartialEq)]
enum QuickField {
    Created,
    LastActivity,
}

impl QuickField {
    fn param(self) -> &'static str {
        match self {
            QuickField::Created => "created",
            QuickField::LastActivity => "activity",
        }
    }

    fn label(self) -> &'static str {
        match self {
            QuickField::Created => "Create date",
            QuickField::LastActivity => "Last activity date",
        }
    }
}

#[component]
pub(super) fn QuickFilters(list: StoredValue<RecordListView>, path: &'static str) -> impl IntoView {
    let navigate = use_navigate();
    let has_activity = list.with_value(|l| l.field(LAST_ACTIVITY).is_some());
    // Everything but the quick filters travels along as hidden fields.
    let hidden = list.with_value(|l| {
        let mut state = l.state.clone();
        state.created = None;
        state.last_activity = None;
        state.owner = None;
        let query = ListUrl {
            view: Some(l.active),
            state: Some(state),
            ..l.base_url()
        }
        .to_query();
        form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| view! { <input type="hidden" name=k.into_owned() value=v.into_owned()/> })
            .collect_view()
    });
    let owner = RwSignal::new(list.with_value(|l| l.state.owner));
    let created = QuickDraft::new(list.with_value(|l| l.state.created));
    let activity = QuickDraft::new(list.with_value(|l| l.state.last_activity));
    let apply = Callback::new(move |()| {
        let (Some(created_preset), Some(activity_preset)) = (created.checked(), activity.checked())
        else {
            return;
        };
        let href = list.with_value(|l| {
            let mut state = l.state.clone();
            state.created = created_preset;
            state.last_activity = activity_preset;
            state.owner = owner.get_untracked();
            l.href_with(path, state)
        });
        navigate(&href, Default::default());
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        apply.run(());
    };
    let on_preset = apply;
    view! {
        <form class="quick-filters" method="get" action=path on:submit=on_submit>
            {hidden}
            <OwnerFilter list owner on_change=on_preset/>
            <QuickFilterField field=QuickField::Created draft=created on_preset/>
            {has_activity.then(|| view! { <QuickFilterField field=QuickField::LastActivity draft=activity on_preset/> })}
            <noscript>
                <button type="submit" class="button">"Apply"</button>
            </noscript>
        </form>
    }
}

/// The owner quick filter ("Deal owner"): anyone, or one user.
#[component]
fn OwnerFilter(
    list: StoredValue<RecordListView>,
    owner: RwSignal<Option<i64>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let Some(label) = list.with_value(|l| {
        l.owner_property
            .as_deref()
            .and_then(|name| l.field(name))
            .map(|f| f.label.clone())
    }) else {
        return ().into_any();
    };
    let options = list.with_value(|l| {
        l.users
            .iter()
            .map(|u| {
                let selected = owner.get_untracked() == Some(u.id);
                view! { <option value=u.id selected=selected>{u.name.clone()}</option> }
            })
            .collect_view()
    });
    view! {
        <div class="quick-filter">
            <label for="quick-owner">{label}</label>
            <select
                id="quick-owner"
                name="owner"
                on:change=move |ev| {
                    owner.set(event_target_value(&ev).parse::<i64>().ok());
                    on_change.run(());
                }
            >
                <option value="">"Anyone"</option>
                {options}
            </select>
        </div>
    }
    .into_any()
}

/// A quick filter as edited: the chosen option (`""`, `today`, `7d`…, `custom`) and the
/// custom range's ends, with their messages.
#[derive(Clone, Copy)]
struct QuickDraft {
    choice: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    error: RwSignal<Option<(bool, String)>>,
}

impl QuickDraft {
    fn new(preset: Option<DatePreset>) -> QuickDraft {
        let (choice, from, to) = match preset {
            None => (String::new(), String::new(), String::new()),
            Some(DatePreset::Range { from, to }) => {
                ("custom".into(), from.to_string(), to.to_string())
            }
            Some(other) => (other.to_param(), String::new(), String::new()),
        };
        QuickDraft {
            choice: RwSignal::new(choice),
            from: RwSignal::new(from),
            to: RwSignal::new(to),
            error: RwSignal::new(None),
        }
    }

    /// The preset to apply, or `None` (with a message at the field) if the range is bad.
    fn checked(self) -> Option<Option<DatePreset>> {
        self.error.set(None);
        let choice = self.choice.get_untracked();
        if choice.is_empty() {
            return Some(None);
        }
        if choice != "custom" {
            return DatePreset::parse(&choice).ok().map(Some);
        }
        let from = parse_date(&self.from.get_untracked());
        let to = parse_date(&self.to.get_untracked());
        match (from, to) {
            (Err(message), _) => {
                self.error.set(Some((false, message)));
                None
            }
            (_, Err(message)) => {
                self.error.set(Some((true, message)));
                None
            }
            (Ok(from), Ok(to)) if to < from => {
                self.error.set(Some((
                    true,
                    "The end of the range must not be before its start".into(),
                )));
                None
            }
            (Ok(from), Ok(to)) => Some(Some(DatePreset::Range { from, to })),
        }
    }
}

#[component]
fn QuickFilterField(
    field: QuickField,
    draft: QuickDraft,
    on_preset: Callback<()>,
) -> impl IntoView {
    let id = format!("quick-{}", field.param());
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    let options = std::iter::once((String::new(), "Any time".to_string()))
        .chain(std::iter::once(("today".to_string(), "Today".to_string())))
        .chain(
            DatePreset::PRESET_DAYS
                .iter()
                .map(|d| (format!("{d}d"), format!("Last {d} days"))),
        )
        .chain(std::iter::once((
            "custom".to_string(),
            "Custom range".to_string(),
        )))
        .map(|(value, label)| {
            let selected = draft.choice.get_untracked() == value;
            view! { <option value=value selected=selected>{label}</option> }
        })
        .collect_view();
    let custom = move || draft.choice.get() == "custom";
    let error_at = move |end: bool| {
        draft.error.with(|e| {
            e.as_ref()
                .filter(|(at_end, _)| *at_end == end)
                .map(|(_, m)| m.clone())
        })
    };
    // The custom range's two ends: `end` false for "from", true for "to".
    let range_input = {
        let id = id.clone();
        move |end: bool| {
            let (suffix, value) = if end {
                ("to", draft.to)
            } else {
                ("from", draft.from)
            };
            view! {
                <label class="visually-hidden" for=format!("{id}-{suffix}")>{format!("{} {suffix}", field.label())}</label>
                <input
                    type="date"
                    id=format!("{id}-{suffix}")
                    name=format!("{}_{suffix}", field.param())
                    prop:value=move || value.get()
                    aria-invalid=move || error_at(end).is_some().to_string()
                    aria-describedby=described.clone()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            }
        }
    };
    view! {
        <div class="quick-filter">
            <label for=id.clone()>{field.label()}</label>
            <select
                id=id.clone()
                name=field.param()
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    draft.choice.set(value.clone());
                    if value != "custom" {
                        on_preset.run(());
                    }
                }
            >
                {options}
            </select>
            <Show when=custom>
                {range_input(false)}
                {range_input(true)}
                <button type="submit" class="button">"Apply range"</button>
            </Show>
            {move || draft.error.get().map(|(_, message)| view! { <p class="field-error" id=error_id.clone() role="alert">{message}</p> })}
        </div>
    }
}
