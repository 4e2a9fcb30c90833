//! The Feed on a real database, SQLite and PostgreSQL: a CSM sees the sales events of the
//! contacts of the companies they own — and no one else's — newest first; the type, search and
//! sequence filters; paging through everything without a duplicate or a gap, ties of time
//! included, by both plans (walking all events, gathering the portfolio's) and by a searching
//! walk that hands over to gathering; new events counted after the newest shown, announced on
//! the bus; a deleted notification gone for its viewer only; contacts as the customer object.

mod common;

use std::time::Duration as StdDuration;

use app::{
    db::{
        Db,
        associations::associate,
        cs_objects::{cs_objects, save_cs_objects},
        feed::{self, Plan},
        records::{ChangeContext, create_record},
        sales_events::record_sales_event,
        schema::{ObjectType, object_type_by_name},
        users::{add_team_member, create_team},
        workspaces::{create_workspace, save_customers_settings, viewer_workspace},
    },
    error::AppError,
    models::{
        PropertyValue, SalesEventKind, Viewer,
        feed::{FEED_PAGE_SIZE, FeedCursor, FeedUrl, FeedView, SequenceFilter},
        live_event::LiveEvent,
    },
};
use chrono::{DateTime, Duration, TimeZone, Utc};

const IMPORT: ChangeContext<'static> = ChangeContext {
    actor: None,
    source: "test",
};

/// Every way of reading a page: each must give the same feed. A search window of 2 makes a
/// searching walk hand over to gathering at once, page after page.
const PLANS: [Plan; 4] = [
    Plan::Auto,
    Plan::Gather,
    Plan::Walk {
        search_window: 1_000,
    },
    Plan::Walk { search_window: 2 },
];

fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 10, 12, 0, 0).unwrap()
}

fn now() -> DateTime<Utc> {
    base() + Duration::hours(1)
}

async fn viewer(db: &Db, id: i64) -> Viewer {
    Viewer {
        id,
        name: "Viewer".into(),
        email: "viewer@example.com".into(),
        permissions: vec![],
        workspace: viewer_workspace(db, id).await.unwrap(),
        time_zone: Default::default(),
    }
}

async fn record(db: &Db, object: &ObjectType, values: &[(&str, PropertyValue)]) -> i64 {
    create_record(db, object, values, None, IMPORT)
        .await
        .unwrap()
}

fn name(text: &str) -> (&'static str, PropertyValue) {
    ("name", PropertyValue::Text(text.into()))
}

/// A sales event as the test wrote it, to compute what each feed must hold.
#[derive(Clone, Debug)]
struct Written {
    id: i64,
    contact: i64,
    kind: SalesEventKind,
    at: DateTime<Utc>,
    detail: String,
    sequence: Option<String>,
}

struct Fixture {
    carl: Viewer,
    /// Owns Acme too, through her team workspace's CSM property (the company owner).
    dana: Viewer,
    /// Owns Cobalt only.
    olga: Viewer,
    /// Owns nothing.
    nick: Viewer,
    ann: i64,
    dot: i64,
    /// Contact id → (contact name, name of Carl's company it belongs to, if his).
    people: Vec<(i64, &'static str, Option<&'static str>)>,
    events: Vec<Written>,
}

impl Fixture {
    /// Carl's notifications under `url`, in the feed's order, computed from what was written.
    fn expected(&self, url: &FeedUrl, dismissed: &[i64]) -> Vec<i64> {
        let mut shown: Vec<&Written> = self
            .events
            .iter()
            .filter(|e| !dismissed.contains(&e.id))
            .filter(|e| {
                self.people
                    .iter()
                    .any(|(id, _, company)| *id == e.contact && company.is_some())
            })
            .filter(|e| url.kind.is_none_or(|kind| kind == e.kind))
            .filter(|e| self.matches_search(e, &url.search))
            .filter(|e| self.matches_sequence(e.contact, &url.sequence))
            .collect();
        shown.sort_by(|a, b| b.at.cmp(&a.at).then(b.id.cmp(&a.id)));
        shown.iter().map(|e| e.id).collect()
    }

    fn matches_search(&self, event: &Written, search: &str) -> bool {
        if search.is_empty() {
            return true;
        }
        let needle = search.to_lowercase();
        let (_, contact, company) = self
            .people
            .iter()
            .find(|(id, _, _)| *id == event.contact)
            .unwrap();
        [
            Some(event.detail.as_str()),
            event.sequence.as_deref(),
            Some(*contact),
            *company,
        ]
        .into_iter()
        .flatten()
        .any(|text| text.to_lowercase().contains(&needle))
    }

