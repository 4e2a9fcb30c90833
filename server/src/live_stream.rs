//! `GET /api/events`: one server-sent event stream per browser tab (SPEC §6). It opens for a
//! session with workspace access (401 without one, 403 without access) and forwards the bus's
//! events that are for this user — ids only; the tab re-reads through the server functions,
//! whose permission checks decide what it sees.
//!
//! The first event is `ready`, with the time the last change reached this server: a tab whose
//! page was rendered before that, or that had a stream before, re-reads everything then, so a
//! gap (between render and hydration, offline, a restart) never goes unnoticed. A stream that falls too far behind gets a
//! `resync`; a session that ends (logout, deactivation, another device's password change) closes
//! its streams, and each stream checks its session every minute (expiry, lost access).

use std::{convert::Infallible, future::Future, pin::Pin, time::Duration};

use app::{
    auth,
    db::{
        Db,
        sessions::{self, SessionPolicy, SessionUse},
    },
    models::{
        Requirement,
        live_event::{LiveEvent, LiveMessage},
    },
    state::AppState,
};
use axum::{
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{
        IntoResponse, Response,
        sse::{Event, KeepAlive, Sse},
    },
};
use futures_util::stream::{self, Stream};
use tokio::sync::broadcast::{self, error::RecvError};

/// How often an open stream checks that its session is still valid (expiry, lost access).
const RECHECK: Duration = Duration::from_secs(60);
/// Idle streams send a `ping` event this often: proxies keep them open, and the tab tells a
/// silent (dead) connection from a quiet one.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

#[tracing::instrument(skip_all)]
pub async fn event_stream(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = auth::session_token(&state.sessions, &headers) else {
        return unauthorized();
    };
    let viewer = match auth::viewer_for_token(
        &state.db,
        &state.sessions,
        &token,
        SessionUse::Active,
    )
    .await
    {
        Ok(Some(viewer)) => viewer,
        Ok(None) => return unauthorized(),
        Err(error) => {
            tracing::error!(%error, "live events: cannot read the session");
            return unavailable();
        }
    };
    // Changes name records of the workspace: only its users hear of them.
    if Requirement::Workspace.check(Some(&viewer)).is_err() {
        return (
            StatusCode::FORBIDDEN,
            "Live updates need access to the Customer Success Workspace.",
        )
            .into_response();
    }
    let receiver = match state.db.events().subscribe().await {
        Ok(receiver) => receiver,
        Err(error) => {
            tracing::error!(%error, "live events: cannot subscribe");
            return unavailable();
        }
    };
    let mut recheck = tokio::time::interval(RECHECK);
    recheck.reset();
    let follower = Follower {
        db: state.db.clone(),
        policy: state.sessions.clone(),
        user_id: viewer.id,
        workspace_id: viewer.workspace.id,
        session: sessions::session_id(&token),
        token,
        receiver,
        closing: Box::pin(state.db.events().closing()),
        recheck,
        greeted: false,
    };
    Sse::new(events(follower))
        .keep_alive(
            KeepAlive::new()
                .interval(KEEP_ALIVE)
                .event(Event::default().event("ping").data("")),
        )
        .into_response()
}

fn unauthorized() -> Response {
    (StatusCode::UNAUTHORIZED, "Log in to receive live updates.").into_response()
}

fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "Live updates are unavailable. Please try again.",
    )
        .into_response()
}

/// One stream's state between events.
struct Follower {
    db: Db,
    policy: SessionPolicy,
    user_id: i64,
    workspace_id: i64,
    token: String,
    /// The session's stored id, which [`LiveEvent::SessionEnded`] names.
    session: String,
    /// When to check the session again (it may have expired, or lost its access).
    recheck: tokio::time::Interval,
    receiver: broadcast::Receiver<LiveMessage>,
    closing: Pin<Box<dyn Future<Output = ()> + Send>>,
    greeted: bool,
}

/// What the stream does with a message from the bus.
#[derive(Debug, PartialEq)]
enum Step {
    Send(LiveMessage),
    Skip,
    End,
}

