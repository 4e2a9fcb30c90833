//! How often each object's records changed, as this process heard it: a cache of figures over
//! an object's records (the Summary's reports, [`super::report_cache`]) keeps an answer only
//! while its object's version stays the same. This process's own writes count at commit; every
//! instance's count again as the event bus relays them (PostgreSQL `LISTEN`). A `Resync` —
//! notifications possibly missed — counts as a change of everything.

use std::{
    collections::HashMap,
    sync::{
        Mutex,
        atomic::{AtomicU64, Ordering},
    },
};

use crate::models::live_event::LiveEvent;

/// Change counters, one per object; shared by a [`Db`](super::Db)'s clones through its bus.
#[derive(Debug, Default)]
pub struct ChangeVersions {
    everything: AtomicU64,
    objects: Mutex<HashMap<i64, u64>>,
}

/// An object's version: equal versions mean no change heard in between.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChangeVersion {
    everything: u64,
    object: u64,
}

impl ChangeVersions {
    /// Counts what `event` changed.
    pub fn note(&self, event: &LiveEvent) {
        match event {
            LiveEvent::RecordsChanged { object_type_id, .. } => {
                let mut objects = self.objects.lock().unwrap_or_else(|e| e.into_inner());
                *objects.entry(*object_type_id).or_default() += 1;
            }
            LiveEvent::Resync => {
                self.everything.fetch_add(1, Ordering::SeqCst);
            }
            _ => {}
        }
    }

    /// `object_type_id`'s version now.
    pub fn of(&self, object_type_id: i64) -> ChangeVersion {
        // Read before the object's count: a Resync racing this read makes the version older,
        // never newer, than what it stands for.
        let everything = self.everything.load(Ordering::SeqCst);
        let objects = self.objects.lock().unwrap_or_else(|e| e.into_inner());
        ChangeVersion {
            everything,
            object: objects.get(&object_type_id).copied().unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_moves_its_object_and_a_resync_moves_every_object() {
        let versions = ChangeVersions::default();
        let (deals, companies) = (versions.of(1), versions.of(2));
        versions.note(&LiveEvent::records_changed(1, vec![7]));
        assert_ne!(versions.of(1), deals);
        assert_eq!(versions.of(2), companies);
        versions.note(&LiveEvent::AlertsChanged { user_id: 3 });
        assert_eq!(versions.of(2), companies);
        versions.note(&LiveEvent::Resync);
        assert_ne!(versions.of(2), companies);
    }
}