    /// The contact's current enrollment: its latest enroll or unenroll event.
    fn matches_sequence(&self, contact: i64, filter: &SequenceFilter) -> bool {
        let latest = self
            .events
            .iter()
            .filter(|e| e.contact == contact)
            .filter(|e| {
                matches!(
                    e.kind,
                    SalesEventKind::SequenceEnrolled | SalesEventKind::SequenceUnenrolled
                )
            })
            .max_by(|a, b| a.at.cmp(&b.at).then(a.id.cmp(&b.id)));
        let enrolled_in = latest
            .filter(|e| e.kind == SalesEventKind::SequenceEnrolled)
            .and_then(|e| e.sequence.clone());
        match filter {
            SequenceFilter::Any => true,
            SequenceFilter::Enrolled => enrolled_in.is_some(),
            SequenceFilter::NotEnrolled => enrolled_in.is_none(),
            SequenceFilter::In(name) => enrolled_in.as_deref() == Some(name.as_str()),
        }
    }
}

async fn write(
    db: &Db,
    events: &mut Vec<Written>,
    contact: i64,
    kind: SalesEventKind,
    at: DateTime<Utc>,
    detail: &str,
    sequence: Option<&str>,
) {
    let id = record_sales_event(db, contact, kind, at, detail, sequence)
        .await
        .unwrap();
    events.push(Written {
        id,
        contact,
        kind,
        at,
        detail: detail.into(),
        sequence: sequence.map(str::to_string),
    });
}

/// Carl owns Acme (contacts Ann and Ben) and Bolt (Cid); Olga owns Cobalt (Dot); Eve belongs
/// to no company. Ben was created before Acme, so their association is stored the other way
/// round. 150 ordinary events in groups of three at the same moment, and sequence events:
/// Ann enrolled then unenrolled, Ben and Cid enrolled (in different sequences), Dot enrolled.
async fn fixture(db: &Db) -> Fixture {
    let carl = common::new_user(db, "carl@example.com").await;
    let dana = common::new_user(db, "dana@example.com").await;
    let olga = common::new_user(db, "olga@example.com").await;
    let nick = common::new_user(db, "nick@example.com").await;
    let companies = object_type_by_name(db, "companies").await.unwrap();
    let contacts = object_type_by_name(db, "contacts").await.unwrap();
    let csm = |id: i64| ("csm", PropertyValue::User(id));
    let ben = record(db, &contacts, &[name("Ben Ng")]).await;
    let acme = record(
        db,
        &companies,
        &[
            name("Acme Corp"),
            csm(carl),
            ("owner", PropertyValue::User(dana)),
        ],
    )
    .await;
    let bolt = record(db, &companies, &[name("Bolt Inc"), csm(carl)]).await;
    let cobalt = record(db, &companies, &[name("Cobalt Ltd"), csm(olga)]).await;
    let ann = record(db, &contacts, &[name("Ann Lee")]).await;
    let cid = record(db, &contacts, &[name("Cid Park")]).await;
    let dot = record(db, &contacts, &[name("Dot Fox")]).await;
    let eve = record(db, &contacts, &[name("Eve Ray")]).await;
    associate(db, acme, ann).await.unwrap();
    associate(db, acme, ben).await.unwrap();
    associate(db, bolt, cid).await.unwrap();
    associate(db, cobalt, dot).await.unwrap();

    // Dana's team works in a workspace whose CSM property is the company owner.
    let team = create_team(db, "Renewals").await.unwrap();
    add_team_member(db, dana, team, true).await.unwrap();
    let workspace = create_workspace(db, carl, "Renewals", "", &[team])
        .await
        .unwrap();
    let schema = db.schema().await.unwrap();
    let owner = schema
        .object_named("companies")
        .unwrap()
        .property("owner")
        .unwrap()
        .id;
    save_customers_settings(db, carl, workspace, Some(owner), None)
        .await
        .unwrap();

    let mut events = Vec::new();
    let people = [ann, ben, cid, dot, eve];
    let ordinary = [
        SalesEventKind::EmailOpened,
        SalesEventKind::EmailClicked,
        SalesEventKind::EmailReplied,
        SalesEventKind::FormSubmitted,
        SalesEventKind::PageVisited,
        SalesEventKind::MeetingBooked,
    ];
    for i in 0..150_i64 {
        let contact = people[(i % 5) as usize];
        let kind = ordinary[(i % 6) as usize];
        let detail = match kind {
            SalesEventKind::PageVisited if i % 4 == 0 => "/pricing".to_string(),
            SalesEventKind::PageVisited => "/docs/api".to_string(),
            SalesEventKind::FormSubmitted => "Contact us form".to_string(),
            SalesEventKind::MeetingBooked => String::new(),
            _ if i == 7 => "Save 100% now".to_string(),
            _ => format!("Subject {}", i % 5),
        };
        // Three at a time share a moment: the id orders them.
        let at = base() - Duration::minutes((i / 3) * 7);
        write(db, &mut events, contact, kind, at, &detail, None).await;
    }
    let enrolled = SalesEventKind::SequenceEnrolled;
    let unenrolled = SalesEventKind::SequenceUnenrolled;
    let minutes = |m: i64| base() - Duration::minutes(m);
    write(
        db,
        &mut events,
        ann,
        enrolled,
        minutes(30),
        "",
        Some("Renewal nurture"),
    )
    .await;
    write(
        db,
        &mut events,
        ann,
        unenrolled,
        minutes(10),
        "",
        Some("Renewal nurture"),
    )
    .await;
    write(
        db,
        &mut events,
        ben,
        enrolled,
        minutes(200),
        "",
        Some("Onboarding"),
    )
    .await;
    write(
        db,
        &mut events,
        cid,
        enrolled,
        minutes(50),
        "",
        Some("Renewal nurture"),
    )
    .await;
    write(
        db,
        &mut events,
        dot,
        enrolled,
        minutes(5),
        "",
        Some("Renewal nurture"),
    )
    .await;

    Fixture {
        carl: viewer(db, carl).await,
        dana: viewer(db, dana).await,
        olga: viewer(db, olga).await,
        nick: viewer(db, nick).await,
        ann,
        dot,
        people: vec![
            (ann, "Ann Lee", Some("Acme Corp")),
            (ben, "Ben Ng", Some("Acme Corp")),
            (cid, "Cid Park", Some("Bolt Inc")),
            (dot, "Dot Fox", None),
            (eve, "Eve Ray", None),
        ],
        events,
    }
}

