//! The words demo data is made of (company, people and city names, subjects of activities and
//! events), picking among them, and shaping them into domains and labels.

use rand::{rngs::StdRng, seq::SliceRandom};

pub(super) const ADJECTIVES: &[&str] = &[
    "Blue",
    "Bright",
    "Cedar",
    "Clear",
    "Copper",
    "Crimson",
    "Delta",
    "Eastern",
    "Evergreen",
    "First",
    "Golden",
    "Granite",
    "Harbor",
    "Iron",
    "Lunar",
    "Maple",
    "Mighty",
    "Nimble",
    "North",
    "Oak",
    "Pacific",
    "Pine",
    "Prime",
    "Quantum",
    "Rapid",
    "Red",
    "Silver",
    "Solar",
    "Summit",
    "True",
    "Union",
    "Vertex",
    "Vivid",
    "Western",
    "Wild",
    "Zen",
];
pub(super) const NOUNS: &[&str] = &[
    "Analytics",
    "Anchor",
    "Arrow",
    "Beacon",
    "Bridge",
    "Canyon",
    "Cloud",
    "Compass",
    "Crest",
    "Data",
    "Dynamics",
    "Falcon",
    "Field",
    "Forge",
    "Freight",
    "Grove",
    "Health",
    "Horizon",
    "Insight",
    "Ledger",
    "Logic",
    "Metrics",
    "Motion",
    "Network",
    "Orbit",
    "Peak",
    "Pixel",
    "Point",
    "Signal",
    "Spark",
    "Stone",
    "Systems",
    "Thread",
    "Tide",
    "Vista",
    "Wave",
];
pub(super) const SUFFIXES: &[&str] = &[
    "Inc.",
    "Labs",
    "Group",
    "Partners",
    "Software",
    "Co.",
    "Holdings",
    "Technologies",
    "GmbH",
    "Ltd",
];
pub(super) const FIRST_NAMES: &[&str] = &[
    "Alex", "Amira", "Ana", "Ben", "Carla", "Chen", "Daniel", "Elena", "Emma", "Farah", "Giulia",
    "Hana", "Ivan", "Jonas", "Julia", "Kai", "Lena", "Liam", "Lucas", "Maria", "Marta", "Mateo",
    "Noah", "Nora", "Olga", "Omar", "Paula", "Piotr", "Priya", "Rafael", "Sara", "Sofia", "Tom",
    "Yuki", "Zoe",
];
pub(super) const LAST_NAMES: &[&str] = &[
    "Almeida",
    "Bauer",
    "Bianchi",
    "Brown",
    "Costa",
    "Dubois",
    "Fischer",
    "Garcia",
    "Hansen",
    "Ito",
    "Jensen",
    "Kowalski",
    "Kumar",
    "Lee",
    "Martin",
    "Meyer",
    "Moreau",
    "Nowak",
    "Okafor",
    "Patel",
    "Rossi",
    "Santos",
    "Schmidt",
    "Silva",
    "Smith",
    "Tanaka",
    "Wagner",
    "Wong",
    "Zielinski",
];
pub(super) const JOB_TITLES: &[&str] = &[
    "CEO",
    "CTO",
    "Head of Operations",
    "VP Customer Experience",
    "IT Manager",
    "Product Owner",
    "Procurement Lead",
    "Finance Director",
    "Marketing Manager",
    "Support Lead",
];
pub(super) const CITIES: &[&str] = &[
    "Berlin",
    "Boston",
    "Chicago",
    "Dublin",
    "Krakow",
    "Lisbon",
    "London",
    "Madrid",
    "Milan",
    "Paris",
    "Singapore",
    "Sydney",
    "Toronto",
    "Warsaw",
];
pub(super) const INDUSTRIES: &[&str] = &[
    "software",
    "financial_services",
    "healthcare",
    "manufacturing",
    "retail",
    "education",
    "logistics",
    "media",
];
pub(super) const NOTE_SUBJECTS: &[&str] = &[
    "Quarterly business review notes",
    "Adoption check-in",
    "Feedback on the new dashboard",
    "Escalation follow-up",
    "Expansion opportunity",
    "Renewal risk discussed",
];
pub(super) const TASK_SUBJECTS: &[&str] = &[
    "Prepare QBR deck",
    "Send renewal quote",
    "Follow up on support ticket",
    "Schedule onboarding call",
    "Review usage report",
    "Confirm training date",
    "Collect NPS feedback",
    "Update success plan",
];
pub(super) const CALL_SUBJECTS: &[&str] = &[
    "Check-in call",
    "Renewal call",
    "Executive sponsor call",
    "Technical review call",
];
pub(super) const EMAIL_SUBJECTS: &[&str] = &[
    "Your monthly usage summary",
    "Re: contract questions",
    "Training resources",
    "Next steps",
];
pub(super) const MEETING_SUBJECTS: &[&str] = &[
    "Quarterly business review",
    "Onboarding workshop",
    "Roadmap preview",
    "Success plan review",
];
pub(super) const PAGES: &[&str] = &[
    "/pricing",
    "/product/analytics",
    "/blog/renewals",
    "/docs/api",
    "/customers",
];
pub(super) const SEQUENCES: &[&str] =
    &["Renewal nurture", "Onboarding week 1", "Expansion outreach"];

pub(super) fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    items.choose(rng).expect("non-empty list")
}

pub(super) fn pick_str(rng: &mut StdRng, items: &[&'static str]) -> &'static str {
    items.choose(rng).copied().expect("non-empty list")
}

pub(super) fn slug(name: &str) -> String {
    name.split_whitespace()
        .take(2)
        .map(|w| {
            w.to_lowercase()
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("")
}

pub(super) fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