/// Decides a message's fate for the stream of `user_id` in `workspace_id`, whose session is
/// `session` (its stored id).
fn step(message: LiveMessage, user_id: i64, workspace_id: i64, session: &str) -> Step {
    match &message.event {
        LiveEvent::SessionEnded { session: ended } if ended == session => Step::End,
        LiveEvent::UserSessionsEnded { user_id: ended } if *ended == user_id => Step::End,
        event if event.is_for(user_id, workspace_id) => Step::Send(message),
        _ => Step::Skip,
    }
}

/// Whether the session of `token` still opens the workspace for `user_id`. The check does not
/// keep the session alive: an open tab left alone still times out.
async fn still_allowed(db: &Db, policy: &SessionPolicy, token: &str, user_id: i64) -> bool {
    match auth::viewer_for_token(db, policy, token, SessionUse::Check).await {
        Ok(Some(viewer)) => {
            viewer.id == user_id && Requirement::Workspace.check(Some(&viewer)).is_ok()
        }
        Ok(None) => false,
        // The database is briefly unreachable: keep the stream, check again next time.
        Err(_) => true,
    }
}

fn events(follower: Follower) -> impl Stream<Item = Result<Event, Infallible>> {
    stream::unfold(follower, |mut follower| async move {
        if !follower.greeted {
            follower.greeted = true;
            // When the last change reached this server: a page rendered before it reads again.
            let last = follower.db.events().last_published_us().to_string();
            return Some((Ok(Event::default().event("ready").data(last)), follower));
        }
        loop {
            let received = tokio::select! {
                () = &mut follower.closing => return None,
                _ = follower.recheck.tick() => {
                    // Boxed: the check's future is large and runs once a minute; inline it
                    // would make every idle stream carry its size.
                    let check = Box::pin(still_allowed(&follower.db, &follower.policy, &follower.token, follower.user_id));
                    if check.await {
                        continue;
                    }
                    return None;
                }
                received = follower.receiver.recv() => received,
            };
            let message = match received {
                Ok(message) => message,
                Err(RecvError::Lagged(missed)) => {
                    tracing::warn!(missed, "live events: a stream fell behind; it re-reads");
                    LiveMessage {
                        event: LiveEvent::Resync,
                        published_at_us: chrono::Utc::now().timestamp_micros(),
                    }
                }
                Err(RecvError::Closed) => return None,
            };
            match step(
                message,
                follower.user_id,
                follower.workspace_id,
                &follower.session,
            ) {
                Step::Send(message) => {
                    return Some((Ok(Event::default().data(message.to_browser())), follower));
                }
                Step::Skip => continue,
                Step::End => return None,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(event: LiveEvent) -> LiveMessage {
        LiveMessage {
            event,
            published_at_us: 1,
        }
    }

    #[test]
    fn a_stream_forwards_its_users_events_and_ends_with_its_session() {
        let session = sessions::session_id("token");
        let step = |event| step(message(event), 7, 1, &session);
        let mine = LiveEvent::AlertsChanged { user_id: 7 };
        assert_eq!(step(mine.clone()), Step::Send(message(mine)));
        assert_eq!(step(LiveEvent::AlertsChanged { user_id: 8 }), Step::Skip);
        let records = LiveEvent::records_changed(1, vec![2]);
        assert_eq!(step(records.clone()), Step::Send(message(records)));
        assert_eq!(
            step(LiveEvent::WorkspaceChanged { workspace_id: 2 }),
            Step::Skip
        );
        let other_session = LiveEvent::SessionEnded {
            session: sessions::session_id("another token"),
        };
        assert_eq!(step(other_session), Step::Skip);
        let own_session = LiveEvent::SessionEnded {
            session: session.clone(),
        };
        assert_eq!(step(own_session), Step::End);
        assert_eq!(step(LiveEvent::UserSessionsEnded { user_id: 7 }), Step::End);
        assert_eq!(
            step(LiveEvent::UserSessionsEnded { user_id: 9 }),
            Step::Skip
        );
    }
}