async fn page(db: &Db, viewer: &Viewer, url: &FeedUrl, plan: Plan) -> FeedView {
    feed::feed_view(db, viewer, url, None, plan, now())
        .await
        .unwrap()
}

/// Every notification of `viewer` under `url`, page after page ("Load older activities").
async fn every_page(db: &Db, viewer: &Viewer, url: &FeedUrl, plan: Plan) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut before: Option<FeedCursor> = None;
    for _ in 0..100 {
        let view = feed::feed_view(db, viewer, url, before, plan, now())
            .await
            .unwrap();
        assert!(view.entries.len() <= FEED_PAGE_SIZE);
        if view.next.is_some() {
            assert_eq!(
                view.entries.len(),
                FEED_PAGE_SIZE,
                "only the last page is short"
            );
        }
        ids.extend(view.entries.iter().map(|e| e.id));
        match view.next {
            Some(next) => before = Some(next),
            None => return ids,
        }
    }
    panic!("the feed never ended");
}

async fn only_the_viewers_companies_newest_first(db: Db) {
    let f = fixture(&db).await;
    let all = FeedUrl::default();
    let expected = f.expected(&all, &[]);
    assert!(expected.len() > 2 * FEED_PAGE_SIZE, "several pages to walk");
    for plan in PLANS {
        let first = page(&db, &f.carl, &all, plan).await;
        assert!(first.owns_customers && first.unavailable.is_none());
        assert_eq!(first.as_of, now());
        let ids: Vec<i64> = first.entries.iter().map(|e| e.id).collect();
        assert_eq!(ids, expected[..FEED_PAGE_SIZE], "{plan:?}");
        // Names and links: the contact and the company of Carl's it belongs to.
        for entry in &first.entries {
            let (_, contact, company) = f
                .people
                .iter()
                .find(|(id, _, _)| *id == entry.contact.id)
                .unwrap();
            assert_eq!(entry.contact.name, *contact);
            assert_eq!(entry.company.as_ref().map(|c| c.name.as_str()), *company);
        }
        assert_eq!(
            every_page(&db, &f.carl, &all, plan).await,
            expected,
            "{plan:?}"
        );
    }
    // Olga sees Dot's only; Nick owns nothing.
    let olga = every_page(&db, &f.olga, &all, Plan::Auto).await;
    assert!(!olga.is_empty());
    assert!(
        olga.iter()
            .all(|id| f.events.iter().any(|e| e.id == *id && e.contact == f.dot))
    );
    let nick = page(&db, &f.nick, &all, Plan::Auto).await;
    assert!(nick.entries.is_empty() && !nick.owns_customers && nick.next.is_none());
}
db_test!(only_the_viewers_companies_newest_first);

async fn filters_narrow_the_feed_on_every_plan(db: Db) {
    let f = fixture(&db).await;
    let urls = [
        FeedUrl::parse("type=email_opened"),
        FeedUrl::parse("type=meeting_booked"),
        FeedUrl::parse("q=ann"),
        FeedUrl::parse("q=BOLT"),
        FeedUrl::parse("q=pricing"),
        FeedUrl::parse("q=100%25"),
        FeedUrl::parse("q=%25"),
        FeedUrl::parse("q=_"),
        FeedUrl::parse("q=renewal"),
        FeedUrl::parse("q=nobody+at+all"),
        FeedUrl::parse("sequence=enrolled"),
        FeedUrl::parse("sequence=not_enrolled"),
        FeedUrl::parse("sequence=in%3ARenewal+nurture"),
        FeedUrl::parse("sequence=in%3AOnboarding"),
        FeedUrl::parse("type=page_visited&q=pricing&sequence=not_enrolled"),
    ];
    for url in &urls {
        let expected = f.expected(url, &[]);
        for plan in PLANS {
            assert_eq!(
                every_page(&db, &f.carl, url, plan).await,
                expected,
                "{url:?} {plan:?}"
            );
        }
    }
    // The expectations are not vacuous.
    let count = |query: &str| f.expected(&FeedUrl::parse(query), &[]).len();
    assert_eq!(count("q=%25"), 1, "a literal %");
    assert_eq!(count("q=_"), 0, "a literal _");
    assert_eq!(count("q=nobody+at+all"), 0);
    assert!(count("q=ann") > 0 && count("q=ann") < count(""));
    assert!(count("sequence=in%3AOnboarding") > 0);
    assert!(count("sequence=enrolled") > count("sequence=in%3AOnboarding"));
    assert!(count("sequence=not_enrolled") > 0);
    // Every notification of a type filter says that type.
    let opened = page(
        &db,
        &f.carl,
        &FeedUrl::parse("type=email_opened"),
        Plan::Auto,
    )
    .await;
    assert!(!opened.entries.is_empty());
    assert!(
        opened
            .entries
            .iter()
            .all(|e| e.kind == SalesEventKind::EmailOpened)
    );
    // Nothing matching says so (the page tells this apart from an empty portfolio).
    let none = page(&db, &f.carl, &FeedUrl::parse("q=nobody"), Plan::Auto).await;
    assert!(none.entries.is_empty() && none.owns_customers && none.url.is_filtered());
}
db_test!(filters_narrow_the_feed_on_every_plan);

async fn a_deleted_notification_is_gone_for_its_viewer_only(db: Db) {
    let f = fixture(&db).await;
    let all = FeedUrl::default();
    let ann_event = |n: usize| {
        f.expected(&all, &[])
            .into_iter()
            .filter(|id| f.events.iter().any(|e| e.id == *id && e.contact == f.ann))
            .nth(n)
            .unwrap()
    };
    let (first, second) = (ann_event(0), ann_event(3));
    // Dana owns Acme through her workspace: she sees Ann's events too.
    assert!(
        every_page(&db, &f.dana, &all, Plan::Auto)
            .await
            .contains(&first)
    );

    feed::dismiss(&db, &f.carl, first, now()).await.unwrap();
    feed::dismiss(&db, &f.carl, second, now()).await.unwrap();
    // Twice is fine.
    feed::dismiss(&db, &f.carl, first, now()).await.unwrap();
    for plan in PLANS {
        assert_eq!(
            every_page(&db, &f.carl, &all, plan).await,
            f.expected(&all, &[first, second]),
            "{plan:?}"
        );
    }
    let dana = every_page(&db, &f.dana, &all, Plan::Auto).await;
    assert!(dana.contains(&first) && dana.contains(&second));

    // Not in Carl's feed: Dot's event (Olga's customer), an unknown id.
    let dots = f.events.iter().find(|e| e.contact == f.dot).unwrap().id;
    for id in [dots, i64::MAX] {
        assert!(matches!(
            feed::dismiss(&db, &f.carl, id, now()).await,
            Err(AppError::NotFound(_))
        ));
    }
    assert!(
        every_page(&db, &f.olga, &all, Plan::Auto)
            .await
            .contains(&dots)
    );
    // Nick, owning nothing, cannot delete Ann's either.
    assert!(matches!(
        feed::dismiss(&db, &f.nick, first, now()).await,
        Err(AppError::NotFound(_))
    ));
}
db_test!(a_deleted_notification_is_gone_for_its_viewer_only);

/// The events received within a second (PostgreSQL's arrive through LISTEN).
async fn received(
    events: &mut tokio::sync::broadcast::Receiver<app::models::live_event::LiveMessage>,
) -> Vec<LiveEvent> {
    let mut got = Vec::new();
    while let Ok(Ok(message)) = tokio::time::timeout(StdDuration::from_secs(1), events.recv()).await
    {
        got.push(message.event);
    }
    got
}

async fn new_activity_is_announced_and_counted_after_the_newest_shown(db: Db) {
    let f = fixture(&db).await;
    let all = FeedUrl::default();
    let first = page(&db, &f.carl, &all, Plan::Auto).await;
    let newest = first.entries[0].cursor();
    assert_eq!(
        feed::count_new(&db, &f.carl, &all, newest).await.unwrap(),
        0
    );
    // With nothing shown, "new" is after the moment the page was read.
    let read_at = FeedCursor { at: now(), id: 0 };
    assert_eq!(
        feed::count_new(&db, &f.carl, &all, read_at).await.unwrap(),
        0
    );

    let mut bus = db.events().subscribe().await.unwrap();
    let mut events = f.events.clone();
    let later = now() + Duration::minutes(1);
    write(
        &db,
        &mut events,
        f.ann,
        SalesEventKind::EmailReplied,
        later,
        "Re: renewal",
        None,
    )
    .await;
    write(
        &db,
        &mut events,
        f.dot,
        SalesEventKind::EmailReplied,
        later,
        "Re: renewal",
        None,
    )
    .await;
    let heard = received(&mut bus).await;
    assert!(
        heard.contains(&LiveEvent::SalesActivity {
            contact_ids: vec![f.ann]
        }),
        "{heard:?}"
    );

    // Ann's is Carl's; Dot's is not.
    assert_eq!(
        feed::count_new(&db, &f.carl, &all, newest).await.unwrap(),
        1
    );
    assert_eq!(
        feed::count_new(&db, &f.carl, &all, read_at).await.unwrap(),
        1
    );
    assert_eq!(
        feed::count_new(&db, &f.olga, &all, read_at).await.unwrap(),
        1
    );
    let opened = FeedUrl::parse("type=email_opened");
    assert_eq!(
        feed::count_new(&db, &f.carl, &opened, newest)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        feed::count_new(&db, &f.nick, &all, read_at).await.unwrap(),
        0
    );
    // Read again, it heads the feed, and the new one on top is what the count was after.
    let again = page(&db, &f.carl, &all, Plan::Auto).await;
    assert_eq!(again.entries[0].id, events[events.len() - 2].id);
    assert_eq!(again.entries[1].id, first.entries[0].id);
}
db_test!(new_activity_is_announced_and_counted_after_the_newest_shown);

async fn contacts_can_be_the_customers(db: Db) {
    let f = fixture(&db).await;
    let contacts = object_type_by_name(&db, "contacts").await.unwrap();
    let mut roles = cs_objects(&db).await.unwrap();
    roles.customer_object_id = contacts.id;
    save_cs_objects(&db, f.carl.id, &roles).await.unwrap();
    // Contacts have no CSM property: the first user property, the contact owner, stands in.
    let version = app::db::records::get_record(&db, f.ann)
        .await
        .unwrap()
        .version;
    app::db::records::update_record(
        &db,
        f.ann,
        version,
        &[("owner", Some(PropertyValue::User(f.carl.id)))],
        IMPORT,
    )
    .await
    .unwrap();
    let all = FeedUrl::default();
    let mut expected: Vec<&Written> = f.events.iter().filter(|e| e.contact == f.ann).collect();
    expected.sort_by(|a, b| b.at.cmp(&a.at).then(b.id.cmp(&a.id)));
    let expected: Vec<i64> = expected.iter().map(|e| e.id).collect();
    for plan in PLANS {
        let ids = every_page(&db, &f.carl, &all, plan).await;
        assert_eq!(ids, expected, "{plan:?}");
        let named = every_page(&db, &f.carl, &FeedUrl::parse("q=ann+lee"), plan).await;
        assert_eq!(named, expected, "{plan:?}");
    }
    let view = page(&db, &f.carl, &all, Plan::Auto).await;
    assert!(view.entries.iter().all(|e| e.company.is_none()));
    feed::dismiss(&db, &f.carl, expected[0], now())
        .await
        .unwrap();
    assert_eq!(
        every_page(&db, &f.carl, &all, Plan::Auto).await,
        expected[1..]
    );
}
db_test!(contacts_can_be_the_customers);
